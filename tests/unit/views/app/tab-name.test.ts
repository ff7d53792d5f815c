/**
 * Label in name (WCAG 2.5.3): every tab that shows a short label keeps that label inside its
 * accessible name, in both languages, so speech users can say what they see.
 */
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, translate, type Language, type MessageKey } from '../../../../src/i18n';
import { accessibleName } from '../../../../src/views/app/tabName';

describe('tab accessible names', () => {
  it('keep the full name when it already holds the visible label', () => {
    expect(accessibleName('√d_k', 'Why √d_k')).toBe('Why √d_k');
    expect(accessibleName('Same word', 'Same word, different weights')).toBe(
      'Same word, different weights',
    );
    expect(accessibleName('Masks', 'Masks')).toBe('Masks');
  });

  it('put the visible label first when the full name does not hold it', () => {
    expect(accessibleName('Tiling', 'Efficient attention')).toBe('Tiling (Efficient attention)');
    expect(accessibleName('Positions', 'Positional encodings')).toBe(
      'Positions (Positional encodings)',
    );
  });

  for (const [language, messages] of Object.entries(DICTIONARIES)) {
    it(`${language}: every short tab label is inside its tab's accessible name`, () => {
      const shortKeys = Object.keys(messages).filter(
        (k) => k.startsWith('tab.') && k.endsWith('.short'),
      ) as MessageKey[];
      expect(shortKeys.length).toBeGreaterThanOrEqual(6);
      for (const key of shortKeys) {
        const lang = language as Language;
        const shown = translate(lang, key);
        const full = translate(lang, key.slice(0, -'.short'.length) as MessageKey);
        expect(shown, key).not.toBe('');
        const name = accessibleName(shown, full);
        expect(name.toLocaleLowerCase(), key).toContain(shown.toLocaleLowerCase());
      }
    });
  }
});

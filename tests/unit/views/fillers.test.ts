/**
 * Masked-LM fillers in the views: the pure helpers (which chips toggle a mask, the mask token's
 * text, the panel's heading), the strings in both languages, and the markup of the token chips
 * and the predictions panel rendered on the server from a store with a masked token.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Token } from '../../../src/engine';
import { translate } from '../../../src/i18n/translate';
import { resetAppStore, useAppStore, type MaskedToken } from '../../../src/store';
import type { HfModelInfo, NextTokenPredictions } from '../../../src/worker/protocol';
import { fillerHeading, maskTokenText } from '../../../src/views/predictions/fillers';
import { maskToggles } from '../../../src/views/tokens/maskChips';

// The tests' tsconfig has no JSX: load the components by paths the type checker does not follow.
type SlotProps = { slot: 'A' | 'B'; name: string };
const PANEL: string = '../../../src/views/predictions/PredictionsPanel.tsx';
const CHIPS: string = '../../../src/views/tokens/TokenChips.tsx';
const { PredictionsPanel } = (await import(PANEL)) as {
  PredictionsPanel: FunctionComponent<SlotProps>;
};
const { TokenChips } = (await import(CHIPS)) as { TokenChips: FunctionComponent<SlotProps> };

// Server rendering cannot subscribe: the components read the store's current state and English.
vi.mock('../../../src/i18n/useT', () => ({
  useT: () => (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate('en', key, params),
}));
vi.mock('../../../src/store', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/store')>();
  const hook = <T>(selector: (s: ReturnType<typeof real.useAppStore.getState>) => T): T =>
    selector(real.useAppStore.getState());
  return { ...real, useAppStore: Object.assign(hook, real.useAppStore) };
});

const tok = (text: string, special = false): Token => ({ text, id: 0, special, unknown: false });
const TOKENS = [tok('[CLS]', true), tok('the'), tok('bank'), tok('is'), tok('[SEP]', true)];
const MASKED_TOKENS = TOKENS.map((t, i) => (i === 2 ? tok('[MASK]', true) : t));

describe('maskToggles', () => {
  it('makes every non-special token a toggle, numbered from 1 with [CLS] counted', () => {
    expect(maskToggles(TOKENS, true, null)).toEqual([
      null,
      { number: 2, token: 'the', pressed: false },
      { number: 3, token: 'bank', pressed: false },
      { number: 4, token: 'is', pressed: false },
      null,
    ]);
  });

  it('keeps the masked token a pressed toggle named by its text before masking', () => {
    const toggles = maskToggles(MASKED_TOKENS, true, { index: 2, token: 'bank' });
    expect(toggles[2]).toEqual({ number: 3, token: 'bank', pressed: true });
    expect(toggles[1]?.pressed).toBe(false);
    expect(toggles[0]).toBeNull();
  });

  it('offers nothing when the sentence cannot be masked', () => {
    expect(maskToggles(TOKENS, false, null).every((t) => t === null)).toBe(true);
  });
});

describe('maskTokenText / fillerHeading', () => {
  it('reads the mask token from the masked run, or [MASK] until it arrives', () => {
    expect(maskTokenText(MASKED_TOKENS, 2)).toBe('[MASK]');
    expect(maskTokenText([tok('<s>', true), tok('<mask>', true)], 1)).toBe('<mask>');
    expect(maskTokenText(TOKENS, 2)).toBe('[MASK]'); // still the unmasked run's "bank"
    expect(maskTokenText([], 2)).toBe('[MASK]');
  });

  it('names the mask, the token’s number and its text, in both languages', () => {
    const en = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) =>
      translate('en', k, p);
    const zh = (k: Parameters<typeof translate>[1], p?: Parameters<typeof translate>[2]) =>
      translate('zh', k, p);
    expect(fillerHeading(en, { index: 2, token: 'bank' }, '[MASK]')).toBe(
      'Fillers for [MASK] (token 3: “bank”)',
    );
    expect(fillerHeading(en, { index: 2, token: 'bank' }, '')).toBe(
      'Fillers for [MASK] (token 3: “bank”)',
    );
    expect(fillerHeading(zh, { index: 2, token: 'bank' }, '[MASK]')).toBe(
      '[MASK] 的填充词（第 3 个词元：“bank”）',
    );
  });
});

describe('strings', () => {
  it('names the chips and gives the hint as the browser tests expect', () => {
    expect(translate('en', 'fillers.mask', { number: 3, token: 'bank' })).toBe(
      'Mask token 3 (bank)',
    );
    expect(translate('en', 'fillers.hint')).toBe(
      'Click a token to mask it and see what the model would fill in',
    );
    expect(translate('zh', 'fillers.mask', { number: 3, token: 'bank' })).toBe(
      '遮盖第 3 个词元（bank）',
    );
  });
});

const BERT = { key: 'k', fillsMask: true, predicts: false } as unknown as HfModelInfo;
const MASKED: MaskedToken = {
  index: 2,
  token: 'bank',
  text: 'the bank is',
  pair: null,
  modelKey: 'k',
};
const FILLERS: NextTokenPredictions = {
  position: 2,
  masked: true,
  logits: Float32Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, -5, -5]),
  top: Array.from({ length: 10 }, (_, i) => ({ id: i, text: `w${i}`, special: false })),
};

function setUp(
  masked: MaskedToken | null,
  tokens: Token[],
  predictions: NextTokenPredictions | null,
) {
  useAppStore.setState((s) => ({
    model: 'hf',
    hub: { ...s.hub, info: BERT },
    sentences: { ...s.sentences, A: 'the bank is' },
    maskedTokens: { A: masked, B: null },
    runs: { ...s.runs, A: { ...s.runs.A, state: 'ready', tokens, predictions } },
  }));
}

const render = (c: FunctionComponent<SlotProps>) =>
  renderToStaticMarkup(createElement(c, { slot: 'A', name: 'Sentence A' }));

describe('TokenChips with a masked LM', () => {
  beforeEach(() => resetAppStore());
  afterEach(() => resetAppStore());

  it('renders plain chips for other models', () => {
    useAppStore.setState((s) => ({ runs: { ...s.runs, A: { ...s.runs.A, tokens: TOKENS } } }));
    const html = render(TokenChips);
    expect(html).not.toContain('<button');
    expect(html).not.toContain('Click a token to mask it');
  });

  it('renders the hint and a toggle button per non-special token', () => {
    setUp(null, TOKENS, null);
    const html = render(TokenChips);
    expect(html).toContain('Click a token to mask it and see what the model would fill in');
    expect(html.match(/<button/g)).toHaveLength(3);
    expect(html).toContain('aria-pressed="false" aria-label="Mask token 3 (bank)"');
    expect(html).toContain('<li class="chip chip-special"');
  });

  it('marks the masked token pressed, shown as the mask token', () => {
    setUp(MASKED, MASKED_TOKENS, FILLERS);
    const html = render(TokenChips);
    expect(html).toMatch(
      /<li class="chip chip-special chip-maskable chip-masked"[^>]*><button type="button" class="chip-toggle" aria-pressed="true" aria-label="Mask token 3 \(bank\)">\[MASK\]<\/button><\/li>/,
    );
  });
});

describe('PredictionsPanel with a masked LM', () => {
  beforeEach(() => resetAppStore());
  afterEach(() => resetAppStore());

  it('shows the hint when nothing is masked', () => {
    setUp(null, TOKENS, null);
    const html = render(PredictionsPanel);
    expect(html).toContain('aria-label="Masked token of Sentence A"');
    expect(html).toContain('Click a token to mask it and see what the model would fill in');
    expect(html).not.toContain('<ol');
  });

  it('lists the 10 fillers as plain items with percentages under a heading', () => {
    setUp(MASKED, MASKED_TOKENS, FILLERS);
    const html = render(PredictionsPanel);
    expect(html).toContain('Fillers for [MASK] (token 3: “bank”)');
    expect(html).toContain('<ol class="predictions-list" aria-label="Predictions for Sentence A">');
    const items = html.match(/<li>.*?<\/li>/g) ?? [];
    expect(items).toHaveLength(10);
    expect(items[0]).toContain('<span class="prediction prediction-filler"');
    expect(items[0]).toContain('63.2%');
    expect(html).not.toContain('<button');
    expect(html).toContain('type="range"');
  });

  it('dims the fillers while the next run computes; none before the first', () => {
    setUp(MASKED, MASKED_TOKENS, FILLERS);
    useAppStore.setState((s) => ({ runs: { ...s.runs, A: { ...s.runs.A, state: 'loading' } } }));
    expect(render(PredictionsPanel)).toContain('predictions-list is-stale');
    setUp(MASKED, TOKENS, null);
    useAppStore.setState((s) => ({ runs: { ...s.runs, A: { ...s.runs.A, state: 'loading' } } }));
    const html = render(PredictionsPanel);
    expect(html).toContain('Filling in…');
    expect(html).toContain('Fillers for [MASK] (token 3: “bank”)');
    expect(html).not.toContain('<ol');
  });

  it('renders nothing for an empty sentence', () => {
    setUp(null, [], null);
    expect(render(PredictionsPanel)).toBe('');
  });
});

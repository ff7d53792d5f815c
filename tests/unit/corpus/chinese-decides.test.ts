/**
 * The ZH→EN corpus rewrite (scripts/corpus/chinese-decides.ts): choices the Chinese does not show
 * take their most likely outcome, choices it shows stay as drawn, and EN→ZH stays untouched.
 */
import { describe, expect, it } from 'vitest';
import { chineseDecides, recorded } from '../../../scripts/corpus/chinese-decides.ts';
import {
  checkPair,
  DEMO_SENTENCES,
  generatePairs,
  type GenerationReport,
} from '../../../scripts/corpus/generate.ts';
import { GROUPS } from '../../../scripts/corpus/grammar.ts';
import { Rng, replayRng } from '../../../scripts/corpus/rng.ts';
import { englishRenderings } from '../../../scripts/eval/translator-metrics.ts';

interface Toy {
  en: string;
  zh: string;
}

/**
 * A hand-built template: tense and number do not show in the Chinese (猫 / 很饿), 了 does. The
 * likelier outcomes are present (0.7) and singular (0.8).
 */
function toy(r: Rng): Toy {
  const past = r.chance(0.3);
  const plural = r.chance(0.2);
  const gone = r.chance(0.4);
  const subject = plural ? 'The cats' : 'The cat';
  const be = plural ? (past ? 'were' : 'are') : past ? 'was' : 'is';
  return gone
    ? { en: `${subject} ${plural ? 'have' : 'has'} gone.`, zh: '猫走了。' }
    : { en: `${subject} ${be} hungry.`, zh: '猫很饿。' };
}

describe('chinese-decides', () => {
  it('moves unmarked choices to their likeliest outcome and keeps marked ones', () => {
    const seen = new Map<string, Set<string>>();
    let marked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const first = recorded(new Rng(seed), toy);
      const out = chineseDecides({ gen: toy, keep: () => true }, first.value, first.draws).value;
      expect(out.zh).toBe(first.value.zh); // the Chinese never changes
      if (out.zh === '猫走了。') marked++;
      const set = seen.get(out.zh) ?? new Set();
      set.add(out.en);
      seen.set(out.zh, set);
    }
    // Both Chinese sentences occur, each with exactly one English: the likeliest one.
    expect([...seen.keys()].sort()).toEqual(['猫很饿。', '猫走了。']);
    expect([...seen.get('猫很饿。')!]).toEqual(['The cat is hungry.']);
    expect([...seen.get('猫走了。')!]).toEqual(['The cat has gone.']);
    expect(marked).toBeGreaterThan(40); // 了 was drawn about 40% of the time and stayed
  });

  it('never takes an outcome the template cannot keep', () => {
    const first = recorded(new Rng(3), toy);
    const out = chineseDecides(
      { gen: toy, keep: (b) => !b.en.startsWith('The cat ') },
      { en: 'The cats were hungry.', zh: '猫很饿。' },
      first.draws,
    ).value;
    expect(out.en.startsWith('The cat ')).toBe(false);
  });

  it('replays a recorded real template exactly', () => {
    const families = GROUPS.flatMap((g) => g.families);
    for (let seed = 1; seed <= 60; seed++) {
      const family = families[seed % families.length]!;
      const first = recorded(new Rng(seed), family.gen);
      const again = family.gen(
        replayRng(
          first.draws.map((d) => d.u),
          seed,
        ),
      );
      expect(again).toEqual(first.value);
    }
  });
});

describe('the ZH→EN corpus', () => {
  const report: GenerationReport = { rewritten: 0, sameChinese: 0 };
  const zhEn = generatePairs(1234, 3000, { chineseDecides: true }, report);
  const enZh = generatePairs(1234, 3000);

  it('gives each Chinese one English, where the EN→ZH corpus gives several', () => {
    const several = (pairs: typeof zhEn): number =>
      [...englishRenderings(pairs).values()].filter((s) => s.size > 1).length;
    expect(several(enZh)).toBeGreaterThan(0);
    expect(several(zhEn)).toBe(0);
    expect(new Set(zhEn.map((p) => p.zh)).size).toBe(zhEn.length);
  });

  it('rewrites English only: every pair passes the corpus checks and most Chinese is shared with EN→ZH', () => {
    for (const p of zhEn) expect(() => checkPair(p)).not.toThrow();
    expect(report.rewritten).toBeGreaterThan(1000);
    const enZhChinese = new Set(enZh.map((p) => p.zh));
    const shared = zhEn.filter((p) => enZhChinese.has(p.zh)).length;
    // Same seed, same draws for the template and its Chinese: the two corpora start alike.
    expect(shared / zhEn.length).toBeGreaterThan(0.5);
  });

  it('writes present tense where the Chinese shows none, and keeps what 了 marks', () => {
    const hungry = zhEn.filter((p) => /^[^，]*很饿。$/.test(p.zh));
    expect(hungry.length).toBeGreaterThan(0);
    for (const p of hungry) expect(p.en).not.toMatch(/\b(was|were|looked|felt)\b/);
    const ate = zhEn.filter((p) => /吃了/.test(p.zh));
    expect(ate.length).toBeGreaterThan(0);
    for (const p of ate) expect(p.en).toMatch(/\b(ate|eaten|did|had)\b/);
  });

  it('holds out the demo sentences by their Chinese', () => {
    const demo = new Set(DEMO_SENTENCES.map((d) => d.zh));
    expect(zhEn.some((p) => demo.has(p.zh))).toBe(false);
  });
});

import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  MAX_FRAGMENT_CHARS,
  MAX_SENTENCE_CHARS,
  SHARE_PREFIX,
  toBase64Url,
  validateSharedState,
  type ShareContext,
  type SharedState,
} from '../../../src/share';

const DEFAULTS: SharedState = {
  v: 1,
  model: 'translator',
  hf: null,
  sentences: { A: 'The bank is near the river.', B: 'I deposited money in the bank.' },
  tab: 'attention',
  kind: 'encoder-self',
  layer: 0,
  head: 0,
  focus: null,
  playground: {
    architecture: 'encoder',
    layers: 4,
    heads: 4,
    dModel: 64,
    positional: 'sinusoidal',
    norm: 'post',
    seed: 42,
    maxPositions: 512,
    vocabSize: 4096,
  },
  mask: { kind: 'none', radius: 2, dilation: 2 },
  colorMap: 'viridis',
  colorScale: 'linear',
  leaveOutFirst: false,
  weighting: 'attention',
  ablation: { heads: [], mode: 'zero' },
};

const CTX: ShareContext = {
  defaults: DEFAULTS,
  tabs: ['attention', 'heads', 'lines'],
  colorMaps: ['viridis', 'cividis', 'magma'],
  limits: {
    layers: { min: 1, max: 12 },
    heads: { min: 1, max: 16 },
    dModels: [16, 32, 64, 128, 256, 512],
    maxPositions: { min: 8, max: 2048 },
    radius: { min: 0, max: 64 },
    dilation: { min: 1, max: 16 },
    seed: { min: 0, max: 2 ** 31 - 1 },
  },
};

/** A fragment made by hand from any JSON value (what a hand-edited link would hold). */
function fragmentOf(value: unknown): string {
  const bytes = deflateRawSync(Buffer.from(JSON.stringify(value), 'utf8'));
  return SHARE_PREFIX + toBase64Url(new Uint8Array(bytes));
}

const STATE: SharedState = {
  ...DEFAULTS,
  model: 'playground',
  sentences: { A: 'Le café, « déjà » vu?', B: '银行在河边。 🏦 and "quotes" & <tags>' },
  tab: 'lines',
  kind: 'encoder-self',
  layer: 2,
  head: 3,
  focus: { slot: 'B', query: 1, key: 4 },
  playground: { ...DEFAULTS.playground, positional: 'rope', layers: 6, heads: 8, seed: 7 },
  mask: { kind: 'bigbird', radius: 3, dilation: 2 },
  colorMap: 'cividis',
  colorScale: 'log',
  leaveOutFirst: true,
  weighting: 'value',
};

describe('base64url', () => {
  it('round-trips any bytes without padding or +/', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(Array.from(fromBase64Url(text)!)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('refuses text that is not base64url', () => {
    expect(fromBase64Url('abc+/')).toBeNull();
    expect(fromBase64Url('a b')).toBeNull();
    expect(fromBase64Url('A')).toBeNull(); // a length of 4n+1 cannot be base64
  });
});

describe('encode/decode', () => {
  it('round-trips a full state exactly', async () => {
    const fragment = await encodeShareFragment(STATE);
    expect(fragment.startsWith(SHARE_PREFIX)).toBe(true);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    const result = await decodeShareFragment(`#${fragment}`, CTX);
    expect(result).toEqual({ ok: true, state: STATE, issues: [] });
  });

  it('round-trips random sentences (any Unicode) and indices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.string({ maxLength: 80 }),
        fc.nat(11),
        fc.nat(15),
        async (a, b, layer, head) => {
          const state = { ...DEFAULTS, sentences: { A: a, B: b }, layer, head };
          const result = await decodeShareFragment(await encodeShareFragment(state), CTX);
          expect(result).toEqual({ ok: true, state, issues: [] });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('keeps a sentence with <script> as literal text', async () => {
    const evil = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const state = { ...DEFAULTS, sentences: { A: evil, B: '"; DROP TABLE' } };
    const result = await decodeShareFragment(await encodeShareFragment(state), CTX);
    expect(result.ok && result.state.sentences).toEqual({ A: evil, B: '"; DROP TABLE' });
  });

  it('compresses: the default state fits well within a link', async () => {
    const fragment = await encodeShareFragment(DEFAULTS);
    expect(fragment.length).toBeLessThan(600);
  });
});

describe('malformed fragments fall back', () => {
  it('foreign fragments', async () => {
    expect(await decodeShareFragment('#section-2', CTX)).toEqual({ ok: false, reason: 'foreign' });
    expect(await decodeShareFragment('', CTX)).toEqual({ ok: false, reason: 'foreign' });
  });

  it('not base64url, not deflate, empty', async () => {
    for (const body of ['%%%', 'a b', '', 'AAAA', '____', 'SGVsbG8gd29ybGQ'])
      expect(await decodeShareFragment(SHARE_PREFIX + body, CTX), body).toEqual({
        ok: false,
        reason: 'corrupt',
      });
  });

  it('truncated links (every cut of a real one) never throw and never half-apply', async () => {
    const fragment = await encodeShareFragment(STATE);
    for (let cut = SHARE_PREFIX.length; cut < fragment.length; cut += 3) {
      const result = await decodeShareFragment(fragment.slice(0, cut), CTX);
      // A cut can only fail, or (rarely, at a deflate block boundary) decode to the same state.
      if (result.ok) expect(result.state).toEqual(STATE);
      else expect(['corrupt', 'invalid']).toContain(result.reason);
    }
  });

  it('flipped bytes fail cleanly or validate', async () => {
    const fragment = await encodeShareFragment(STATE);
    const chars = fragment.split('');
    for (let i = SHARE_PREFIX.length; i < chars.length; i += 7) {
      const copy = [...chars];
      copy[i] = copy[i] === 'A' ? 'B' : 'A';
      const result = await decodeShareFragment(copy.join(''), CTX);
      if (result.ok) expect(typeof result.state.sentences.A).toBe('string');
    }
  });

  it('oversized fragments (> 2 MB) are refused before decoding', async () => {
    const huge = SHARE_PREFIX + 'A'.repeat(MAX_FRAGMENT_CHARS);
    const started = performance.now();
    expect(await decodeShareFragment(huge, CTX)).toEqual({ ok: false, reason: 'tooLarge' });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('a deflate bomb stops at the inflate limit', async () => {
    // 4 MB of spaces compress to a few KB: small link, huge JSON.
    const bomb = fragmentOf({ v: 1, sentences: { A: ' '.repeat(4 * 1024 * 1024) } });
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(await decodeShareFragment(bomb, CTX)).toEqual({ ok: false, reason: 'tooLarge' });
  });

  it('JSON that is not a state object', async () => {
    for (const value of [null, 42, 'text', [1, 2], { hello: 'world' }, { v: 'one' }])
      expect(await decodeShareFragment(fragmentOf(value), CTX)).toEqual({
        ok: false,
        reason: 'invalid',
      });
    const notJson = SHARE_PREFIX + toBase64Url(new Uint8Array(deflateRawSync('{"v":1,')));
    expect(await decodeShareFragment(notJson, CTX)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('another version is refused as a whole', async () => {
    expect(await decodeShareFragment(fragmentOf({ ...STATE, v: 2 }), CTX)).toEqual({
      ok: false,
      reason: 'version',
    });
  });
});

describe('hand-edited links', () => {
  it('layer 999 passes validation as an index (clamped later to the model) ', async () => {
    const result = await decodeShareFragment(fragmentOf({ ...STATE, layer: 999, head: 77 }), CTX);
    expect(result.ok && [result.state.layer, result.state.head]).toEqual([999, 77]);
  });

  it('unknown model, tab, colour map, kind: defaults plus issues', () => {
    const result = validateSharedState(
      {
        ...STATE,
        model: 'gpt-9',
        tab: 'nope',
        colorMap: 'jet',
        kind: 'sideways',
      },
      CTX,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.model).toBe('translator');
    expect(result.state.tab).toBe('attention');
    expect(result.state.colorMap).toBe('viridis');
    expect(result.state.kind).toBe('encoder-self');
    expect(result.state.sentences).toEqual(STATE.sentences);
    expect(result.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'colorMap:unknown',
      'kind:invalid',
      'model:unknown',
      'tab:unknown',
    ]);
  });

  it('wrong types and out-of-range numbers take their defaults, field by field', () => {
    const result = validateSharedState(
      {
        v: 1,
        sentences: { A: 42, B: 'kept' },
        layer: -1,
        head: 1.5,
        focus: { slot: 'C', query: 0, key: 0 },
        playground: {
          layers: 999,
          heads: '4',
          dModel: 65,
          positional: 'fourier',
          seed: -3,
          norm: 'pre',
        },
        mask: { kind: 'eval("x")', radius: 1e9, dilation: 2 },
      },
      CTX,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const s = result.state;
    expect(s.sentences).toEqual({ A: DEFAULTS.sentences.A, B: 'kept' });
    expect([s.layer, s.head]).toEqual([0, 0]);
    expect(s.focus).toBeNull();
    expect(s.playground).toEqual({ ...DEFAULTS.playground, norm: 'pre' });
    expect(s.mask).toEqual({ ...DEFAULTS.mask, dilation: 2 });
    expect(result.issues.map((i) => i.field).sort()).toEqual(
      [
        'focus',
        'head',
        'layer',
        'mask.kind',
        'mask.radius',
        'playground.dModel',
        'playground.heads',
        'playground.layers',
        'playground.positional',
        'playground.seed',
        'sentences.A',
      ].sort(),
    );
  });

  it('__proto__ keys in the JSON pollute nothing', async () => {
    const raw = JSON.parse(
      '{"v":1,"__proto__":{"polluted":true},"playground":{"__proto__":{"layers":3}},"sentences":{"A":"x","__proto__":{"B":"y"}}}',
    ) as unknown;
    const result = await decodeShareFragment(fragmentOf(raw), CTX);
    expect(result.ok && result.state.playground).toEqual(DEFAULTS.playground);
    expect(result.ok && result.state.sentences).toEqual({ A: 'x', B: DEFAULTS.sentences.B });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('colour scale and "leave out the first token": kept, or defaults plus issues', async () => {
    const round = await decodeShareFragment(await encodeShareFragment(STATE), CTX);
    expect(round.ok && [round.state.colorScale, round.state.leaveOutFirst]).toEqual(['log', true]);
    const bad = validateSharedState({ ...STATE, colorScale: 'sqrt', leaveOutFirst: 'yes' }, CTX);
    expect(bad.ok).toBe(true);
    if (!bad.ok) return;
    expect([bad.state.colorScale, bad.state.leaveOutFirst]).toEqual(['linear', false]);
    expect(bad.issues.map((i) => `${i.field}:${i.code}`).sort()).toEqual([
      'colorScale:unknown',
      'leaveOutFirst:invalid',
    ]);
    // A link from before the fields existed opens with the defaults, and no issue.
    const { colorScale: _s, leaveOutFirst: _l, ...old } = STATE;
    const opened = validateSharedState(old, CTX);
    expect(opened.ok && [opened.state.colorScale, opened.state.leaveOutFirst]).toEqual([
      'linear',
      false,
    ]);
    expect(opened.ok && opened.issues).toEqual([]);
  });

  it('value-weighted attention: kept, or the default plus an issue', async () => {
    const round = await decodeShareFragment(await encodeShareFragment(STATE), CTX);
    expect(round.ok && round.state.weighting).toBe('value');
    const bad = validateSharedState({ ...STATE, weighting: 'norms' }, CTX);
    expect(bad.ok && bad.state.weighting).toBe('attention');
    expect(bad.ok && bad.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['weighting:unknown']);
    // A link from before the choice existed opens with the attention weights, and no issue.
    const { weighting: _w, ...old } = STATE;
    const opened = validateSharedState(old, CTX);
    expect(opened.ok && opened.state.weighting).toBe('attention');
    expect(opened.ok && opened.issues).toEqual([]);
  });

  it('missing fields take their defaults silently', () => {
    const result = validateSharedState({ v: 1, sentences: { A: 'only A' } }, CTX);
    expect(result).toEqual({
      ok: true,
      state: { ...DEFAULTS, sentences: { ...DEFAULTS.sentences, A: 'only A' } },
      issues: [],
    });
  });

  it('over-long sentences are cut (not dropped) with an issue', () => {
    const long = '😀'.repeat(MAX_SENTENCE_CHARS + 10);
    const result = validateSharedState({ v: 1, sentences: { A: long } }, CTX);
    expect(result.ok && Array.from(result.state.sentences.A).length).toBe(MAX_SENTENCE_CHARS);
    expect(result.ok && result.issues).toEqual([{ field: 'sentences.A', code: 'truncated' }]);
  });

  it('a kind the chosen model lacks falls back to its first kind', () => {
    const result = validateSharedState(
      { v: 1, model: 'playground', kind: 'cross', playground: { architecture: 'decoder' } },
      CTX,
    );
    expect(result.ok && result.state.kind).toBe('decoder-self');
  });
});

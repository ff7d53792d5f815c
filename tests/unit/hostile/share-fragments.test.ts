/**
 * Hostile `#s=` fragments on their way into the store: whatever a link holds, decoding never throws,
 * the store is left in a state it could have reached by hand, a notice says what happened, and
 * markup in a sentence stays literal text. (Decoder details: tests/unit/share/codec.test.ts.)
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  COLOR_MAPS,
  LIMITS,
  resetAppStore,
  setDebounceMs,
  setEngineClient,
  useAppStore,
} from '../../../src/store';
import {
  decodeShareFragment,
  encodeShareFragment,
  MAX_FRAGMENT_CHARS,
  snapshotShareState,
  type ShareContext,
} from '../../../src/share';
import { FakeClient } from '../store/fakeClient';

const state = () => useAppStore.getState();
const ctx = (): ShareContext => ({
  defaults: { ...snapshotShareState(state()), focus: null },
  tabs: ['attention', 'heads'],
  colorMaps: COLOR_MAPS,
  limits: LIMITS,
});
const handMade = (value: unknown): string =>
  `#s=${deflateRawSync(Buffer.from(JSON.stringify(value))).toString('base64url')}`;

beforeEach(() => {
  vi.useFakeTimers();
  resetAppStore();
  setEngineClient(new FakeClient());
  setDebounceMs(0);
});

afterEach(() => {
  resetAppStore();
  setEngineClient(null);
  vi.useRealTimers();
});

describe('hostile fragments through decode and restore', () => {
  it('any text after #s= decodes to a result (never a throw) and restores to a valid state', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom(...'AZaz09-_=%+/#'.split('')), maxLength: 300 }),
        ),
        async (body) => {
          resetAppStore();
          const result = await decodeShareFragment(`#s=${body}`, ctx());
          state().restoreShared(result);
          const s = state();
          expect(['translator', 'playground', 'hf']).toContain(s.model);
          expect(typeof s.sentences.A).toBe('string');
          expect(s.layer).toBeGreaterThanOrEqual(0);
          expect(s.head).toBeGreaterThanOrEqual(0);
          if (!result.ok)
            expect(s.shareNotices[0]).toEqual({ kind: 'unreadable', reason: result.reason });
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });

  it('oversized (> 2 MB), empty, truncated and doubled fragments', async () => {
    const good = await encodeShareFragment(snapshotShareState(state()));
    const cases: [string, string][] = [
      [`#s=${'A'.repeat(MAX_FRAGMENT_CHARS)}`, 'tooLarge'],
      ['#s=', 'corrupt'],
      [`#${good.slice(0, Math.floor(good.length / 2))}`, 'corrupt'],
      [`#${good}#${good}`, 'corrupt'],
      ['#<script>alert(1)</script>', 'foreign'],
      ['#s=%3Cscript%3E', 'corrupt'],
    ];
    for (const [fragment, reason] of cases) {
      const result = await decodeShareFragment(fragment, ctx());
      expect(result, fragment.slice(0, 40)).toEqual({ ok: false, reason });
    }
  });

  it('layer 999 and head -1 on the playground: clamped or reset, with notices', async () => {
    const shared = snapshotShareState(state());
    state().restoreShared(
      await decodeShareFragment(
        handMade({ ...shared, model: 'playground', layer: 998, head: -1 }),
        ctx(),
      ),
    );
    const layers = state().playground.layers;
    expect([state().layer, state().head]).toEqual([layers - 1, 0]);
    expect(state().shareNotices).toEqual([
      { kind: 'fields', fields: ['head'] },
      { kind: 'clamped', requestedLayer: 998, requestedHead: 0, layer: layers - 1, head: 0 },
    ]);
  });

  it('markup in a sentence stays literal text, sent to the engine as typed', async () => {
    const A = '<img src=x onerror=alert(1)>';
    const B = '<script>alert(document.cookie)</script>';
    const shared = snapshotShareState(state());
    state().restoreShared(
      await decodeShareFragment(handMade({ ...shared, sentences: { A, B } }), ctx()),
    );
    expect(state().sentences).toEqual({ A, B });
    expect(state().shareNotices).toEqual([]);
  });

  it('a notice about ignored query parameters outlives the link restored after it', async () => {
    useAppStore.setState({ shareNotices: [{ kind: 'params', params: ['model'] }] });
    state().restoreShared(await decodeShareFragment('#s=bm90LWEtbGluaw', ctx()));
    expect(state().shareNotices).toEqual([
      { kind: 'params', params: ['model'] },
      { kind: 'unreadable', reason: 'corrupt' },
    ]);
    const shared = snapshotShareState(state());
    state().restoreShared(
      await decodeShareFragment(handMade({ ...shared, model: 'gpt-9' }), ctx()),
    );
    expect(state().shareNotices).toEqual([
      { kind: 'params', params: ['model'] },
      { kind: 'fields', fields: ['model'] },
    ]);
  });
});

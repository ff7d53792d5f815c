/**
 * The JSON form: the app's own export, `attention-atlas-result` version 1 (the format is
 * documented in src/views/export/json.ts), both its `nested` and `float32-base64` weights. The
 * whole file is read and checked when it opens; sentence A (else the first sentence) is opened.
 */
import type { AttentionKind, MaskMatrix, Token } from '../../engine';
import { checkLayer } from './check';
import {
  AttentionFileError,
  ROW_SUM_TOLERANCE,
  type AttentionFile,
  type AttentionFileBlock,
} from './types';

const KINDS: readonly string[] = ['encoder-self', 'decoder-self', 'cross'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 1;

function base64ToBytes(text: string): Uint8Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Parses the app's JSON export (text) into an attention file whose layers are all in memory. */
export function readJsonAttentionFile(text: string, name: string): AttentionFile {
  const fail = (message: string, tensor?: string): never => {
    throw new AttentionFileError(name, message, tensor);
  };
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    fail(`is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  if (!isObj(root) || root.format !== 'attention-atlas-result')
    return fail('is not an attention-atlas-result file (its "format" says otherwise)');
  if (root.version !== 1) fail(`version ${JSON.stringify(root.version)} is not 1`);
  const encoding = root.weightsEncoding;
  if (encoding !== 'nested' && encoding !== 'float32-base64')
    fail(`weightsEncoding ${JSON.stringify(encoding)} is not "nested" or "float32-base64"`);
  const model = isObj(root.model) && typeof root.model.id === 'string' ? root.model.id : name;
  const sentences = Array.isArray(root.sentences) ? root.sentences.filter(isObj) : [];
  const sentence = sentences.find((s) => s.slot === 'A') ?? sentences[0];
  if (!sentence) return fail('holds no sentence');
  const rawTokens = Array.isArray(sentence.tokens) ? sentence.tokens : [];
  const tokens: Token[] = rawTokens.map((t, i) => {
    if (!isObj(t) || typeof t.text !== 'string') return fail(`token ${i} has no text`);
    return {
      text: t.text,
      id: typeof t.id === 'number' ? t.id : -1,
      special: t.special === true,
      unknown: t.unknown === true,
    };
  });
  const attention = Array.isArray(sentence.attention) ? sentence.attention : [];
  if (attention.length === 0) fail('holds no attention block');
  const layersByKind = new Map<AttentionKind, Float32Array[]>();
  const blocks: AttentionFileBlock[] = attention.map((raw, index): AttentionFileBlock => {
    const b = isObj(raw) ? raw : {};
    const kindName = typeof b.kind === 'string' ? b.kind : `attention[${index}]`;
    const tensor = kindName;
    if (!KINDS.includes(kindName)) fail(`kind is not one of ${KINDS.join(', ')}`, tensor);
    const kind = kindName as AttentionKind;
    if (layersByKind.has(kind)) fail('appears twice', tensor);
    const { layers, heads, queryLength, keyLength } = b;
    if (!isCount(layers) || !isCount(heads) || !isCount(queryLength) || !isCount(keyLength))
      return fail('layers, heads, queryLength and keyLength must be positive integers', tensor);
    const shape = [layers, heads, queryLength, keyLength];
    if (!Array.isArray(b.shape) || b.shape.length !== 4 || b.shape.some((d, i) => d !== shape[i]))
      fail(`shape ${JSON.stringify(b.shape)} is not [${shape.join(', ')}]`, tensor);
    const strings = (v: unknown, what: string): string[] =>
      Array.isArray(v) && v.every((t) => typeof t === 'string')
        ? v
        : fail(`${what} is not a list of strings`, tensor);
    const queryTokens = strings(b.queryTokens, 'queryTokens');
    const keyTokens = strings(b.keyTokens, 'keyTokens');
    if (queryTokens.length !== queryLength)
      fail(`has ${queryLength} queries, but ${queryTokens.length} query tokens`, tensor);
    if (keyTokens.length !== keyLength)
      fail(`has ${keyLength} keys, but ${keyTokens.length} key tokens`, tensor);
    const perLayer = heads * queryLength * keyLength;
    const data: Float32Array[] = [];
    if (encoding === 'float32-base64') {
      const bytes = typeof b.weights === 'string' ? base64ToBytes(b.weights) : null;
      if (!bytes) return fail('weights are not base64 text', tensor);
      if (bytes.byteLength !== layers * perLayer * 4)
        fail(
          `weights hold ${bytes.byteLength} bytes, but float32 [${shape.join(', ')}] needs ${layers * perLayer * 4}`,
          tensor,
        );
      const all = new Float32Array(bytes.buffer, 0, layers * perLayer);
      for (let l = 0; l < layers; l++) data.push(all.slice(l * perLayer, (l + 1) * perLayer));
    } else {
      const w = b.weights;
      const at = (path: string) => `weights${path} is not a list of ${'the right length'}`;
      if (!Array.isArray(w) || w.length !== layers) fail(at(''), tensor);
      for (let l = 0; l < layers; l++) {
        const out = new Float32Array(perLayer);
        const wl = (w as unknown[])[l];
        if (!Array.isArray(wl) || wl.length !== heads) fail(at(`[${l}]`), tensor);
        for (let h = 0; h < heads; h++) {
          const wh = (wl as unknown[])[h];
          if (!Array.isArray(wh) || wh.length !== queryLength) fail(at(`[${l}][${h}]`), tensor);
          for (let r = 0; r < queryLength; r++) {
            const row = (wh as unknown[])[r];
            if (!Array.isArray(row) || row.length !== keyLength)
              fail(at(`[${l}][${h}][${r}]`), tensor);
            for (let c = 0; c < keyLength; c++) {
              const v = (row as unknown[])[c];
              // JSON has no NaN: a null (what JSON.stringify writes for NaN) or text is refused.
              if (typeof v !== 'number')
                fail(
                  `layer ${l}, head ${h}, row ${r}, key ${c} is ${JSON.stringify(v)}, not a number`,
                  tensor,
                );
              out[(h * queryLength + r) * keyLength + c] = v as number;
            }
          }
        }
        data.push(out);
      }
    }
    data.forEach((layer, l) =>
      checkLayer(
        layer,
        { heads, queryLength, keyLength },
        { file: name, tensor, layer: l },
        ROW_SUM_TOLERANCE,
      ),
    );
    layersByKind.set(kind, data);
    let mask: MaskMatrix | null = null;
    if (b.mask !== null && b.mask !== undefined) {
      const m = b.mask;
      if (!Array.isArray(m) || m.length !== queryLength)
        fail(`mask is not [${queryLength}][${keyLength}] of 0 and 1`, tensor);
      const allowed = new Uint8Array(queryLength * keyLength);
      (m as unknown[]).forEach((row, r) => {
        if (!Array.isArray(row) || row.length !== keyLength || row.some((v) => v !== 0 && v !== 1))
          fail(`mask is not [${queryLength}][${keyLength}] of 0 and 1`, tensor);
        allowed.set(row as number[], r * keyLength);
      });
      mask = { rows: queryLength, cols: keyLength, allowed };
    }
    return {
      kind,
      tensor,
      layers,
      heads,
      queryLength,
      keyLength,
      queryTokens,
      keyTokens,
      mask,
      layerBytes: perLayer * 4,
    };
  });
  return {
    name,
    form: 'json',
    model,
    text: typeof sentence.text === 'string' ? sentence.text : tokens.map((t) => t.text).join(' '),
    tokens,
    blocks,
    readLayer(kind, layer) {
      const data = layersByKind.get(kind)?.[layer];
      if (!data)
        return Promise.reject(new AttentionFileError(name, `has no ${kind} layer ${layer}`));
      return Promise.resolve(data);
    },
  };
}

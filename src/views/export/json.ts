/**
 * The whole result (both sentences, every attention kind, layer and head) as one JSON file.
 *
 * Format `attention-atlas-result`, version 1:
 *
 * ```jsonc
 * {
 *   "format": "attention-atlas-result",
 *   "version": 1,
 *   "model": { "id": "en-zh-tiny", "type": "translator", "translator": { …TranslatorInfo } }
 *          | { "id": "playground", "type": "playground", "playground": { …options }, "mask": { … } },
 *   "weightsEncoding": "nested" | "float32-base64",
 *   "sentences": [{
 *     "slot": "A", "text": "The bank is near the river.",
 *     "tokens": [{ "text": "The", "id": 12, "special": false, "unknown": false }, …],
 *     "translation": "银行在河边。" | null,
 *     "attention": [{
 *       "kind": "encoder-self" | "decoder-self" | "cross",
 *       "layers": 2, "heads": 4, "queryLength": 7, "keyLength": 7,
 *       "queryTokens": ["The", …], "keyTokens": ["The", …],
 *       "shape": [layers, heads, queryLength, keyLength],
 *       "weights": [[[[0.91, 0.02, …], …], …], …]   // nested: [layer][head][query][key]
 *               | "AAAAPwAAgD4…",                   // float32-base64: see below
 *       "mask": [[1, 0, …], …] | null               // [query][key], 1 = may attend
 *     }]
 *   }]
 * }
 * ```
 *
 * `nested` numbers are rounded to 6 significant digits (readable, about half the size). For exact
 * values use `float32-base64`: the row-major [layer][head][query][key] Float32Array, little-endian,
 * in standard base64 (RFC 4648 §4). In Python:
 * `np.frombuffer(base64.b64decode(w), '<f4').reshape(shape)`; in JS:
 * `new Float32Array(Uint8Array.from(atob(w), c => c.charCodeAt(0)).buffer)`.
 */
import type { AttentionKind, MaskMatrix, PlaygroundOptions, Token } from '../../engine';
import type { MaskSettings, TranslatorInfo } from '../../store/types';
import type { HfModelInfo } from '../../worker/protocol';
import type { TrainedModel } from '../../analysis/trainedModel';

export type WeightsEncoding = 'nested' | 'float32-base64';

export interface ResultBlockInput {
  kind: AttentionKind;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  queryTokens: readonly string[];
  keyTokens: readonly string[];
  /** Per layer: [heads][queryLength][keyLength]; every layer must be present. */
  data: readonly Float32Array[];
  mask: MaskMatrix | null;
}

export interface ResultSentenceInput {
  slot: 'A' | 'B';
  text: string;
  tokens: readonly Token[];
  translation: string | null;
  blocks: readonly ResultBlockInput[];
}

export interface ResultInput {
  model:
    | { id: string; type: 'translator'; translator: TranslatorInfo | null }
    | { id: string; type: 'playground'; playground: PlaygroundOptions; mask: MaskSettings }
    | { id: string; type: 'hf'; hf: HfModelInfo | null }
    /** A model trained in the Train tab: what it was trained on and for how long (no weights). */
    | {
        id: string;
        type: 'trained';
        trained: Pick<TrainedModel, 'task' | 'settings' | 'step' | 'accuracy' | 'vocab'>;
      };
  sentences: readonly ResultSentenceInput[];
}

const round6 = (v: number): number => (Number.isFinite(v) ? Number(v.toPrecision(6)) : 0);

/** Bytes → standard base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Float32 values as little-endian base64. */
export function float32ToBase64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] ?? 0, true);
  return bytesToBase64(bytes);
}

function nestedWeights(block: ResultBlockInput): number[][][][] {
  const { queryLength: q, keyLength: k } = block;
  return block.data.map((layer) =>
    Array.from({ length: block.heads }, (_, h) =>
      Array.from({ length: q }, (_, r) =>
        Array.from(layer.subarray((h * q + r) * k, (h * q + r + 1) * k), round6),
      ),
    ),
  );
}

function maskRows(mask: MaskMatrix | null): number[][] | null {
  if (!mask) return null;
  return Array.from({ length: mask.rows }, (_, r) =>
    Array.from(mask.allowed.subarray(r * mask.cols, (r + 1) * mask.cols)),
  );
}

/** The result as a plain object of the documented format. */
export function resultToObject(input: ResultInput, encoding: WeightsEncoding): unknown {
  return {
    format: 'attention-atlas-result',
    version: 1,
    model: input.model,
    weightsEncoding: encoding,
    sentences: input.sentences.map((s) => ({
      slot: s.slot,
      text: s.text,
      tokens: s.tokens.map((t) => ({
        text: t.text,
        id: t.id,
        special: t.special,
        unknown: t.unknown,
      })),
      translation: s.translation,
      attention: s.blocks.map((b) => {
        const all = new Float32Array(b.layers * b.heads * b.queryLength * b.keyLength);
        if (encoding === 'float32-base64')
          b.data.forEach((layer, i) => all.set(layer, i * b.heads * b.queryLength * b.keyLength));
        return {
          kind: b.kind,
          layers: b.layers,
          heads: b.heads,
          queryLength: b.queryLength,
          keyLength: b.keyLength,
          queryTokens: [...b.queryTokens],
          keyTokens: [...b.keyTokens],
          shape: [b.layers, b.heads, b.queryLength, b.keyLength],
          weights: encoding === 'nested' ? nestedWeights(b) : float32ToBase64(all),
          mask: maskRows(b.mask),
        };
      }),
    })),
  };
}

/** The result as compact JSON text. */
export function resultToJson(input: ResultInput, encoding: WeightsEncoding = 'nested'): string {
  return JSON.stringify(resultToObject(input, encoding));
}

export function jsonFile(json: string): Blob {
  return new Blob([json], { type: 'application/json' });
}

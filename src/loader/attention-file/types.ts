/** What an attention file holds once its header (or its JSON) has been read and checked. */
import type { AttentionKind, MaskMatrix, Token } from '../../engine';

/** Rows must sum to 1 within this (F32, F16 and the JSON forms); all-zero rows pass (masked rows). */
export const ROW_SUM_TOLERANCE = 1e-3;
/** BF16 keeps 8 bits of mantissa: its rows may be off by up to this. */
export const ROW_SUM_TOLERANCE_BF16 = 1e-2;

/** The binary form's tensor names, and the block kind each one is shown as. */
export const TENSOR_KINDS: Readonly<Record<string, AttentionKind | null>> = {
  'encoder-self': 'encoder-self',
  'decoder-self': 'decoder-self',
  cross: 'cross',
  /** A single block of any kind: `__metadata__.kind` says which (default encoder-self). */
  attention: null,
};

export interface AttentionFileBlock {
  kind: AttentionKind;
  /** The tensor (binary form) or `attention[i]` (JSON form) it came from: errors name it. */
  tensor: string;
  layers: number;
  heads: number;
  queryLength: number;
  keyLength: number;
  queryTokens: string[];
  keyTokens: string[];
  /** [query][key], 1 = may attend, when the file says; null otherwise. */
  mask: MaskMatrix | null;
  /** Float32 bytes of one layer ([heads][queryLength][keyLength]). */
  layerBytes: number;
}

export interface AttentionFile {
  /** The file's name, as errors and the page show it. */
  name: string;
  form: 'json' | 'safetensors';
  /** The model id the file names (its `model`), or the file's name when it names none. */
  model: string;
  /** The sentence's text when the file gives it; the tokens joined with spaces otherwise. */
  text: string;
  /** The tokens of the sentence (the blocks' rows and columns unless they give their own). */
  tokens: Token[];
  blocks: AttentionFileBlock[];
  /**
   * One layer of one block, row-major [heads][queryLength][keyLength], checked (finite, rows sum to
   * 1 or are all zero). The binary form reads only that layer's bytes (`Blob.slice`).
   */
  readLayer(kind: AttentionKind, layer: number): Promise<Float32Array>;
}

/** A refused attention file: the message names the file and, where there is one, the tensor. */
export class AttentionFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly tensor?: string,
  ) {
    super(`${file}: ${tensor ? `tensor ${tensor}: ` : ''}${message}`);
    this.name = 'AttentionFileError';
  }
}

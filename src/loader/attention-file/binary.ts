/**
 * The binary form: a safetensors file with one tensor per attention block (layout in the README,
 * "Open attention computed elsewhere"). Only the header is read when the file opens; a layer is
 * read (and checked) when it is asked for, through `Blob.slice`.
 */
import type { AttentionKind, Token } from '../../engine';
import {
  DTYPE_BYTES,
  parseSafetensorsHeader,
  safetensorsHeaderLength,
  toFloat32,
  type SafetensorsEntry,
} from '../safetensors';
import { checkLayer, parseTokenList } from './check';
import {
  AttentionFileError,
  ROW_SUM_TOLERANCE,
  ROW_SUM_TOLERANCE_BF16,
  TENSOR_KINDS,
  type AttentionFile,
  type AttentionFileBlock,
} from './types';

const KINDS: readonly AttentionKind[] = ['encoder-self', 'decoder-self', 'cross'];

async function bytesOf(blob: Blob, begin: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(begin, end).arrayBuffer());
}

/** Reads the header of a binary attention file; layers are read later, one at a time. */
export async function readBinaryAttentionFile(blob: Blob, name: string): Promise<AttentionFile> {
  const fail = (message: string, tensor?: string): never => {
    throw new AttentionFileError(name, message, tensor);
  };
  const size = blob.size;
  const n = safetensorsHeaderLength(await bytesOf(blob, 0, 8), size, name);
  const header = parseSafetensorsHeader(await bytesOf(blob, 0, 8 + n), size, name);
  const meta = header.metadata;
  if (meta.format !== 'attention-atlas')
    fail(
      `__metadata__.format is ${JSON.stringify(meta.format ?? null)}, not "attention-atlas" (see the README for the layout)`,
    );
  if (meta.version !== '1')
    fail(`__metadata__.version is ${JSON.stringify(meta.version ?? null)}, not "1"`);
  if (meta.tokens === undefined) fail('__metadata__.tokens is missing');
  const tokens = parseTokenList(meta.tokens!, '__metadata__.tokens', name);
  if (header.entries.length === 0) fail('holds no attention tensor');
  const metaKind = meta.kind;
  if (metaKind !== undefined && !(KINDS as readonly string[]).includes(metaKind))
    fail(`__metadata__.kind ${JSON.stringify(metaKind)} is not one of ${KINDS.join(', ')}`);

  const blocks: (AttentionFileBlock & { entry: SafetensorsEntry })[] = [];
  for (const entry of header.entries) {
    const tensor = entry.name;
    if (!Object.prototype.hasOwnProperty.call(TENSOR_KINDS, tensor))
      fail(`is not an attention block (names: ${Object.keys(TENSOR_KINDS).join(', ')})`, tensor);
    if (tensor === 'attention' && header.entries.length > 1)
      fail('must be the only tensor of the file (or name each block by its kind)', tensor);
    const kind: AttentionKind =
      TENSOR_KINDS[tensor] ?? (metaKind as AttentionKind | undefined) ?? 'encoder-self';
    if (entry.dtype !== 'F32' && entry.dtype !== 'F16' && entry.dtype !== 'BF16')
      fail(`dtype ${entry.dtype} is not F32, F16 or BF16`, tensor);
    if (entry.shape.length !== 4)
      fail(
        `shape [${entry.shape.join(', ')}] has rank ${entry.shape.length}, not 4 ([layers, heads, queries, keys])`,
        tensor,
      );
    const [layers, heads, queryLength, keyLength] = entry.shape as [number, number, number, number];
    if (layers < 1 || heads < 1 || queryLength < 1 || keyLength < 1)
      fail(`shape [${entry.shape.join(', ')}] has an empty dimension`, tensor);
    const own = (key: string): string | undefined =>
      meta[`${tensor}.${key}`] ?? meta[`${kind}.${key}`];
    const queryTokens =
      own('query_tokens') !== undefined
        ? parseTokenList(own('query_tokens')!, `__metadata__.${tensor}.query_tokens`, name, tensor)
        : kind === 'cross' && meta.query_tokens !== undefined
          ? parseTokenList(meta.query_tokens, '__metadata__.query_tokens', name, tensor)
          : tokens;
    const keyTokens =
      own('key_tokens') !== undefined
        ? parseTokenList(own('key_tokens')!, `__metadata__.${tensor}.key_tokens`, name, tensor)
        : kind === 'cross' && meta.key_tokens !== undefined
          ? parseTokenList(meta.key_tokens, '__metadata__.key_tokens', name, tensor)
          : tokens;
    if (queryLength !== queryTokens.length)
      fail(
        `shape [${entry.shape.join(', ')}] has ${queryLength} queries, but the file gives ${queryTokens.length} query tokens`,
        tensor,
      );
    if (keyLength !== keyTokens.length)
      fail(
        `shape [${entry.shape.join(', ')}] has ${keyLength} keys, but the file gives ${keyTokens.length} key tokens`,
        tensor,
      );
    blocks.push({
      kind,
      tensor,
      layers,
      heads,
      queryLength,
      keyLength,
      queryTokens,
      keyTokens,
      mask: null,
      layerBytes: heads * queryLength * keyLength * 4,
      entry,
    });
  }
  blocks.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));

  const runTokens: Token[] = tokens.map((text) => ({
    text,
    id: -1,
    special: false,
    unknown: false,
  }));
  return {
    name,
    form: 'safetensors',
    model: meta.model?.trim() || name,
    text: meta.text ?? tokens.join(' '),
    tokens: runTokens,
    blocks: blocks.map(({ entry: _entry, ...block }) => block),
    async readLayer(kind, layer) {
      const block = blocks.find((b) => b.kind === kind);
      if (!block) throw new AttentionFileError(name, `holds no ${kind} block`);
      if (!Number.isInteger(layer) || layer < 0 || layer >= block.layers)
        throw new AttentionFileError(name, `has no layer ${layer}`, block.tensor);
      const { entry } = block;
      const perLayer = block.heads * block.queryLength * block.keyLength * DTYPE_BYTES[entry.dtype];
      const begin = header.dataStart + entry.begin + layer * perLayer;
      const raw = await bytesOf(blob, begin, begin + perLayer);
      if (raw.byteLength !== perLayer)
        throw new AttentionFileError(
          name,
          `layer ${layer} gave ${raw.byteLength} bytes, not ${perLayer} (did the file change?)`,
          block.tensor,
        );
      let data = toFloat32(raw, entry.dtype, name, block.tensor);
      // A view of the slice's own buffer (F32): copy only when it is shared (never, in practice).
      if (data.buffer.byteLength !== data.byteLength) data = data.slice();
      checkLayer(
        data,
        block,
        { file: name, tensor: block.tensor, layer },
        entry.dtype === 'BF16' ? ROW_SUM_TOLERANCE_BF16 : ROW_SUM_TOLERANCE,
      );
      return data;
    },
  };
}

/**
 * A safetensors reader that validates the way the reference implementation does, and a writer.
 *
 * Layout: 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__"?: {…} }`, then the data.
 * Every error names the file and, where there is one, the tensor.
 */
import { Bf16Values } from '../engine/weights';

export type SafetensorsDtype =
  'F32' | 'F16' | 'BF16' | 'F64' | 'I64' | 'I32' | 'I16' | 'I8' | 'U8' | 'BOOL';

export const DTYPE_BYTES: Record<SafetensorsDtype, number> = {
  F64: 8,
  I64: 8,
  F32: 4,
  I32: 4,
  F16: 2,
  BF16: 2,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

/** The reference implementation refuses headers over 100 MB. */
export const MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  /** Byte range inside the data section. */
  begin: number;
  end: number;
}

export interface SafetensorsFile {
  metadata: Record<string, string>;
  entries: SafetensorsEntry[];
  /** Byte offset of the data section in the file (8 + the header's length). */
  dataStart: number;
  /** Reads one tensor as float32 (F16/BF16/F64/ints converted). */
  float32(name: string): Float32Array;
  /**
   * Reads one tensor for the engine: BF16 stays compact as its 16-bit words (a view of the file
   * when aligned), everything else as float32.
   */
  values(name: string): Float32Array | Bf16Values;
}

export class SafetensorsError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly tensor?: string,
  ) {
    super(`${file}: ${tensor ? `tensor ${tensor}: ` : ''}${message}`);
    this.name = 'SafetensorsError';
  }
}

function isDtype(value: unknown): value is SafetensorsDtype {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPE_BYTES, value);
}

/** What the header of a safetensors file says, validated against the file's size. */
export interface SafetensorsHeader {
  metadata: Record<string, string>;
  entries: SafetensorsEntry[];
  /** Byte offset of the data section in the file (8 + the header's length). */
  dataStart: number;
}

/**
 * The header length N from a file's first 8 bytes, checked against the limit and the file's size
 * (`fileSize` bytes): the whole header is then bytes [8, 8 + N).
 */
export function safetensorsHeaderLength(
  first8: Uint8Array,
  fileSize: number,
  file = 'model.safetensors',
): number {
  if (first8.byteLength < 8 || fileSize < 8)
    throw new SafetensorsError(
      file,
      `file is ${fileSize} bytes, too short for the 8-byte header length`,
    );
  const view = new DataView(first8.buffer, first8.byteOffset, 8);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(MAX_HEADER_BYTES))
    throw new SafetensorsError(
      file,
      `header length ${headerLength} is over the ${MAX_HEADER_BYTES}-byte limit`,
    );
  const n = Number(headerLength);
  if (8 + n > fileSize)
    throw new SafetensorsError(
      file,
      `header length ${n} runs past the end of the file (${fileSize} bytes)`,
    );
  return n;
}

/** Parses and validates a whole safetensors file held in memory. */
export function readSafetensors(bytes: Uint8Array, file = 'model.safetensors'): SafetensorsFile {
  const { metadata, entries, dataStart } = parseSafetensorsHeader(bytes, bytes.byteLength, file);
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    metadata,
    entries,
    dataStart,
    values(name: string): Float32Array | Bf16Values {
      const e = byName.get(name);
      if (!e || e.dtype !== 'BF16' || !LITTLE_ENDIAN) return this.float32(name);
      return new Bf16Values(words16(bytes.subarray(dataStart + e.begin, dataStart + e.end)));
    },
    float32(name: string): Float32Array {
      const e = byName.get(name);
      if (!e) throw new SafetensorsError(file, 'not in the file', name);
      return toFloat32(bytes.subarray(dataStart + e.begin, dataStart + e.end), e.dtype, file, name);
    },
  };
}

/**
 * Parses and validates a safetensors header: `head` holds at least the file's first 8 + N bytes
 * (N the header length), `fileSize` is the whole file's size, so a file read lazily (the header
 * first, tensors later through `Blob.slice`) is checked exactly as one held in memory.
 */
export function parseSafetensorsHeader(
  head: Uint8Array,
  fileSize: number,
  file = 'model.safetensors',
): SafetensorsHeader {
  const fail = (message: string, tensor?: string): never => {
    throw new SafetensorsError(file, message, tensor);
  };
  const n = safetensorsHeaderLength(head, fileSize, file);
  if (8 + n > head.byteLength)
    fail(`header length ${n} runs past the ${head.byteLength} bytes given for the header`);
  const bytes = head;
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    fail('header is not valid UTF-8');
  }
  if (!text.startsWith('{')) fail('header is not a JSON object');
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    fail(`header is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('header is not a JSON object');
  // JSON.parse keeps the last of two equal keys silently; the reference refuses the file.
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== null) fail('appears twice in the header', duplicate);
  const dataStart = 8 + n;
  const dataLength = fileSize - dataStart;
  const metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        fail('__metadata__ is not an object');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    if (typeof raw !== 'object' || raw === null) fail('entry is not an object', name);
    const info = raw as Record<string, unknown>;
    if (!isDtype(info.dtype)) fail(`unknown dtype ${JSON.stringify(info.dtype)}`, name);
    const dtype = info.dtype as SafetensorsDtype;
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
      fail(`shape ${JSON.stringify(shape)} is not a list of non-negative safe integers`, name);
    const offsets = info.data_offsets;
    if (
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)
    )
      fail(`data_offsets ${JSON.stringify(offsets)} are not two non-negative safe integers`, name);
    const [begin, end] = offsets as [number, number];
    if (end < begin) fail(`data_offsets [${begin}, ${end}] end before they begin`, name);
    let numel = 1;
    for (const d of shape as number[]) {
      numel *= d;
      if (!Number.isSafeInteger(numel))
        fail(`shape ${JSON.stringify(shape)} has too many elements`, name);
    }
    const expected = numel * DTYPE_BYTES[dtype];
    if (end - begin !== expected)
      fail(
        `holds ${end - begin} bytes, but ${dtype} ${(shape as number[]).join('x') || 'scalar'} needs ${expected}`,
        name,
      );
    if (end > dataLength)
      fail(`data_offsets [${begin}, ${end}] run past the data (${dataLength} bytes)`, name);
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  // Offsets must tile the data section exactly: sorted, contiguous, no gaps, no trailing bytes.
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let cursor = 0;
  for (const e of sorted) {
    if (e.begin !== cursor)
      fail(
        e.begin < cursor
          ? `overlaps the tensor before it (starts at ${e.begin}, previous ends at ${cursor})`
          : `leaves a gap (starts at ${e.begin}, previous ends at ${cursor})`,
        e.name,
      );
    cursor = e.end;
  }
  if (cursor !== dataLength)
    fail(`data section has ${dataLength - cursor} trailing bytes after the last tensor`);
  return { metadata, entries, dataStart };
}

/**
 * The first top-level key of a JSON object text that occurs twice, or null. The text is known to
 * be valid JSON (it parsed), so a small scanner over strings and nesting depth is enough.
 */
function firstDuplicateKey(text: string): string | null {
  const seen = new Set<string>();
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const literal = text.slice(i, j + 1);
      i = j;
      if (depth !== 1) continue;
      let k = j + 1;
      while (/\s/.test(text[k] ?? '')) k++;
      if (text[k] !== ':') continue; // a value, not a key
      const key = JSON.parse(literal) as string;
      if (seen.has(key)) return key;
      seen.add(key);
    }
  }
  return null;
}

/** IEEE half → float. */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * Math.pow(2, -14) * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * Math.pow(2, exp - 15) * (1 + frac / 1024);
}

/** Typed arrays share the platform's byte order: the fast paths below need little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

let halfTable: Float32Array | null = null;

/** Every IEEE half as a float32, made once: a table lookup per value instead of Math.pow. */
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  halfTable = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) halfTable[h] = halfToFloat(h);
  return halfTable;
}

/**
 * The 16-bit words of `raw` (little-endian): a view when aligned, else an aligned copy (a
 * memcpy, not a loop per value).
 */
function words16(raw: Uint8Array): Uint16Array {
  const n = raw.byteLength / 2;
  if (raw.byteOffset % 2 === 0) return new Uint16Array(raw.buffer, raw.byteOffset, n);
  return new Uint16Array(raw.slice().buffer, 0, n);
}

/**
 * F32, F16 and BF16 to float32 in bulk on little-endian platforms (all browsers in practice):
 * F32 a view of the file (a copy when unaligned), BF16 a shift per value (bfloat16 is the top half of a float32), F16 a table
 * lookup. A multi-hundred-MB checkpoint spends its load here, so no DataView per value.
 */
function bulkFloat32(raw: Uint8Array, dtype: SafetensorsDtype): Float32Array | null {
  if (!LITTLE_ENDIAN) return null;
  if (dtype === 'F32') {
    // Aligned (as safetensors writers align data): a view of the file's bytes, no copy; the
    // weights keep the file's buffer alive, which for F32 is the weights themselves.
    if (raw.byteOffset % 4 === 0)
      return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    return new Float32Array(raw.slice().buffer, 0, raw.byteLength / 4);
  }
  if (dtype === 'BF16') {
    const src = words16(raw);
    const bits = new Uint32Array(src.length);
    for (let i = 0; i < src.length; i++) bits[i] = src[i]! << 16;
    return new Float32Array(bits.buffer);
  }
  if (dtype === 'F16') {
    const src = words16(raw);
    const table = halfToFloatTable();
    const out = new Float32Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = table[src[i]!]!;
    return out;
  }
  return null;
}

/** Bytes of one tensor (or a contiguous part of one) as float32; `name` names it in errors. */
export function toFloat32(
  raw: Uint8Array,
  dtype: SafetensorsDtype,
  file: string,
  name: string,
): Float32Array {
  const bulk = bulkFloat32(raw, dtype);
  if (bulk) return bulk;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = raw.byteLength / DTYPE_BYTES[dtype];
  const out = new Float32Array(n);
  switch (dtype) {
    case 'F32':
      for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case 'F16':
      for (let i = 0; i < n; i++) out[i] = halfToFloat(view.getUint16(i * 2, true));
      break;
    case 'BF16': {
      // bfloat16 is the top half of a float32.
      const word = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < n; i++) {
        word.setUint32(0, view.getUint16(i * 2, true) << 16, true);
        out[i] = word.getFloat32(0, true);
      }
      break;
    }
    case 'F64':
      for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case 'I64':
      for (let i = 0; i < n; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      break;
    case 'I32':
      for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true);
      break;
    case 'I16':
      for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true);
      break;
    case 'I8':
      for (let i = 0; i < n; i++) out[i] = view.getInt8(i);
      break;
    case 'U8':
    case 'BOOL':
      for (let i = 0; i < n; i++) out[i] = view.getUint8(i);
      break;
    default:
      throw new SafetensorsError(file, `cannot convert dtype ${String(dtype)}`, name);
  }
  return out;
}

/** float → IEEE half, round to nearest even. */
function floatToHalf(value: number): number {
  const f = new DataView(new ArrayBuffer(4));
  f.setFloat32(0, value, true);
  const x = f.getUint32(0, true);
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && half & 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && half & 1)) half++;
  e = half >> 10;
  return sign | half;
}

/** Writes tensors (in the given order) as a safetensors file, F32 or F16. */
export function writeSafetensors(
  tensors: { name: string; shape: number[]; data: Float32Array }[],
  dtype: 'F32' | 'F16' = 'F32',
  metadata: Record<string, string> = {},
): Uint8Array {
  const size = DTYPE_BYTES[dtype];
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    header[t.name] = {
      dtype,
      shape: t.shape,
      data_offsets: [offset, offset + t.data.length * size],
    };
    offset += t.data.length * size;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + new TextEncoder().encode(json).length) % 8)) % 8); // align data to 8 bytes
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let p = 8 + headerBytes.length;
  for (const t of tensors) {
    for (let i = 0; i < t.data.length; i++, p += size) {
      if (dtype === 'F32') view.setFloat32(p, t.data[i]!, true);
      else view.setUint16(p, floatToHalf(t.data[i]!), true);
    }
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '../../../src/loader/safetensors.ts';

/** A file from a raw header string and a data section. */
function file(
  header: string | Uint8Array,
  data: Uint8Array = new Uint8Array(0),
  declaredLength?: number,
): Uint8Array {
  const h = typeof header === 'string' ? new TextEncoder().encode(header) : header;
  const out = new Uint8Array(8 + h.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(declaredLength ?? h.length), true);
  out.set(h, 8);
  out.set(data, 8 + h.length);
  return out;
}

const entry = (dtype: string, shape: number[], begin: number, end: number): string =>
  JSON.stringify({ dtype, shape, data_offsets: [begin, end] });

describe('safetensors writer and reader', () => {
  it('round-trips F32 exactly and F16 within half precision', () => {
    const data = Float32Array.from([0, 1, -2.5, 3.14159, 65504, 1e-5, -0.1]);
    const bytes = writeSafetensors([{ name: 'a.w', shape: [7], data }], 'F32', { step: '3' });
    const st = readSafetensors(bytes);
    expect(st.metadata).toEqual({ step: '3' });
    expect(Array.from(st.float32('a.w'))).toEqual(Array.from(data));
    const half = readSafetensors(
      writeSafetensors([{ name: 'a.w', shape: [7], data }], 'F16'),
    ).float32('a.w');
    data.forEach((v, i) =>
      expect(Math.abs(half[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-7),
    );
  });

  it('reads BF16 as the top half of float32', () => {
    const data = new Uint8Array([0x80, 0x3f, 0x00, 0xc0]); // 1.0, -2.0
    expect(
      Array.from(readSafetensors(file(`{"x":${entry('BF16', [2], 0, 4)}}`, data)).float32('x')),
    ).toEqual([1, -2]);
  });
});

describe('safetensors validation names the file and the problem', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['too short', new Uint8Array(5), /too short/],
    [
      'header over 100 MB',
      file('{}', new Uint8Array(0), 200_000_000),
      /over the 100000000-byte limit/,
    ],
    ['header past the end', file('{}', new Uint8Array(0), 50), /past the end of the file/],
    ['not UTF-8', file(Uint8Array.of(0x7b, 0x22, 0xff, 0x22, 0x7d)), /not valid UTF-8/],
    ['not JSON', file('{nope'), /not valid JSON/],
    ['not an object', file('[1,2]'), /not a JSON object/],
    [
      'unknown dtype',
      file(`{"x":${entry('F12', [1], 0, 4)}}`, new Uint8Array(4)),
      /tensor x: unknown dtype "F12"/,
    ],
    [
      'size mismatch',
      file(`{"x":${entry('F32', [2, 2], 0, 12)}}`, new Uint8Array(12)),
      /tensor x: holds 12 bytes, but F32 2x2 needs 16/,
    ],
    [
      'offsets past data',
      file(`{"x":${entry('F32', [2], 0, 8)}}`, new Uint8Array(4)),
      /run past the data/,
    ],
    [
      'end before begin',
      file(`{"x":${entry('F32', [0], 8, 4)}}`, new Uint8Array(8)),
      /end before they begin/,
    ],
    ['gap', file(`{"x":${entry('F32', [1], 4, 8)}}`, new Uint8Array(8)), /leaves a gap/],
    [
      'overlap',
      file(`{"x":${entry('F32', [2], 0, 8)},"y":${entry('F32', [1], 4, 8)}}`, new Uint8Array(8)),
      /overlaps/,
    ],
    [
      'trailing bytes',
      file(`{"x":${entry('F32', [1], 0, 4)}}`, new Uint8Array(8)),
      /4 trailing bytes/,
    ],
    [
      'unsafe integer',
      file(`{"x":{"dtype":"F32","shape":[1],"data_offsets":[0,9007199254740993]}}`),
      /safe integers/,
    ],
    ['negative shape', file(`{"x":${entry('F32', [-1], 0, 0)}}`), /non-negative safe integers/],
  ];
  cases.push(
    [
      'shape of 2^64 elements',
      file(`{"x":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,0]}}`),
      /too many elements/,
    ],
    [
      'duplicate names',
      file(`{"x":${entry('F32', [1], 0, 4)},"x":${entry('F32', [1], 4, 8)}}`, new Uint8Array(8)),
      /tensor x: appears twice in the header/,
    ],
  );
  for (const [name, bytes, message] of cases) {
    it(name, () => {
      expect(() => readSafetensors(bytes, 'model.safetensors')).toThrow(message);
      expect(() => readSafetensors(bytes, 'model.safetensors')).toThrow(/^model\.safetensors: /);
    });
  }

  it('reads a tensor named __proto__ as a tensor, without touching Object.prototype', () => {
    const bytes = file(`{"__proto__":${entry('F32', [1], 0, 4)}}`, new Uint8Array([0, 0, 128, 63]));
    const st = readSafetensors(bytes);
    expect(st.entries.map((e) => e.name)).toEqual(['__proto__']);
    expect(Array.from(st.float32('__proto__'))).toEqual([1]);
    expect(({} as Record<string, unknown>).dtype).toBeUndefined();
  });

  it('reports a tensor the caller asks for that is not there', () => {
    const st = readSafetensors(
      writeSafetensors([{ name: 'a', shape: [1], data: Float32Array.of(1) }]),
    );
    expect(() => st.float32('b')).toThrow('model.safetensors: tensor b: not in the file');
  });
});

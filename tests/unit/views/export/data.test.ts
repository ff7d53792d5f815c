import { describe, expect, it } from 'vitest';
import {
  float32ToBase64,
  resultToObject,
  type ResultInput,
} from '../../../../src/views/export/json';
import { computeFigureLayout } from '../../../../src/views/export/figure';
import { escapeXml, figureSvg } from '../../../../src/views/export/svg';

const layer = (l: number) => Float32Array.from({ length: 2 * 2 * 3 }, (_, i) => l + i / 100);

const INPUT: ResultInput = {
  model: { id: 'en-zh-tiny', type: 'translator', translator: null },
  sentences: [
    {
      slot: 'A',
      text: 'a <b> c',
      tokens: [
        { text: 'a', id: 1, special: false, unknown: false },
        { text: '<b>', id: 0, special: false, unknown: true },
      ],
      translation: '甲',
      blocks: [
        {
          kind: 'cross',
          layers: 2,
          heads: 2,
          queryLength: 2,
          keyLength: 3,
          queryTokens: ['甲', '</s>'],
          keyTokens: ['a', '<b>', 'c'],
          data: [layer(0), layer(1)],
          mask: null,
        },
      ],
    },
  ],
};

interface Out {
  format: string;
  weightsEncoding: string;
  sentences: { attention: { shape: number[]; weights: unknown }[] }[];
}

describe('result JSON', () => {
  it('nested weights are [layer][head][query][key]', () => {
    const out = resultToObject(INPUT, 'nested') as Out;
    expect(out.format).toBe('attention-atlas-result');
    const block = out.sentences[0]!.attention[0]!;
    expect(block.shape).toEqual([2, 2, 2, 3]);
    const w = block.weights as number[][][][];
    expect(w).toHaveLength(2);
    expect(w[1]![1]![0]).toEqual([1.06, 1.07, 1.08]);
    expect(w[0]![0]![1]).toEqual([0.03, 0.04, 0.05]);
  });

  it('base64 weights decode to the exact little-endian Float32Array', () => {
    const out = resultToObject(INPUT, 'float32-base64') as Out;
    const text = out.sentences[0]!.attention[0]!.weights as string;
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const back = new Float32Array(bytes.buffer);
    expect(Array.from(back)).toEqual([...layer(0), ...layer(1)]);
    expect(float32ToBase64([1])).toBe('AACAPw==');
  });

  it('is plain JSON (round-trips through stringify/parse)', () => {
    const out = resultToObject(INPUT, 'nested');
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe('SVG', () => {
  it('escapes text, so tokens stay text', () => {
    expect(escapeXml('<script>&"\'')).toBe('&lt;script&gt;&amp;&quot;&apos;');
    const layout = computeFigureLayout({
      title: ['<script>alert(1)</script>'],
      rows: 1,
      cols: 2,
      rowLabels: ['<b>'],
      colLabels: ['&', '"'],
    });
    const svg = figureSvg(layout, 1, 2, (_r, c) => (c === 0 ? '#440154' : null));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('url(#masked)');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });
});

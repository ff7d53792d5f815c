import { describe, expect, it } from 'vitest';
import { tokenSpans, tokensInSelection } from '../../../../src/views/heatmap-zoom/textSpans';

const tok = (text: string, special = false) => ({ text, special });

describe('token spans in the text', () => {
  it('finds byte-level, word-piece and SentencePiece tokens in order', () => {
    const text = 'The bank is near the river bank.';
    const tokens = [
      tok('<s>', true),
      tok('The'),
      tok(' bank'),
      tok(' is'),
      tok('▁near'),
      tok(' the'),
      tok(' riv'),
      tok('##er'),
      tok(' bank'),
      tok('.'),
    ];
    const spans = tokenSpans(text, tokens);
    expect(spans[0]).toEqual([0, 0]);
    expect(spans[2]).toEqual([4, 8]);
    expect(text.slice(...spans[4]!)).toBe('near');
    expect(text.slice(...spans[7]!)).toBe('er');
    // The second "bank" is the one after "river", not the first one again.
    expect(spans[8]).toEqual([27, 31]);
  });

  it('matches lowercased tokens of an uncased model', () => {
    expect(tokenSpans('Hello World', [tok('hello'), tok('world')])).toEqual([
      [0, 5],
      [6, 11],
    ]);
  });

  it('maps a selection to the tokens it touches', () => {
    const text = 'aa bb cc dd';
    const spans = tokenSpans(text, [tok('aa'), tok('bb'), tok('cc'), tok('dd')]);
    expect(tokensInSelection(spans, 3, 8)).toEqual([1, 3]);
    expect(tokensInSelection(spans, 8, 4)).toEqual([1, 3]); // backwards selection
    expect(tokensInSelection(spans, 4, 4)).toBeNull(); // a caret
    expect(tokensInSelection(spans, 2, 3)).toBeNull(); // only the space
    expect(tokensInSelection(spans, 0, 11)).toEqual([0, 4]);
  });
});

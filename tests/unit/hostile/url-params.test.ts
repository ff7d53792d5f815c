/**
 * Hostile query parameters: an unknown model, a translator or hub on another site, a model id with
 * markup in it. Each is ignored (the page keeps its defaults) and named, so the page can say so;
 * parameters the page does not know are none of its business and are not reported.
 */
import { describe, expect, it } from 'vitest';
import { readUrlOptions, refusedUrlParams } from '../../../src/store/urlParams';

const PAGE = 'http://127.0.0.1:4173/';

describe('refusedUrlParams', () => {
  it('names nothing for a clean address, or for options it took', () => {
    expect(refusedUrlParams('', PAGE)).toEqual([]);
    expect(refusedUrlParams('?model=playground', PAGE)).toEqual([]);
    expect(refusedUrlParams('?hf=bert-base-uncased&hub=/hub-test/', PAGE)).toEqual([]);
    expect(refusedUrlParams('?translator=/models/en-zh-tiny/', PAGE)).toEqual([]);
    expect(refusedUrlParams('?model=hf', PAGE)).toEqual([]);
  });

  it('names each known parameter it ignored', () => {
    expect(refusedUrlParams('?model=gpt-9', PAGE)).toEqual(['model']);
    expect(refusedUrlParams('?translator=https://evil.example/m/', PAGE)).toEqual(['translator']);
    expect(refusedUrlParams('?hub=javascript:alert(1)', PAGE)).toEqual(['hub']);
    expect(refusedUrlParams('?hub=http://localhost.evil.example/', PAGE)).toEqual(['hub']);
    expect(
      refusedUrlParams('?model=<script>&translator=//evil.example/&hf=x&hub=ftp://h/', PAGE),
    ).toEqual(['model', 'translator', 'hub']);
  });

  it('a model id with markup, spaces or over 200 characters is not preselected', () => {
    for (const id of ['<img src=x onerror=alert(1)>', 'bert base', 'a'.repeat(201), '"quoted"']) {
      const search = `?hf=${encodeURIComponent(id)}`;
      expect(readUrlOptions(search, PAGE).hfId, id).toBeUndefined();
      expect(refusedUrlParams(search, PAGE), id).toEqual(['hf']);
    }
    expect(readUrlOptions('?hf=openai-community/gpt2', PAGE).hfId).toBe('openai-community/gpt2');
  });

  it('an unknown model next to a good id: the id wins, the model is named', () => {
    expect(readUrlOptions('?model=nonsense&hf=gpt2', PAGE).model).toBe('hf');
    expect(refusedUrlParams('?model=nonsense&hf=gpt2', PAGE)).toEqual(['model']);
  });

  it('empty values and unknown parameters are not reported', () => {
    expect(refusedUrlParams('?model=&hf=%20&utm_source=mail&layer=999', PAGE)).toEqual([]);
  });

  it('malformed query strings never throw', () => {
    for (const search of [
      '?%',
      '?model=%E0%A4%A',
      '?&&==&model',
      '?hub=%00',
      `?model=${'x'.repeat(3_000_000)}`,
    ])
      expect(() => refusedUrlParams(search, PAGE), search.slice(0, 30)).not.toThrow();
    expect(refusedUrlParams('?%', PAGE)).toEqual([]);
  });
});

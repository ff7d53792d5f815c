/** Where each direction's corpus lives: EN→ZH and ZH→EN read different rewrites of one grammar. */
export function corpusDir(direction: 'en-zh' | 'zh-en'): string {
  return direction === 'en-zh' ? 'data/corpus' : 'data/corpus-zh-en';
}

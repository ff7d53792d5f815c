import { useEffect, useState } from 'react';
import { ensureChineseGlyphs, hasChinese } from '../fonts/chineseFont';

/**
 * The `lang` of a text box holding Chinese: 'zh-Hans' once the text's glyphs have loaded, and
 * nothing before. Why the wait: Chromium does not redraw a text box when the web font covering
 * its text arrives later (text put in by a shared link before the page's Chinese font loaded
 * stays as empty boxes until edited; a new element or the same value again do not help). A change
 * of language is a change of the box's font description, which makes it shape its text again,
 * now with the loaded glyphs; and 'zh-Hans' is the right language for a screen reader anyway.
 */
export function useChineseLang(text: string): string | undefined {
  const [ready, setReady] = useState(false);
  const chinese = hasChinese(text);
  useEffect(() => {
    if (!chinese || ready) return;
    let live = true;
    void ensureChineseGlyphs([text]).then(() => {
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [chinese, ready, text]);
  return chinese && ready ? 'zh-Hans' : undefined;
}

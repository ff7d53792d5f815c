import { useEffect, useState, type RefObject } from 'react';

/**
 * Chromium does not redraw a text box's text when a web font covering it finishes loading: text
 * put in by the page before the Chinese font's subsets arrived (a direction's example sentences,
 * a shared link) stays as empty boxes until edited; re-setting the value or a restyle that ends
 * where it started does not help, a new element does. Returns a number that grows each time
 * fonts finish loading while the box is not focused: used as the box's React key, it makes a
 * fresh element (a focused box keeps its caret; typing redraws it anyway).
 */
export function useRepaintOnFontLoad(ref: RefObject<HTMLTextAreaElement | null>): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    if (typeof document === 'undefined' || !('fonts' in document)) return;
    const fonts = document.fonts;
    let frame = 0;
    const bump = (): void => {
      const el = ref.current;
      if (el && el.value !== '' && document.activeElement !== el) setEpoch((n) => n + 1);
    };
    // Once every font load under way has settled, and after the frame that uses them.
    const renew = (): void => {
      void fonts.ready.then(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(bump);
      });
    };
    fonts.addEventListener('loadingdone', renew);
    return () => {
      fonts.removeEventListener('loadingdone', renew);
      cancelAnimationFrame(frame);
    };
  }, [ref]);
  return epoch;
}

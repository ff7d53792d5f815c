/**
 * Hooks for the browser tests, in their own chunk, loaded only when the page URL has `?test-hooks`
 * (see main.tsx): normal visitors never download or run it.
 *
 * `window.__atlasTest`:
 *  - `runsPosted()`: sentence runs posted to the engine since the page opened;
 *  - `debounceMs()`: the pause after the last edit before a sentence re-runs;
 *  - `loseWebglContext()`: makes the engine worker lose its webgl context, as a GPU reset would.
 */
import { getDebounceMs, loseWebglContextForTest, sentenceRunsPosted } from '../../store';

declare global {
  interface Window {
    __atlasTest?: {
      runsPosted: () => number;
      debounceMs: () => number;
      loseWebglContext: () => void;
    };
  }
}

window.__atlasTest = {
  runsPosted: sentenceRunsPosted,
  debounceMs: getDebounceMs,
  loseWebglContext: loseWebglContextForTest,
};

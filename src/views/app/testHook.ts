/**
 * Hooks for the browser tests, in their own chunk, loaded only when the page URL has `?test-hooks`
 * (see main.tsx): normal visitors never download or run it.
 *
 * `window.__atlasTest`:
 *  - `runsPosted()`: sentence runs posted to the engine since the page opened;
 *  - `loseWebglContext()`: makes the engine worker lose its webgl context, as a GPU reset would.
 */
import { loseWebglContextForTest, sentenceRunsPosted } from '../../store';

declare global {
  interface Window {
    __atlasTest?: { runsPosted: () => number; loseWebglContext: () => void };
  }
}

window.__atlasTest = { runsPosted: sentenceRunsPosted, loseWebglContext: loseWebglContextForTest };

import { hasFragment } from './share';
import { useAppStore } from './store';
import { watchForChinese } from './views/fonts/chineseFont';
import './app.css';

// The browser tests' hooks: their own chunk, fetched only with `?test-hooks` in the URL.
if (new URLSearchParams(location.search).has('test-hooks')) void import('./views/app/testHook');

// Start the engine worker first (instant first result): the store chunk is small, so the worker
// starts while the interface's larger chunk is still on its way. A shared link is decoded and
// applied before its first run (one run, the link's); without one the example sentences run now.
if (hasFragment(location.hash)) {
  void import('./views/export/shareLocation').then((m) => m.startFromLocation());
} else {
  useAppStore.getState().runAll();
}

// The interface, in its own chunk (renderApp.tsx), compiled and rendered while the engine starts.
void import('./renderApp');

// The app's own Chinese font (Noto Sans SC): its CSS loads when Chinese first shows on the page.
watchForChinese(document.body);

// The browser benchmark's hook (scripts/bench/browser.ts): its own chunk, fetched only with `?bench`.
if (new URLSearchParams(location.search).has('bench')) void import('./views/bench/browserBench');

// The long-input benchmark's hook (scripts/bench/long.ts): its own chunk, only with `?bench-long`.
if (new URLSearchParams(location.search).has('bench-long')) void import('./views/bench/longBench');

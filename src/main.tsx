import { useAppStore } from './store';
import './app.css';

// Start the engine worker and the two example sentences first (instant first result): the store
// chunk is small, so the worker starts while the interface's larger chunk is still on its way.
useAppStore.getState().runAll();

// The interface, in its own chunk (renderApp.tsx), compiled and rendered while the engine starts.
void import('./renderApp');

// The browser benchmark's hook (scripts/bench/browser.ts): its own chunk, fetched only with `?bench`.
if (new URLSearchParams(location.search).has('bench')) void import('./views/bench/browserBench');

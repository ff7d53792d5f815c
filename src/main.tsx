import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useAppStore } from './store';
import './app.css';

// Start the engine and the two example sentences before the first paint (instant first result).
useAppStore.getState().runAll();

// The browser benchmark's hook (scripts/bench/browser.ts): its own chunk, fetched only with `?bench`.
if (new URLSearchParams(location.search).has('bench')) void import('./views/bench/browserBench');

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

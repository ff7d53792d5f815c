import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useAppStore } from './store';
import './app.css';

// The browser tests' hooks: their own chunk, fetched only with `?test-hooks` in the URL.
if (new URLSearchParams(location.search).has('test-hooks')) void import('./views/app/testHook');

// Start the engine and the two example sentences before the first paint (instant first result).
useAppStore.getState().runAll();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

/**
 * The interface: React and every view. main.tsx loads this chunk after it has started the engine
 * worker, so the worker's start-up (its code, the wasm binary, the model's files) runs while the
 * page compiles and renders the interface instead of after it.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

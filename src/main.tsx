import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startFromLocation } from './views/export/shareLocation';
import './app.css';

// The browser tests' hooks: their own chunk, fetched only with `?test-hooks` in the URL.
if (new URLSearchParams(location.search).has('test-hooks')) void import('./views/app/testHook');

// Start the engine before the first paint (instant first result): with a shared link's state when
// the page was opened with one (applied before the first run), else the two example sentences.
void startFromLocation();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

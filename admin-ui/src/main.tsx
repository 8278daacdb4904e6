// First, and in a chunk of its own: the landing page's first reads start before the libraries below are evaluated
// (see boot.ts).
import './early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstRenderReady } from './boot';
import { preloadCharts } from './charts/lazyChart';
import { preloadMarkdown } from './markdown/lazyMarkdown';

/** How long after the first render the markdown renderers and the charts are fetched ahead. */
const PRELOAD_AFTER_MS = 5000;

// rendering once the early reads are in (a short wait at most) draws the page once with its data instead of twice
void firstRenderReady().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // the markdown renderers and the charts are loaded on first use; fetched ahead once the page has long settled (an idle
  // moment a few seconds in: sooner, their evaluation would compete with the landing page's own later reads and cards),
  // so an item opened later is typeset, and a chart drawn, at once
  const preload = () => {
    void preloadMarkdown();
    void preloadCharts();
  };
  setTimeout(() => (window.requestIdleCallback ?? ((run: () => void) => run()))(preload, { timeout: 5000 }), PRELOAD_AFTER_MS);
});

// First, and in a chunk of its own: the landing page's first reads start before the libraries below are evaluated
// (see boot.ts).
import './early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstRenderReady } from './boot';
import { preloadMarkdown } from './markdown/lazyMarkdown';

// rendering once the early reads are in (a short wait at most) draws the page once with its data instead of twice
void firstRenderReady().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  // the markdown renderers are loaded on first use; fetched ahead once the page has settled, so an item opened later
  // is typeset at once
  const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 2000));
  idle(() => void preloadMarkdown(), { timeout: 5000 });
});

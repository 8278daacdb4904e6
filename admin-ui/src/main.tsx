// First, and in a chunk of its own: the landing page's first reads start before the libraries below are evaluated
// (see boot.ts).
import './early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { firstRenderReady } from './boot';

// rendering once the early reads are in (a short wait at most) draws the page once with its data instead of twice
void firstRenderReady().then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});

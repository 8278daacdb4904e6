import { Box } from '@mui/material';
import { lazy, Suspense, type ComponentType } from 'react';
import { langOf } from './text';

/**
 * The markdown renderers (react-markdown, remark/rehype, KaTeX and its stylesheet, highlight.js: about a third of the
 * app's library code) load on first use, in a chunk of their own, instead of with every page: the dashboard and the
 * lists never draw markdown, and evaluating that code held back their first paint. Until the chunk is in, the text
 * shows as written (line breaks kept); `preloadMarkdown` fetches it ahead, once the app is idle.
 */
const loaders: (() => Promise<unknown>)[] = [];

export function lazyMarkdown<P extends object>(load: () => Promise<ComponentType<P>>, textOf: (props: P) => string): ComponentType<P> {
  let started: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => (started ??= load().then((c) => ({ default: c })));
  loaders.push(start);
  const Body = lazy(start);
  const LazyMarkdown = (props: P) => {
    const text = textOf(props);
    return (
      <Suspense fallback={<Box lang={langOf(text)} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{text}</Box>}>
        <Body {...props} />
      </Suspense>
    );
  };
  return LazyMarkdown;
}

/** Starts loading every markdown renderer (idempotent); main.tsx calls it once the browser is idle after the first paint. */
export function preloadMarkdown(): Promise<unknown> {
  return Promise.all(loaders.map((l) => l()));
}

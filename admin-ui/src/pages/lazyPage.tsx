import { LinearProgress } from '@mui/material';
import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A page whose code loads when it is first opened (a chunk of its own): the growth and studies screens stay out of
 * what every visit (the annotators' workspace above all) downloads. See `npm run bench -- ui`.
 */
export function lazyPage(load: () => Promise<ComponentType>): () => React.JSX.Element {
  const Page = lazy(async () => ({ default: await load() }));
  return () => (
    <Suspense fallback={<LinearProgress sx={{ mt: 2 }} />}>
      <Page />
    </Suspense>
  );
}

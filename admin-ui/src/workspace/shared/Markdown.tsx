import { memo } from 'react';
import { lazyMarkdown } from '../../markdown/lazyMarkdown';

/** An item's text as markdown in the workspace (MarkdownBody.tsx), loaded on first use (see lazyMarkdown). */
export const Markdown = memo(lazyMarkdown<{ text: string }>(async () => (await import('./MarkdownBody')).MarkdownBody, (p) => p.text));

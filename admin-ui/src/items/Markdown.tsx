import { lazyMarkdown } from '../markdown/lazyMarkdown';

export { langOf, MONOSPACE } from '../markdown/text';

/**
 * GitHub-flavoured markdown with highlighted code and LaTeX typeset by KaTeX (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`); raw
 * HTML in the text is shown as text, never run (MarkdownBody.tsx). Loaded on first use (see lazyMarkdown).
 */
export const Markdown = lazyMarkdown<{ children: string }>(async () => (await import('./MarkdownBody')).MarkdownBody, (p) => p.children);

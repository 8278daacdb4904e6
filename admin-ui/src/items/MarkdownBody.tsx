import { Box } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { mathRehypePlugins, mathRemarkPlugins, mathSx } from '../markdown/mathPlugins';
import { normalizeMath } from '../markdown/normalizeMath';
import { langOf, MONOSPACE } from '../markdown/text';

/** Unlabelled code blocks are guessed among the languages items are written in. */
const HIGHLIGHT = { detect: true, subset: ['python', 'javascript', 'typescript', 'java', 'cpp', 'c', 'go', 'rust', 'sql', 'bash', 'json'] };

/**
 * GitHub-flavoured markdown with highlighted code and LaTeX typeset by KaTeX (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`). Raw HTML in the text is shown as text, never run. Single line
 * breaks are kept as written (annotators judge the text as the model would see it).
 */
export const MarkdownBody = ({ children }: { children: string }) => (
  <Box lang={langOf(children)} sx={markdownSx}>
    <ReactMarkdown remarkPlugins={[remarkGfm, ...mathRemarkPlugins]} rehypePlugins={[...mathRehypePlugins, [rehypeHighlight, HIGHLIGHT]]}>
      {normalizeMath(children)}
    </ReactMarkdown>
  </Box>
);

const markdownSx = (theme: Theme) => {
  const dark = theme.palette.mode === 'dark';
  const token = (light: string, darkColor: string) => ({ color: dark ? darkColor : light });
  return {
    wordBreak: 'break-word',
    '& > :first-of-type': { mt: 0 },
    '& > :last-child': { mb: 0 },
    '& p, & li': { whiteSpace: 'pre-wrap' },
    '& code': { fontFamily: MONOSPACE, fontSize: '0.875em', bgcolor: 'action.selected', px: 0.5, borderRadius: 0.5 },
    '& pre': { bgcolor: 'action.hover', p: 1.5, borderRadius: 1, overflowX: 'auto', border: 1, borderColor: 'divider' },
    '& pre code': { bgcolor: 'transparent', p: 0, fontSize: '0.85em', whiteSpace: 'pre' },
    '& table': { borderCollapse: 'collapse', my: 1 },
    '& th, & td': { border: 1, borderColor: 'divider', px: 1, py: 0.5 },
    '& blockquote': { borderLeft: 4, borderColor: 'divider', m: 0, pl: 2, color: 'text.secondary' },
    '& img': { maxWidth: '100%' },
    ...mathSx,
    '& .hljs-keyword, & .hljs-selector-tag, & .hljs-literal, & .hljs-meta .hljs-keyword': token('#cf222e', '#ff7b72'),
    '& .hljs-string, & .hljs-regexp, & .hljs-addition': token('#0a3069', '#a5d6ff'),
    '& .hljs-number, & .hljs-symbol, & .hljs-variable, & .hljs-template-variable, & .hljs-attr, & .hljs-attribute': token('#0550ae', '#79c0ff'),
    '& .hljs-title, & .hljs-title.function_, & .hljs-section': token('#8250df', '#d2a8ff'),
    '& .hljs-built_in, & .hljs-type, & .hljs-params': token('#953800', '#ffa657'),
    '& .hljs-comment, & .hljs-quote, & .hljs-meta': { ...token('#6e7781', '#8b949e'), fontStyle: 'italic' },
    '& .hljs-deletion': token('#82071e', '#ffdcd7'),
  };
};

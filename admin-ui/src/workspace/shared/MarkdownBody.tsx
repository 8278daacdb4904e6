import { Box } from '@mui/material';
import { memo } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { mathRehypePlugins, mathRemarkPlugins, mathSx } from '../../markdown/mathPlugins';
import { normalizeMath } from '../../markdown/normalizeMath';
import { langOf } from '../../markdown/text';
import { codeTheme } from './codeTheme';

/** An item's text as markdown (tables, fenced code with highlighting, LaTeX typeset by KaTeX); raw HTML in it is shown, never run. */
export const MarkdownBody = memo(({ text }: { text: string }) => (
  <Box
    lang={langOf(text)}
    sx={{
      wordBreak: 'break-word',
      '& p': { my: 1, whiteSpace: 'pre-wrap' },
      '& pre': { overflowX: 'auto', p: 1.5, borderRadius: 1, bgcolor: 'grey.50', border: 1, borderColor: 'divider' },
      '& code': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '0.875em' },
      '& table': { borderCollapse: 'collapse' },
      '& th, & td': { border: 1, borderColor: 'divider', px: 1, py: 0.5 },
      ...codeTheme,
      ...mathSx,
    }}
  >
    <ReactMarkdown remarkPlugins={[remarkGfm, ...mathRemarkPlugins]} rehypePlugins={[...mathRehypePlugins, rehypeHighlight]}>
      {normalizeMath(text)}
    </ReactMarkdown>
  </Box>
));

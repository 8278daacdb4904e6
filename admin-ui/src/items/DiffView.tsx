import { Box } from '@mui/material';
import { MONOSPACE } from './Markdown';

type Line = { kind: 'added' | 'removed' | 'context' | 'hunk'; text: string };

/** The lines of a unified diff worth showing: its file headers dropped, hunks kept as separators. */
export function diffLines(diff: string): Line[] {
  return diff
    .split('\n')
    .filter((line) => line !== '' && !/^(Index: |={3,}|--- |\+\+\+ |\\ No newline)/.test(line))
    .map((line) => {
      if (line.startsWith('@@')) return { kind: 'hunk', text: line };
      if (line.startsWith('+')) return { kind: 'added', text: line.slice(1) };
      if (line.startsWith('-')) return { kind: 'removed', text: line.slice(1) };
      return { kind: 'context', text: line.slice(1) };
    });
}

/** Added lines as <ins>, removed ones as <del>, so the change reads without colour too. */
export const DiffView = ({ diff }: { diff: string }) => (
  <Box component="pre" sx={{ fontFamily: MONOSPACE, fontSize: '0.85rem', m: 0, p: 1, border: 1, borderColor: 'divider', borderRadius: 1, overflowX: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
    {diffLines(diff).map((line, i) => {
      if (line.kind === 'hunk') return <Box key={i} sx={{ color: 'text.secondary', borderTop: i ? 1 : 0, borderColor: 'divider' }}>{line.text}</Box>;
      if (line.kind === 'context') return <div key={i}>{`  ${line.text}`}</div>;
      const added = line.kind === 'added';
      return (
        <Box
          key={i}
          component={added ? 'ins' : 'del'}
          sx={{ display: 'block', textDecoration: 'none', bgcolor: added ? 'success.light' : 'error.light', color: added ? 'success.contrastText' : 'error.contrastText', opacity: 0.9 }}
        >
          {`${added ? '+' : '-'} ${line.text}`}
        </Box>
      );
    })}
  </Box>
);

import { Box } from '@mui/material';

const LINE_COLORS: [string, { color: string; bgcolor?: string }][] = [
  ['+++', { color: 'text.secondary' }],
  ['---', { color: 'text.secondary' }],
  ['@@', { color: 'info.main' }],
  ['+', { color: '#116329', bgcolor: '#e6ffec' }],
  ['-', { color: '#82071e', bgcolor: '#ffebe9' }],
];

/** A unified diff (what the server stored for a revision), line by line, additions green and removals red. */
export const UnifiedDiff = ({ diff }: { diff: string }) => (
  <Box component="pre" sx={{ m: 0, p: 1, overflowX: 'auto', fontSize: 13, border: 1, borderColor: 'divider', borderRadius: 1 }}>
    {diff
      .split('\n')
      .filter((line) => !line.startsWith('===') && !line.startsWith('Index:'))
      .map((line, i) => (
        <Box key={i} component="span" sx={{ display: 'block', whiteSpace: 'pre-wrap', ...LINE_COLORS.find(([prefix]) => line.startsWith(prefix))?.[1] }}>
          {line || ' '}
        </Box>
      ))}
  </Box>
);

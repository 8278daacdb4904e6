import { Box } from '@mui/material';

/** A verdict's `details` (how it was scored: via, gold, perplexities, letter log-probs…) as a definition list. */
export const ResultDetails = ({ details }: { details: Record<string, unknown> }) => {
  const entries = Object.entries(details ?? {});
  if (!entries.length) return <>—</>;
  return (
    <Box component="dl" sx={{ m: 0, fontSize: 12, '& dt': { fontWeight: 600 }, '& dd': { m: 0, mb: 0.5, fontFamily: 'monospace', wordBreak: 'break-all' } }}>
      {entries.map(([k, v]) => (
        <Box key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </Box>
      ))}
    </Box>
  );
};

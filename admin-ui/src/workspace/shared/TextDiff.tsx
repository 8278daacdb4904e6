import { Box, Typography } from '@mui/material';
import { useDeferredValue, useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { changeCounts, textDiff } from './textDiff';

/**
 * Inline diff of `after` against `before`: insertions underlined in green, deletions struck through in red.
 * Computed from deferred values so keystrokes are never held up by it.
 */
export const TextDiff = ({ before, after, label }: { before: string; after: string; label: string }) => {
  const translate = useTranslate();
  const deferredAfter = useDeferredValue(after);
  const parts = useMemo(() => textDiff(before, deferredAfter), [before, deferredAfter]);
  if (parts === null) return <Typography color="text.secondary">{translate('pace.workspace.diff.too_large')}</Typography>;
  const { added, removed } = changeCounts(parts);
  return (
    <Box component="figure" aria-label={label} sx={{ m: 0 }}>
      <Typography component="figcaption" variant="caption" color="text.secondary">
        {added === 0 && removed === 0 ? translate('pace.workspace.diff.unchanged') : translate('pace.workspace.diff.counts', { added, removed })}
      </Typography>
      <Box sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontSize: 14, lineHeight: 1.7 }}>
        {parts.map((p, i) =>
          p.kind === 'same' ? (
            <span key={i}>{p.text}</span>
          ) : p.kind === 'added' ? (
            <Box key={i} component="ins" sx={{ bgcolor: '#e6ffec', color: '#116329', textDecorationColor: '#1a7f37' }}>
              {p.text}
            </Box>
          ) : (
            <Box key={i} component="del" sx={{ bgcolor: '#ffebe9', color: '#82071e' }}>
              {p.text}
            </Box>
          ),
        )}
      </Box>
    </Box>
  );
};

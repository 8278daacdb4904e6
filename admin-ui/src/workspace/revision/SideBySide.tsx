import { Box, Grid, Paper, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Markdown } from '../shared/Markdown';
import { TextDiff } from '../shared/TextDiff';

interface Props {
  label: string;
  original: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

/**
 * One part of the item: the original, read-only, on the left; the editable text, its live diff and its preview (as the
 * item page and the workspace render it: markdown, formulas typeset) on the right.
 */
export const SideBySide = ({ label, original, value, onChange, error }: Props) => {
  const translate = useTranslate();
  return (
    <Box role="group" aria-label={label}>
      <Typography variant="subtitle2" gutterBottom>
        {label}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Paper variant="outlined" sx={{ p: 1.5, height: '100%', bgcolor: 'grey.50' }} aria-label={`${label} · ${translate('pace.workspace.revision.original')}`}>
            <Typography variant="caption" color="text.secondary">
              {translate('pace.workspace.revision.original')}
            </Typography>
            <Typography sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{original}</Typography>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <TextField
            label={`${label} · ${translate('pace.workspace.revision.edited')}`}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            error={Boolean(error)}
            helperText={error}
            multiline
            minRows={3}
            fullWidth
          />
          <Box sx={{ mt: 1 }}>
            <TextDiff before={original} after={value} label={`${label} · diff`} />
          </Box>
          <Box sx={{ mt: 1 }} role="region" aria-label={`${label} · ${translate('pace.workspace.revision.preview')}`}>
            <Typography variant="caption" color="text.secondary">
              {translate('pace.workspace.revision.preview')}
            </Typography>
            <Markdown text={value} />
          </Box>
        </Grid>
      </Grid>
    </Box>
  );
};

import { Box, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Markdown } from '../shared/Markdown';
import { TextDiff } from '../shared/TextDiff';
import type { DistractorKind } from '../shared/types';
import { useDistractorCheck } from './useDistractorCheck';
import { VerdictLine } from './VerdictLine';

interface Props {
  itemId: number;
  kind: DistractorKind;
  gold: string;
  value: string;
  onChange: (value: string) => void;
  /** The submit's refusal for this field (422). */
  refused?: string;
}

/**
 * One distractor: the editor, the server's inline verdict, the refusal of a submit, the diff against the gold, and a
 * preview rendered as reviewers will see it (markdown, formulas typeset).
 */
export const DistractorField = ({ itemId, kind, gold, value, onChange, refused }: Props) => {
  const translate = useTranslate();
  const check = useDistractorCheck(itemId, kind, value);
  const label = translate('pace.workspace.distractor.field', { kind: translate(`pace.workspace.distractor.tab.${kind}`) });
  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" color="text.secondary">
        {translate(`pace.workspace.distractor.hint.${kind}`)}
      </Typography>
      <TextField
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        error={Boolean(refused)}
        helperText={refused ? translate('pace.workspace.distractor.refused', { message: refused }) : undefined}
        multiline
        minRows={4}
        fullWidth
      />
      <VerdictLine state={check} text={value} />
      <Box>
        <Typography variant="subtitle2">{translate('pace.workspace.distractor.diff')}</Typography>
        <TextDiff before={gold} after={value} label={`${label} · diff`} />
      </Box>
      <Box role="region" aria-label={`${label} · ${translate('pace.workspace.distractor.preview')}`}>
        <Typography variant="subtitle2">{translate('pace.workspace.distractor.preview')}</Typography>
        <Markdown text={value} />
      </Box>
    </Stack>
  );
};

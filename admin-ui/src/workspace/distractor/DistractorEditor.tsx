import { Alert, Badge, Box, Button, Stack, Tab, Tabs } from '@mui/material';
import { useRef, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, idempotencyKey, post } from '../shared/api';
import type { DistractorKind, DistractorTask } from '../shared/types';
import { DistractorField } from './DistractorField';

interface Props {
  task: DistractorTask;
  onSubmitted: () => void;
  onLost: (message: string) => void;
}

/** Fine and coarse distractors on two tabs, both seeded with the gold answer and both checked while typed. */
export const DistractorEditor = ({ task, onSubmitted, onLost }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const kinds = task.task.kinds;
  const gold = task.item.gold;
  const [texts, setTexts] = useState<Record<DistractorKind, string>>({ fine: gold, coarse: gold });
  const [tab, setTab] = useState<DistractorKind>(kinds[0]);
  const [refused, setRefused] = useState<Partial<Record<DistractorKind, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // one key per lease: a refused (422) submit saves nothing, so the fixed one may reuse it
  const key = useRef(idempotencyKey());

  const submit = async () => {
    setSending(true);
    setFailure(null);
    setRefused({});
    try {
      await post(`/distractors/tasks/${task.task.id}/submit`, { ...Object.fromEntries(kinds.map((k) => [k, texts[k]])), idempotencyKey: key.current });
      notify('pace.workspace.distractor.submitted', { type: 'success' });
      onSubmitted();
    } catch (e) {
      setSending(false);
      if (e instanceof ApiError && e.status === 410) return onLost(e.message);
      const fields = (e instanceof ApiError ? e.fieldErrors : []).filter((f): f is typeof f & { field: DistractorKind } => kinds.includes(f.field as DistractorKind));
      setRefused(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      setFailure(fields.length ? translate('pace.workspace.distractor.fix_fields') : (e as Error).message);
      if (fields.length && !fields.some((f) => f.field === tab)) setTab(fields[0].field);
    }
  };

  return (
    <Stack spacing={2}>
      {failure && (
        <Alert severity="error" role="alert">
          {failure}
        </Alert>
      )}
      <Tabs value={tab} onChange={(_, k: DistractorKind) => setTab(k)}>
        {kinds.map((k) => (
          <Tab
            key={k}
            value={k}
            label={
              <Badge color="error" variant="dot" invisible={!refused[k]}>
                {translate(`pace.workspace.distractor.tab.${k}`)}
              </Badge>
            }
          />
        ))}
      </Tabs>
      {kinds.map((k) => (
        // both stay mounted, so each keeps its text and its latest verdict while the other tab is open
        <Box key={k} role="tabpanel" hidden={k !== tab}>
          <DistractorField itemId={task.item.id} kind={k} gold={gold} value={texts[k]} onChange={(v) => setTexts((t) => ({ ...t, [k]: v }))} refused={refused[k]} />
        </Box>
      ))}
      <Box>
        <Button variant="contained" onClick={submit} disabled={sending}>
          {translate('pace.workspace.distractor.submit')}
        </Button>
      </Box>
    </Stack>
  );
};

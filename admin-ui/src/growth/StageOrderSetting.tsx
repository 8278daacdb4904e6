import ArrowDownward from '@mui/icons-material/ArrowDownward';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import { Alert, Button, IconButton, LinearProgress, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { DEFAULT_STAGE_ORDER, type RoundKind, type StageOrderView } from '../../../server/reviews/review-views';
import { useFormats } from '../experiments/format';
import { growthApi } from './growthApi';
import { growthKeys } from './useGrowth';

const S = 'pace.growth.stage_order';

const moved = (stages: RoundKind[], i: number, by: -1 | 1) => {
  const next = [...stages];
  [next[i], next[i + by]] = [next[i + by], next[i]];
  return next;
};

/**
 * The review queue's priority between stages (GET/PUT /reviews/stage-order): POST /reviews/next serves the first
 * stage in this order with work for the caller. Leads and admins: moved with the arrows, saved with Save.
 */
export const StageOrderSetting = () => {
  const translate = useTranslate();
  const f = useFormats();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({ queryKey: growthKeys.stageOrder, queryFn: growthApi.stageOrder });
  const [draft, setDraft] = useState<RoundKind[] | null>(null);
  const save = useMutation({
    mutationFn: (stages: RoundKind[]) => growthApi.setStageOrder({ stages }),
    onSuccess: (view: StageOrderView) => {
      queryClient.setQueryData(growthKeys.stageOrder, view);
      setDraft(null);
    },
  });
  if (error) return <Alert severity="error">{translate('pace.growth.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  const stages = draft ?? data.stages;
  const changed = stages.join() !== data.stages.join();
  const isDefault = stages.join() === DEFAULT_STAGE_ORDER.join();
  const name = (k: RoundKind) => translate(`${S}.stage.${k}`);
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate(`${S}.help`)}
      </Typography>
      <List dense aria-label={translate(`${S}.list`)} component="ol" sx={{ maxWidth: 520 }}>
        {stages.map((k, i) => (
          <ListItem
            key={k}
            divider
            secondaryAction={
              <>
                <IconButton size="small" disabled={i === 0 || save.isPending} aria-label={translate(`${S}.up`, { stage: name(k) })} onClick={() => setDraft(moved(stages, i, -1))}>
                  <ArrowUpward fontSize="small" />
                </IconButton>
                <IconButton
                  size="small"
                  disabled={i === stages.length - 1 || save.isPending}
                  aria-label={translate(`${S}.down`, { stage: name(k) })}
                  onClick={() => setDraft(moved(stages, i, 1))}
                >
                  <ArrowDownward fontSize="small" />
                </IconButton>
              </>
            }
          >
            <ListItemText primary={`${i + 1}. ${name(k)}`} />
          </ListItem>
        ))}
      </List>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" disabled={!changed || save.isPending} onClick={() => save.mutate(stages)}>
          {translate(`${S}.save`)}
        </Button>
        <Button disabled={isDefault || save.isPending} onClick={() => setDraft([...DEFAULT_STAGE_ORDER])}>
          {translate(`${S}.default`)}
        </Button>
      </Stack>
      {save.error && <Alert severity="error">{translate('pace.growth.load_failed', { message: save.error.message })}</Alert>}
      <Typography variant="caption" color="text.secondary" role="status">
        {data.updatedAt ? translate(`${S}.updated`, { time: f.date(data.updatedAt), who: data.updatedBy ?? '—' }) : translate(`${S}.never_changed`)}
      </Typography>
    </Stack>
  );
};

import { Button, Chip, Link as MuiLink, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  DateInput,
  List,
  ReferenceInput,
  SelectInput,
  useGetIdentity,
  useLocaleState,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router';
import type { AbilityRecord } from '../abilities/AbilityName';
import { useAbilityName } from '../dashboard/useAbilityName';
import { ChangeDecisionDialog } from './ChangeDecisionDialog';
import { MY_WORK_KINDS, MY_WORK_OUTCOMES, MY_WORK_RESOURCE, type MyWorkEntry } from './myWorkTypes';
import { useFormatDate } from '../i18n/dates';
import { useLiveEvent } from '../realtime/socket';

const M = 'pace.my_work';

/** The filters: kind, outcome, ability and a range of days, all shown. */
function useFilters() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const abilityName = (a: AbilityRecord) => (locale.startsWith('zh') ? a.nameZh : a.nameEn);
  return [
    <SelectInput key="kind" source="kind" label={`${M}.filter.kind`} choices={MY_WORK_KINDS.map((k) => ({ id: k, name: translate(`${M}.kind.${k}`) }))} alwaysOn />,
    <SelectInput key="outcome" source="outcome" label={`${M}.filter.outcome`} choices={MY_WORK_OUTCOMES.map((o) => ({ id: o, name: translate(`${M}.outcome.${o}`) }))} alwaysOn />,
    <ReferenceInput key="abilityId" source="abilityId" reference="abilities" sort={{ field: 'id', order: 'ASC' }} perPage={1000} alwaysOn>
      <SelectInput label={`${M}.filter.ability`} optionText={abilityName} />
    </ReferenceInput>,
    <DateInput key="from" source="from" label={`${M}.filter.from`} alwaysOn />,
    <DateInput key="to" source="to" label={`${M}.filter.to`} alwaysOn />,
  ];
}

/**
 * The signed-in reviewer's own work, newest first (issue 16 item 1): what, when, the item, their decision and — once
 * the round is decided — its outcome and the co-reviewer's decision. A decision of a round still open can be changed.
 * Kept current by the server's `work.changed` pushes to the reviewer's own room.
 */
export const MyWorkList = () => {
  const [changing, setChanging] = useState<MyWorkEntry | null>(null);
  const refresh = useRefresh();
  // the server tells the reviewer's own room when their work changes: a submit, a change, and a round of theirs
  // decided by the co-reviewer (its outcome and the co-reviewer's decision then show without a reload)
  const { identity } = useGetIdentity();
  useLiveEvent(identity ? `user:${identity.id}` : null, 'work.changed', refresh);
  return (
    <>
      <List
        resource={MY_WORK_RESOURCE}
        title={`${M}.title`}
        filters={useFilters()}
        sort={{ field: 'at', order: 'DESC' }}
        actions={false}
        empty={<Empty />}
        storeKey="my-work"
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="at" label={`${M}.column.at`} render={(r: MyWorkEntry) => <When entry={r} />} />
          <DataTable.Col source="kind" label={`${M}.column.kind`} disableSort render={(r: MyWorkEntry) => <What entry={r} />} />
          <DataTable.Col source="itemId" label={`${M}.column.item`} disableSort render={(r: MyWorkEntry) => <ItemCell entry={r} />} />
          <DataTable.Col source="abilityId" label={`${M}.column.ability`} disableSort render={(r: MyWorkEntry) => <AbilityCell entry={r} />} />
          <DataTable.Col source="decision" label={`${M}.column.mine`} disableSort render={(r: MyWorkEntry) => <Mine entry={r} />} />
          <DataTable.Col source="outcome" label={`${M}.column.outcome`} disableSort render={(r: MyWorkEntry) => <Outcome entry={r} />} />
          <DataTable.Col source="coReviewer" label={`${M}.column.co_reviewer`} disableSort render={(r: MyWorkEntry) => <CoReviewer entry={r} />} />
          <DataTable.Col label={`${M}.column.actions`} disableSort render={(r: MyWorkEntry) => <ChangeButton entry={r} onClick={() => setChanging(r)} />} />
        </DataTable>
      </List>
      {changing && (
        <ChangeDecisionDialog
          entry={changing}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            refresh();
          }}
        />
      )}
    </>
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Typography sx={{ p: 3 }} color="text.secondary">
      {translate(`${M}.empty`)}
    </Typography>
  );
};

function useWhen() {
  return useFormatDate();
}

const When = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  const when = useWhen();
  return (
    <Stack>
      <span>{when(entry.at)}</span>
      {entry.changedAt && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${M}.changed`, { when: when(entry.changedAt) })}
        </Typography>
      )}
    </Stack>
  );
};

const What = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  const detail =
    entry.kind === 'decision' && entry.roundKind
      ? translate(`resources.items.history.round_kind.${entry.roundKind}`)
      : entry.kind === 'distractor' && entry.distractorKind
        ? translate(`resources.items.history.distractor_kind.${entry.distractorKind}`)
        : null;
  return (
    <Stack>
      <span>{translate(`${M}.kind.${entry.kind}`)}</span>
      {detail && (
        <Typography variant="caption" color="text.secondary">
          {detail}
        </Typography>
      )}
    </Stack>
  );
};

const ItemCell = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  return (
    <Stack sx={{ maxWidth: 360 }}>
      <MuiLink component={Link} to={`/my-work/items/${entry.itemId}`} aria-label={translate(`${M}.open_item`, { id: entry.itemId })}>
        #{entry.itemId}
      </MuiLink>
      {entry.instruction && (
        <Typography variant="caption" color="text.secondary" noWrap title={entry.instruction}>
          {entry.instruction}
        </Typography>
      )}
    </Stack>
  );
};

const AbilityCell = ({ entry }: { entry: MyWorkEntry }) => {
  const name = useAbilityName();
  return <>{name(entry.abilityId, entry.abilityKey)}</>;
};

const Mine = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  if (!entry.decision) return <>{entry.comment ?? '—'}</>;
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      <DecisionChip decision={entry.decision} />
      {entry.reasons.length > 0 && (
        <Typography variant="caption">{entry.reasons.map((r) => translate(`pace.workspace.review.reason.${r}`)).join(', ')}</Typography>
      )}
      {entry.comment && (
        <Typography variant="caption" color="text.secondary">
          {entry.comment}
        </Typography>
      )}
    </Stack>
  );
};

const DecisionChip = ({ decision }: { decision: 'approve' | 'reject' }) => {
  const translate = useTranslate();
  return <Chip size="small" variant="outlined" color={decision === 'approve' ? 'success' : 'error'} label={translate(`resources.items.history.decision_value.${decision}`)} />;
};

const Outcome = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  if (!entry.outcome) return <Chip size="small" label={translate(`${M}.outcome.pending`)} />;
  return <Chip size="small" color={entry.outcome === 'accepted' ? 'success' : 'error'} label={translate(`${M}.outcome.${entry.outcome}`)} />;
};

/** Blind review: nothing of the co-reviewer until the round is decided. */
const CoReviewer = ({ entry }: { entry: MyWorkEntry }) => {
  const translate = useTranslate();
  if (entry.coReviewer) {
    return (
      <Stack direction="row" spacing={1} alignItems="center">
        <span>{entry.coReviewer.reviewerName}</span>
        <DecisionChip decision={entry.coReviewer.decision} />
      </Stack>
    );
  }
  if (entry.kind === 'decision' && !entry.outcome) {
    return (
      <Typography variant="caption" color="text.secondary">
        {translate(`${M}.hidden`)}
      </Typography>
    );
  }
  return <>—</>;
};

const ChangeButton = ({ entry, onClick }: { entry: MyWorkEntry; onClick: () => void }) => {
  const translate = useTranslate();
  if (!entry.changeable) return null;
  return (
    <Button size="small" onClick={onClick}>
      {translate(`${M}.change.action`)}
    </Button>
  );
};

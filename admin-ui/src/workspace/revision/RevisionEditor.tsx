import { Alert, Button, MenuItem, Stack, TextField } from '@mui/material';
import { useRef, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { AbilityRecord } from '../../abilities/AbilityName';
import { useAllAbilities } from '../../abilities/AbilityName';
import { ApiError, idempotencyKey, post } from '../shared/api';
import type { RevisionTask } from '../shared/types';
import { SideBySide } from './SideBySide';

const LETTERS = 'ABCDEFGHIJ';

interface Props {
  task: RevisionTask;
  onSubmitted: () => void;
  onLost: (message: string) => void;
}

/**
 * Every turn, the gold answer and the choices, each beside its original with a live diff, and the item's ability (a
 * reviewer may have rejected it as the wrong category); 422s shown per field.
 */
export const RevisionEditor = ({ task, onSubmitted, onLost }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { item } = task;
  const [messages, setMessages] = useState(() => item.messages.map((m) => m.content));
  const [gold, setGold] = useState(item.gold);
  const [choices, setChoices] = useState(item.choices);
  const [abilityId, setAbilityId] = useState(item.ability.id);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // one key per lease: a 422 saves nothing, so the corrected resubmission may reuse it
  const key = useRef(idempotencyKey());

  const submit = async () => {
    setSending(true);
    setErrors({});
    setRefusal(null);
    try {
      await post(`/revisions/${task.revision.id}/submit`, {
        messages: item.messages.map((m, i) => ({ role: m.role, content: messages[i] })),
        ...(item.gold !== null && { gold }),
        ...(item.choices !== null && { choices }),
        ...(abilityId !== item.ability.id && { abilityId }),
        comment: comment.trim() || undefined,
        idempotencyKey: key.current,
      });
      notify('pace.workspace.revision.submitted', { type: 'success' });
      onSubmitted();
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) return onLost(e.message);
      const fieldErrors = e instanceof ApiError ? e.fieldErrors : [];
      setErrors(Object.fromEntries(fieldErrors.map((f) => [f.field, f.message])));
      setRefusal(translate('pace.workspace.revision.refused', { message: (e as Error).message }));
      setSending(false);
    }
  };

  const turnError = (i: number) => [errors[`messages[${i}].content`], errors[`messages[${i}].role`]].filter(Boolean).join('; ') || undefined;
  const otherErrors = Object.entries(errors).filter(([field]) => !/^messages\[\d+\]\./.test(field) && field !== 'gold' && field !== 'abilityId' && !field.startsWith('choices'));

  return (
    <Stack spacing={3}>
      {refusal && (
        <Alert severity="error" role="alert">
          {refusal}
          {otherErrors.map(([field, message]) => (
            <div key={field}>
              {field}: {message}
            </div>
          ))}
        </Alert>
      )}
      {item.messages.map((m, i) => (
        <SideBySide
          key={i}
          label={translate('pace.workspace.revision.turn', { n: i + 1, role: translate(`pace.message_role.${m.role}`) })}
          original={m.content}
          value={messages[i]}
          onChange={(v) => setMessages((all) => all.map((old, j) => (j === i ? v : old)))}
          error={turnError(i)}
        />
      ))}
      {item.gold !== null && (
        <SideBySide label={translate('pace.workspace.item.gold')} original={item.gold} value={gold ?? ''} onChange={setGold} error={errors.gold} />
      )}
      {item.choices?.map((c, i) => (
        <SideBySide
          key={`choice-${i}`}
          label={translate('pace.workspace.revision.choice', { letter: LETTERS[i] ?? i + 1 })}
          original={c}
          value={choices?.[i] ?? ''}
          onChange={(v) => setChoices((all) => (all ?? []).map((old, j) => (j === i ? v : old)))}
          error={errors[`choices[${i}]`] ?? errors.choices}
        />
      ))}
      <AbilityPicker value={abilityId} current={item.ability} onChange={setAbilityId} error={errors.abilityId} />
      <TextField label={translate('pace.workspace.revision.comment')} value={comment} onChange={(e) => setComment(e.target.value)} multiline fullWidth />
      <Stack direction="row" spacing={2}>
        <Button variant="contained" onClick={submit} disabled={sending}>
          {translate('pace.workspace.revision.submit')}
        </Button>
        <Button
          onClick={() => {
            setMessages(item.messages.map((m) => m.content));
            setGold(item.gold);
            setChoices(item.choices);
            setAbilityId(item.ability.id);
          }}
          disabled={sending}
        >
          {translate('pace.workspace.revision.reset')}
        </Button>
      </Stack>
    </Stack>
  );
};

/** The item's ability, named in the interface language; the item's own is offered even before the list arrives. */
const AbilityPicker = (props: { value: number; current: RevisionTask['item']['ability']; onChange: (id: number) => void; error?: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data } = useAllAbilities();
  const abilities: Pick<AbilityRecord, 'id' | 'nameEn' | 'nameZh'>[] = data?.some((a) => a.id === props.current.id) ? data : [props.current, ...(data ?? [])];
  const name = (a: Pick<AbilityRecord, 'nameEn' | 'nameZh'>) => (locale.startsWith('zh') ? a.nameZh : a.nameEn);
  const changed = props.value !== props.current.id;
  return (
    <TextField
      select
      label={translate('pace.workspace.revision.ability')}
      value={props.value}
      onChange={(e) => props.onChange(Number(e.target.value))}
      error={!!props.error}
      helperText={props.error ?? (changed ? translate('pace.workspace.revision.ability_changed', { from: name(props.current) }) : translate('pace.workspace.revision.ability_help'))}
      sx={{ maxWidth: 360 }}
    >
      {abilities.map((a) => (
        <MenuItem key={a.id} value={a.id}>
          {name(a)}
        </MenuItem>
      ))}
    </TextField>
  );
};

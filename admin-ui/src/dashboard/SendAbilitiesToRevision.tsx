import { Button, Chip, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, useTranslate } from 'react-admin';
import { useAllAbilities } from '../abilities/AbilityName';
import { dashboardApi } from './dashboardApi';
import { Section } from './Section';
import { useAbilityName } from './useAbilityName';
import { useLeadAction } from './useLeadAction';

/** Picks abilities and sends their rejected and unanswered items to the revision queue, after a confirmation. */
export const SendAbilitiesToRevision = () => {
  const translate = useTranslate();
  const abilityName = useAbilityName();
  const { busy, run } = useLeadAction();
  const { data } = useAllAbilities();
  const [chosen, setChosen] = useState<number[]>([]);
  const [confirming, setConfirming] = useState(false);
  const t = (key: string, args?: Record<string, unknown>) => translate(`pace.dashboard.send_abilities.${key}`, args);
  const names = chosen.map((id) => abilityName(id, String(id))).join(', ');
  const send = () => {
    setConfirming(false);
    return run(
      () => dashboardApi.sendAbilitiesToRevision(chosen),
      (r) => ['pace.dashboard.disagreements.sent', { smart_count: r.sent }],
      () => setChosen([]),
    );
  };
  return (
    <Section title="pace.dashboard.send_abilities.title" data={data ?? []}>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('help')}
      </Typography>
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" sx={{ mb: 2 }}>
        {(data ?? []).map((a) => {
          const on = chosen.includes(a.id);
          return (
            <Chip
              key={a.id}
              label={abilityName(a.id, a.key)}
              color={on ? 'primary' : 'default'}
              variant={on ? 'filled' : 'outlined'}
              aria-pressed={on}
              onClick={() => setChosen((c) => (on ? c.filter((id) => id !== a.id) : [...c, a.id]))}
            />
          );
        })}
      </Stack>
      <Button variant="contained" size="small" disabled={chosen.length === 0 || busy} onClick={() => setConfirming(true)}>
        {t('send')}
      </Button>
      <Confirm
        isOpen={confirming}
        title="pace.dashboard.send_abilities.confirm_title"
        content="pace.dashboard.send_abilities.confirm"
        translateOptions={{ names }}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </Section>
  );
};

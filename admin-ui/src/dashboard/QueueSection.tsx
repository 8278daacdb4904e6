import { Box, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Section } from './Section';
import { STAGES, type QueueDepth } from './types';
import type { Loaded } from './useLoaded';
import { useAbilityName } from './useAbilityName';

/** One card per stage, then stage × ability. */
export const QueueSection = ({ queue }: { queue: Loaded<QueueDepth> }) => {
  const translate = useTranslate();
  const abilityName = useAbilityName();
  const depth = queue.data;
  const abilities = depth ? [...new Map(depth.byAbility.map((r) => [r.abilityId, r.abilityKey])).entries()] : [];
  const count = (abilityId: number, stage: string) => depth?.byAbility.find((r) => r.abilityId === abilityId && r.stage === stage)?.count ?? 0;
  return (
    <Section title="pace.dashboard.queue.title" data={depth} error={queue.error}>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', mb: 2 }}>
        {STAGES.map((stage) => (
          <Paper key={stage} variant="outlined" role="group" aria-label={translate(`pace.dashboard.stage.${stage}`)} sx={{ p: 2 }}>
            <Typography variant="body2" color="text.secondary">
              {translate(`pace.dashboard.stage.${stage}`)}
            </Typography>
            <Typography variant="h4" component="p">
              {depth?.stages[stage] ?? 0}
            </Typography>
          </Paper>
        ))}
      </Box>
      {abilities.length === 0 ? (
        <Typography color="text.secondary">{translate('pace.dashboard.queue.empty')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={translate('pace.dashboard.queue.by_ability')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('pace.dashboard.queue.ability')}</TableCell>
                {STAGES.map((stage) => (
                  <TableCell key={stage} align="right">
                    {translate(`pace.dashboard.stage.${stage}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {abilities.map(([id, key]) => (
                <TableRow key={id}>
                  <TableCell component="th" scope="row">
                    {abilityName(id, key)}
                  </TableCell>
                  {STAGES.map((stage) => (
                    <TableCell key={stage} align="right">
                      {count(id, stage) || ''}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Section>
  );
};

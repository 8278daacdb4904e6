import { Alert, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, usePermissions, useTranslate } from 'react-admin';
import { versionsApi } from './versionsApi';
import type { Exclusion, VersionRecord } from './versionTypes';
import { useAbilityNames } from '../growth/useGrowth';

const L = 'pace.versions.flags';
const PER_PAGE = 25;

/** The train items this version's freeze flagged, their evidence, and — for leads — an overrule for the next freeze. */
export const ContaminationFlags = ({ version }: { version: VersionRecord }) => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const { permissions } = usePermissions<string>();
  const canOverrule = permissions === 'lead' || permissions === 'admin';
  const [page, setPage] = useState(0);
  const [overruling, setOverruling] = useState<number | null>(null);
  const key = ['datasets/versions', version.id, 'exclusions', page];
  const { data, error } = useQuery({ queryKey: key, queryFn: () => versionsApi.exclusions(version.id, 'contaminated', page, PER_PAGE) });
  const d = version.decontamination;
  const matched = (e: Exclusion) =>
    !e.evidence ? '—'
    : e.evidence.benchmark ? translate(`${L}.matched_benchmark`, { source: e.evidence.benchmark.sourceName, id: e.evidence.matchedItemId })
    : translate(`${L}.matched_item`, { id: e.evidence.matchedItemId, split: translate(`pace.versions.split.${e.evidence.matchedSplit ?? 'test'}`) });
  return (
    <>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {translate(`${L}.summary`, {
          ngram: d.ngram,
          evalItems: d.evalItems ?? 0,
          benchmarkItems: d.benchmarkItems ?? 0,
          flagged: d.flagged ?? 0,
          overruled: d.overruled ?? 0,
          excluded: d.excluded ?? 0,
        })}
      </Typography>
      {d.boilerplateCutoff !== undefined && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(`${L}.boilerplate`, { cutoff: d.boilerplateCutoff, documents: d.documents ?? 0 })}
        </Typography>
      )}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data?.total === 0 && <Alert severity="success">{translate(`${L}.empty`)}</Alert>}
      {data && data.total > 0 && (
        <>
          <Table size="small" aria-label={translate(`${L}.title`)}>
            <TableHead>
              <TableRow>
                {['item', 'ability', 'ngram', 'frequency', 'matched', 'decision'].map((c) => (
                  <TableCell key={c}>{translate(`${L}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((e) => (
                <TableRow key={e.itemId}>
                  <TableCell>{e.itemId}</TableCell>
                  <TableCell title={e.ability}>{abilityNames[e.ability] ?? e.ability}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{e.evidence?.ngram}</TableCell>
                  <TableCell>
                    {e.evidence?.documentFrequency === undefined ? '—'
                      : translate(`${L}.frequency_value`, { count: e.evidence.documentFrequency, cutoff: e.evidence.cutoff })}
                  </TableCell>
                  <TableCell>{matched(e)}</TableCell>
                  <TableCell>
                    {e.overruled ? (
                      <Chip size="small" color="success" label={translate(`${L}.overruled_in`)} />
                    ) : e.overrule ? (
                      <Chip size="small" color="info" label={translate(`${L}.overruled_next`)} title={e.overrule.reason} />
                    ) : (
                      <>
                        <Chip size="small" color="warning" label={translate(`${L}.excluded`)} />
                        {canOverrule && (
                          <Button size="small" sx={{ ml: 1 }} onClick={() => setOverruling(e.itemId)}>
                            {translate(`${L}.overrule`)}
                          </Button>
                        )}
                      </>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.total > PER_PAGE && (
            <TablePagination component="div" count={data.total} page={page} rowsPerPage={PER_PAGE} rowsPerPageOptions={[PER_PAGE]} onPageChange={(_, p) => setPage(p)} />
          )}
        </>
      )}
      {overruling !== null && <OverruleDialog itemId={overruling} onClose={() => setOverruling(null)} />}
    </>
  );
};

const OverruleDialog = ({ itemId, onClose }: { itemId: number; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const { mutate, isPending, error } = useMutation({
    mutationFn: () => versionsApi.overrule(itemId, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['datasets/versions'] });
      notify(translate(`${L}.overrule_done`, { id: itemId }), { type: 'info' });
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate(`${L}.overrule_title`, { id: itemId })}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{(error as Error).message}</Alert>}
        <TextField label={translate(`${L}.overrule_reason`)} value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} fullWidth autoFocus sx={{ mt: 1 }}
          helperText={translate(`${L}.overrule_help`)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('pace.versions.freeze.cancel')}</Button>
        <Button variant="contained" disabled={isPending || reason.trim() === ''} onClick={() => mutate()}>
          {translate(`${L}.overrule`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

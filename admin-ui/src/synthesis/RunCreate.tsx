import { Alert, Button, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import type { ReviewMode } from '../../../server/synthesis/synthesis-contract';
import { synthesisApi, type EndpointView, type Estimate, type RunBody } from './synthesisApi';

/** The run form, with the dry-run estimate (calls, tokens, cost per stage) refreshed as the settings change. */
export const RunCreate = () => {
  const t = useTranslate();
  const navigate = useNavigate();
  const [endpoints, setEndpoints] = useState<EndpointView[]>([]);
  const [taxonomies, setTaxonomies] = useState<{ id: string; name: string }[]>([]);
  const [f, setF] = useState({
    name: '', taxonomyId: '', endpointId: '', answerEndpointId: '', reviewMode: 'dual' as ReviewMode,
    subjectSamples: '10', questionsPerSubject: '10', pairRatio: '0.5', answerTemperature: '0.7', maxTokens: '2048', seed: '0', maxTotalTokens: '', maxCostUsd: '',
  });
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void synthesisApi.endpoints().then((r) => setEndpoints(r.rows));
    void synthesisApi.taxonomies().then((r) => setTaxonomies(r.rows));
  }, []);

  const body = (): RunBody => ({
    name: f.name,
    taxonomyId: f.taxonomyId,
    endpointId: f.endpointId,
    ...(f.answerEndpointId ? { answerEndpointId: f.answerEndpointId } : {}),
    reviewMode: f.reviewMode,
    settings: {
      subjectSamples: Number(f.subjectSamples),
      questionsPerSubject: Number(f.questionsPerSubject),
      pairRatio: Number(f.pairRatio),
      answerTemperature: Number(f.answerTemperature),
      maxTokens: Number(f.maxTokens),
      seed: Number(f.seed),
      ...(f.maxTotalTokens ? { maxTotalTokens: Number(f.maxTotalTokens) } : {}),
      ...(f.maxCostUsd ? { maxCostUsd: Number(f.maxCostUsd) } : {}),
    },
  });

  useEffect(() => {
    if (!f.taxonomyId || !f.endpointId) return;
    const timer = setTimeout(() => {
      synthesisApi.dryRun({ ...body(), name: f.name || 'estimate' }).then(
        (r) => (setEstimate(r.estimate), setError(null)),
        (e: Error) => (setEstimate(null), setError(e.message)),
      );
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [f]);

  const start = async () => {
    try {
      const run = await synthesisApi.createRun(body());
      navigate(`/synthesis/runs/${run.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const text = (name: keyof typeof f, label: string) => (
    <TextField size="small" label={t(`pace.synthesis.runs.${label}`)} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} />
  );
  const endpointSelect = (name: 'endpointId' | 'answerEndpointId', label: string) => (
    <TextField select size="small" label={t(`pace.synthesis.runs.${label}`)} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} sx={{ minWidth: 220 }}>
      {name === 'answerEndpointId' && <MenuItem value="">—</MenuItem>}
      {endpoints.map((e) => (
        <MenuItem key={e.id} value={e.id}>{`${e.name} (${e.model})`}</MenuItem>
      ))}
    </TextField>
  );

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
            {text('name', 'name')}
            {taxonomies.length ? (
              <TextField select size="small" label={t('pace.synthesis.runs.taxonomy')} value={f.taxonomyId} onChange={(e) => setF({ ...f, taxonomyId: e.target.value })} sx={{ minWidth: 220 }}>
                {taxonomies.map((x) => (
                  <MenuItem key={x.id} value={x.id}>{x.name}</MenuItem>
                ))}
              </TextField>
            ) : (
              text('taxonomyId', 'taxonomy_id')
            )}
            {endpointSelect('endpointId', 'endpoint')}
            {endpointSelect('answerEndpointId', 'answer_endpoint')}
            <TextField select size="small" label={t('pace.synthesis.runs.review_mode')} value={f.reviewMode} onChange={(e) => setF({ ...f, reviewMode: e.target.value as ReviewMode })} sx={{ minWidth: 200 }}>
              {(['dual', 'single', 'none'] as const).map((m) => (
                <MenuItem key={m} value={m}>{t(`pace.synthesis.runs.review.${m}`)}</MenuItem>
              ))}
            </TextField>
          </Stack>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
            {text('subjectSamples', 'subject_samples')}
            {text('questionsPerSubject', 'questions_per_subject')}
            {text('pairRatio', 'pair_ratio')}
            {text('answerTemperature', 'answer_temperature')}
            {text('maxTokens', 'max_tokens')}
            {text('seed', 'seed')}
            {text('maxTotalTokens', 'max_total_tokens')}
            {text('maxCostUsd', 'max_cost')}
          </Stack>
          {estimate && (
            <Stack spacing={1} data-testid="synthesis-estimate">
              <Typography variant="subtitle1">
                {t('pace.synthesis.runs.estimate')}: {t('pace.synthesis.runs.estimate_calls', { calls: estimate.calls, tokens: estimate.totalTokens, cost: estimate.costUsd.toFixed(4) })}
              </Typography>
              <Table size="small">
                <TableBody>
                  {estimate.lines.map((l) => (
                    <TableRow key={l.label}>
                      <TableCell>{l.label}</TableCell>
                      <TableCell align="right">{l.calls}</TableCell>
                      <TableCell align="right">{l.totalTokens}</TableCell>
                      <TableCell align="right">{l.costUsd === null ? '—' : `$${l.costUsd.toFixed(4)}`}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <Typography variant="caption" color="text.secondary">{t('pace.synthesis.runs.estimate_note')}</Typography>
            </Stack>
          )}
          {error && <Alert severity="error">{error}</Alert>}
          <Stack direction="row">
            <Button variant="contained" disabled={!f.name || !f.taxonomyId || !f.endpointId} onClick={() => void start()}>
              {t('pace.synthesis.runs.start')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};

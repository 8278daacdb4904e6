import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useNotify, useRedirect, useTranslate } from 'react-admin';
import { useLiveEvent } from '../realtime/socket';
import { DRAFT_PROMPT_KINDS, type DraftPromptKind, type DraftRunView, type EndpointOption, type TaxonomyLanguage, taxonomiesApi } from './taxonomiesApi';

const M = 'pace.taxonomies.draft';

/** The draft's progress, live (`synthesis.progress` in `synthesis:<runId>`), with cancel and resume. */
const DraftProgressView = ({ runId }: { runId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [run, setRun] = useState<DraftRunView | null>(null);
  const load = useCallback(() => void taxonomiesApi.getDraft(runId).then(setRun, (e: Error) => notify(e.message, { type: 'error' })), [runId, notify]);
  useEffect(load, [load]);
  useLiveEvent(`synthesis:${runId}`, 'synthesis.progress', load);
  if (!run) return <LinearProgress />;
  const { planned, done, failed } = run.progress;
  const act = (f: (id: string) => Promise<DraftRunView>) => void f(runId).then(setRun, (e: Error) => notify(e.message, { type: 'error' }));
  return (
    <Stack spacing={1} data-testid="draft-progress">
      <Typography>
        {translate(`${M}.status.${run.status}`)} — {translate(`${M}.progress`, { done, planned, failed })}
      </Typography>
      <LinearProgress variant="determinate" value={planned ? (100 * done) / planned : 0} />
      {run.failureReason && <Alert severity="error">{run.failureReason}</Alert>}
      {run.progress.merge && (
        <Typography variant="body2">
          {translate(`${M}.merged`, { drafts: run.progress.merge.drafts, nodes: run.progress.merge.nodes })}
          {run.progress.merge.elsewhere.map((e) => (
            <span key={e.name}>
              <br />
              {translate(`${M}.elsewhere`, { name: e.name, paths: e.paths.map((p) => p.join(' / ')).join('; ') })}
            </span>
          ))}
        </Typography>
      )}
      {run.failures.length > 0 && (
        <>
          <Typography variant="subtitle2">{translate(`${M}.failures`)}</Typography>
          {run.failures.map((f) => (
            <Alert key={f.id} severity="warning" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {f.message}
              {f.raw ? `\n${f.raw.slice(0, 300)}` : ''}
            </Alert>
          ))}
        </>
      )}
      <Stack direction="row" spacing={1}>
        {(run.status === 'queued' || run.status === 'running') && <Button onClick={() => act(taxonomiesApi.cancelDraft)}>{translate(`${M}.cancel_run`)}</Button>}
        {(run.status === 'cancelled' || run.status === 'failed') && <Button onClick={() => act(taxonomiesApi.resumeDraft)}>{translate(`${M}.resume_run`)}</Button>}
        {run.status === 'completed' && run.taxonomyId && (
          <Button variant="contained" onClick={() => redirect('show', 'taxonomies', run.taxonomyId!)}>
            {translate(`${M}.open`)}
          </Button>
        )}
      </Stack>
    </Stack>
  );
};

/** "Draft with an LLM": name, language, endpoint, which prompts, samples and temperature; then the draft's progress. */
export const DraftDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [endpoints, setEndpoints] = useState<EndpointOption[] | null>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<TaxonomyLanguage>('en');
  const [endpointId, setEndpointId] = useState('');
  const [prompts, setPrompts] = useState<DraftPromptKind[]>([...DRAFT_PROMPT_KINDS]);
  const [samples, setSamples] = useState(1);
  const [temperature, setTemperature] = useState(0.7);
  const [runId, setRunId] = useState<string | null>(null);
  useEffect(() => {
    taxonomiesApi.endpoints().then(
      (rows) => {
        setEndpoints(rows);
        if (rows.length) setEndpointId(rows[0].id);
      },
      (e: Error) => notify(e.message, { type: 'error' }),
    );
  }, [notify]);
  const start = () =>
    void taxonomiesApi.draft({ name, language, endpointId, prompts, samplesPerPrompt: samples, temperature }).then(
      (run) => setRunId(run.id),
      (e: Error) => notify(e.message, { type: 'error', multiLine: true }),
    );
  const toggle = (k: DraftPromptKind) => setPrompts((p) => (p.includes(k) ? p.filter((x) => x !== k) : DRAFT_PROMPT_KINDS.filter((x) => x === k || p.includes(x))));
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate(`${M}.title`)}</DialogTitle>
      <DialogContent>
        {runId ? (
          <DraftProgressView runId={runId} />
        ) : endpoints === null ? (
          <LinearProgress />
        ) : endpoints.length === 0 ? (
          <Alert severity="info">{translate(`${M}.no_endpoints`)}</Alert>
        ) : (
          <Stack spacing={2} sx={{ mt: 1 }}>
            <TextField label={translate(`${M}.name`)} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <TextField select label={translate('pace.taxonomies.create.language')} value={language} onChange={(e) => setLanguage(e.target.value as TaxonomyLanguage)}>
              {(['en', 'zh'] as const).map((l) => (
                <MenuItem key={l} value={l}>
                  {translate(`pace.taxonomies.language.${l}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField select label={translate(`${M}.endpoint`)} value={endpointId} onChange={(e) => setEndpointId(e.target.value)}>
              {endpoints.map((e) => (
                <MenuItem key={e.id} value={e.id}>
                  {e.name} ({e.model})
                </MenuItem>
              ))}
            </TextField>
            <FormGroup>
              <FormLabel>{translate(`${M}.prompts`)}</FormLabel>
              {DRAFT_PROMPT_KINDS.map((k) => (
                <FormControlLabel key={k} control={<Checkbox checked={prompts.includes(k)} onChange={() => toggle(k)} />} label={translate(`${M}.prompt.${k}`)} />
              ))}
            </FormGroup>
            <Stack direction="row" spacing={2}>
              <TextField type="number" label={translate(`${M}.samples`)} value={samples} onChange={(e) => setSamples(Math.max(1, Number(e.target.value)))} inputProps={{ min: 1, max: 20 }} />
              <TextField type="number" label={translate(`${M}.temperature`)} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} inputProps={{ min: 0, max: 2, step: 0.1 }} />
            </Stack>
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(`${M}.close`)}</Button>
        {!runId && endpoints && endpoints.length > 0 && (
          <Button variant="contained" disabled={!name.trim() || !endpointId || prompts.length === 0} onClick={start}>
            {translate(`${M}.start`)}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
};

import { Alert, Button, Card, CardContent, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { synthesisApi, type EndpointBody, type EndpointView } from './synthesisApi';

type KeyMode = 'keep' | 'replace' | 'env' | 'clear';

/** LLM endpoints: list, create and edit (the key write-only), test connection. */
export const Endpoints = () => {
  const t = useTranslate();
  const notify = useNotify();
  const [rows, setRows] = useState<EndpointView[]>([]);
  const [editing, setEditing] = useState<EndpointView | 'new' | null>(null);
  const load = useCallback(() => synthesisApi.endpoints().then((r) => setRows(r.rows), (e: Error) => notify(t('pace.synthesis.failed', { message: e.message }), { type: 'error' })), [notify, t]);
  useEffect(() => void load(), [load]);

  const test = async (e: EndpointView) => {
    const r = await synthesisApi.testEndpoint(e.id);
    if (r.ok) notify(t('pace.synthesis.endpoints.test_ok', { model: r.model, ms: r.latencyMs }), { type: 'success' });
    else notify(t('pace.synthesis.endpoints.test_failed', { error: r.error }), { type: 'error' });
  };
  const keyLabel = (e: EndpointView) =>
    e.apiKey.kind === 'env' ? t('pace.synthesis.endpoints.key_env', { name: e.apiKey.name }) : e.apiKey.kind === 'encrypted' ? t('pace.synthesis.endpoints.key_set') : t('pace.synthesis.endpoints.key_none');

  return (
    <Stack spacing={2}>
      <Stack direction="row">
        <Button variant="contained" onClick={() => setEditing('new')}>
          {t('pace.synthesis.endpoints.create')}
        </Button>
      </Stack>
      {editing && <EndpointForm endpoint={editing === 'new' ? null : editing} onDone={() => (setEditing(null), void load())} />}
      {rows.length === 0 ? (
        <Typography color="text.secondary">{t('pace.synthesis.endpoints.empty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('pace.synthesis.tabs.endpoints')}>
          <TableHead>
            <TableRow>
              {['name', 'base_url', 'model', 'key', 'concurrency'].map((c) => (
                <TableCell key={c}>{t(`pace.synthesis.endpoints.${c}`)}</TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{e.name}</TableCell>
                <TableCell>{e.baseUrl}</TableCell>
                <TableCell>{e.model}</TableCell>
                <TableCell>{keyLabel(e)}</TableCell>
                <TableCell>{e.maxConcurrency}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => void test(e)}>{t('pace.synthesis.endpoints.test')}</Button>
                  <Button size="small" onClick={() => setEditing(e)}>{t('pace.synthesis.endpoints.edit')}</Button>
                  <Button size="small" color="error" onClick={() => void synthesisApi.deleteEndpoint(e.id).then(load)}>{t('pace.synthesis.endpoints.delete')}</Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
};

const num = (v: string) => (v.trim() === '' ? null : Number(v));

const EndpointForm = ({ endpoint, onDone }: { endpoint: EndpointView | null; onDone: () => void }) => {
  const t = useTranslate();
  const [f, setF] = useState({
    name: endpoint?.name ?? '',
    baseUrl: endpoint?.baseUrl ?? 'http://127.0.0.1:8000/v1',
    model: endpoint?.model ?? '',
    maxConcurrency: String(endpoint?.maxConcurrency ?? 8),
    requestsPerMinute: String(endpoint?.requestsPerMinute ?? ''),
    tokensPerMinute: String(endpoint?.tokensPerMinute ?? ''),
    inputPer1M: String(endpoint?.inputPer1M ?? ''),
    outputPer1M: String(endpoint?.outputPer1M ?? ''),
  });
  const [keyMode, setKeyMode] = useState<KeyMode>(endpoint ? 'keep' : 'clear');
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const field = (name: keyof typeof f, label: string) => (
    <TextField size="small" label={t(`pace.synthesis.endpoints.${label}`)} value={f[name]} onChange={(e) => setF({ ...f, [name]: e.target.value })} />
  );
  const save = async () => {
    const body: EndpointBody = {
      name: f.name,
      baseUrl: f.baseUrl,
      model: f.model,
      maxConcurrency: Number(f.maxConcurrency),
      requestsPerMinute: num(f.requestsPerMinute),
      tokensPerMinute: num(f.tokensPerMinute),
      inputPer1M: num(f.inputPer1M),
      outputPer1M: num(f.outputPer1M),
      ...(keyMode === 'replace' ? { apiKey: key } : keyMode === 'env' ? { apiKeyEnv: key } : keyMode === 'clear' && endpoint ? { clearApiKey: true } : {}),
    };
    try {
      if (endpoint) await synthesisApi.updateEndpoint(endpoint.id, body);
      else await synthesisApi.createEndpoint(body);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
            {field('name', 'name')}
            {field('baseUrl', 'base_url')}
            {field('model', 'model')}
            {field('maxConcurrency', 'concurrency')}
            {field('requestsPerMinute', 'rpm')}
            {field('tokensPerMinute', 'tpm')}
            {field('inputPer1M', 'input_price')}
            {field('outputPer1M', 'output_price')}
          </Stack>
          <Stack direction="row" spacing={2}>
            <TextField select size="small" label={t('pace.synthesis.endpoints.key_mode')} value={keyMode} onChange={(e) => setKeyMode(e.target.value as KeyMode)} sx={{ minWidth: 220 }}>
              {endpoint && <MenuItem value="keep">{t('pace.synthesis.endpoints.key_keep')}</MenuItem>}
              <MenuItem value="replace">{t('pace.synthesis.endpoints.key_replace')}</MenuItem>
              <MenuItem value="env">{t('pace.synthesis.endpoints.key_use_env')}</MenuItem>
              <MenuItem value="clear">{t('pace.synthesis.endpoints.key_clear')}</MenuItem>
            </TextField>
            {(keyMode === 'replace' || keyMode === 'env') && (
              <TextField
                size="small"
                type={keyMode === 'replace' ? 'password' : 'text'}
                autoComplete="off"
                label={t(keyMode === 'replace' ? 'pace.synthesis.endpoints.key_value' : 'pace.synthesis.endpoints.key_env_name')}
                value={key}
                onChange={(e) => setKey(e.target.value)}
              />
            )}
          </Stack>
          {error && <Alert severity="error">{error}</Alert>}
          <Stack direction="row">
            <Button variant="contained" onClick={() => void save()}>
              {t('pace.synthesis.endpoints.save')}
            </Button>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};

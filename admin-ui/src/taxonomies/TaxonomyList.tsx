import AddIcon from '@mui/icons-material/Add';
import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import { Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { DataTable, FunctionField, List, TopToolbar, useNotify, usePermissions, useRedirect, useTranslate } from 'react-admin';
import { DraftDialog } from './DraftDialog';
import { type TaxonomyLanguage, type TaxonomySummary, taxonomiesApi } from './taxonomiesApi';
import { DateTimeField } from '../i18n/dates';

const M = 'pace.taxonomies';
export const CURATOR_ROLES = ['admin', 'lead', 'researcher'];

/** A new taxonomy: empty, or imported from a JSON file (read here, sent as the document; errors name their JSON path). */
const CreateDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<TaxonomyLanguage>('en');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const created = await taxonomiesApi.create({ name, language, ...(file ? { json: await file.text() } : {}) });
      onClose();
      redirect('show', 'taxonomies', created.id);
    } catch (e) {
      notify((e as Error).message, { type: 'error', multiLine: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate(`${M}.create.title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField label={translate(`${M}.create.name`)} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <TextField select label={translate(`${M}.create.language`)} value={language} onChange={(e) => setLanguage(e.target.value as TaxonomyLanguage)}>
            {(['en', 'zh'] as const).map((l) => (
              <MenuItem key={l} value={l}>
                {translate(`${M}.language.${l}`)}
              </MenuItem>
            ))}
          </TextField>
          <Button component="label" variant="outlined">
            {file ? file.name : translate(`${M}.create.file`)}
            <input hidden type="file" accept=".json,application/json" aria-label={translate(`${M}.create.file`)} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </Button>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(`${M}.create.cancel`)}</Button>
        <Button variant="contained" disabled={busy || !name.trim()} onClick={() => void submit()}>
          {translate(`${M}.create.submit`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const Actions = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const [open, setOpen] = useState<'create' | 'draft' | null>(null);
  if (!CURATOR_ROLES.includes(permissions)) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button startIcon={<AddIcon />} onClick={() => setOpen('create')}>
        {translate(`${M}.list.create`)}
      </Button>
      <Button startIcon={<AutoAwesomeIcon />} onClick={() => setOpen('draft')}>
        {translate(`${M}.list.draft`)}
      </Button>
      <CreateDialog open={open === 'create'} onClose={() => setOpen(null)} />
      {open === 'draft' && <DraftDialog onClose={() => setOpen(null)} />}
    </TopToolbar>
  );
};

/** Every taxonomy, newest change first; a row opens its tree. */
export const TaxonomyList = () => {
  const translate = useTranslate();
  return (
    <List actions={<Actions />} exporter={false} sort={{ field: 'updatedAt', order: 'DESC' }} empty={false}>
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="name" label={`${M}.fields.name`} />
        <DataTable.Col source="language" label={`${M}.fields.language`}>
          <FunctionField<TaxonomySummary> render={(r) => translate(`${M}.language.${r.language}`)} />
        </DataTable.Col>
        <DataTable.Col source="fieldCount" label={`${M}.fields.fieldCount`} disableSort />
        <DataTable.Col source="disciplineCount" label={`${M}.fields.disciplineCount`} disableSort />
        <DataTable.Col source="revision" label={`${M}.fields.revision`} disableSort>
          <FunctionField<TaxonomySummary> render={(r) => <Chip size="small" label={r.revision.slice(0, 12)} sx={{ fontFamily: 'monospace' }} />} />
        </DataTable.Col>
        <DataTable.Col source="updatedAt" label={`${M}.fields.updatedAt`} field={DateTimeField} />
      </DataTable>
    </List>
  );
};

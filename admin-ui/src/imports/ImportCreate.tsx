import UploadIcon from '@mui/icons-material/UploadFile';
import { Alert, Box, LinearProgress, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Create,
  FileInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  Toolbar,
  required,
  useGetList,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { AbilityRecord } from '../abilities/AbilityName';
import { AdapterInputs } from './AdapterInputs';
import { uploadImport } from './importsApi';
import { SourceInputs } from './SourceInputs';
import { toUpload, UPLOAD_DEFAULTS, type UploadValues } from './uploadValues';
import { useAdapters } from './useAdapters';

/** Upload a file with its record format, default ability and source; then follow the import on its page. */
export const ImportCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const adapters = useAdapters();
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: Partial<UploadValues>) => {
    setError(null);
    setSent(0);
    try {
      const adapter = adapters.data?.find((a) => a.key === values.adapter);
      const imp = await uploadImport(toUpload(values as UploadValues, adapter), setSent);
      notify('resources.imports.upload.queued', { type: 'success' });
      redirect('show', 'imports', imp.id);
    } catch (e) {
      setError(translate((e as Error).message, { _: (e as Error).message }));
      setSent(null);
    }
  };

  return (
    <Create title="resources.imports.upload.title">
      <SimpleForm defaultValues={UPLOAD_DEFAULTS} onSubmit={submit} toolbar={<UploadToolbar sent={sent} error={error} />}>
        <FileInput source="file" label="resources.imports.upload.file" helperText="resources.imports.upload.file_help" validate={required()}>
          <ChosenFile />
        </FileInput>
        <AdapterInputs />
        <AbilityInput />
        <SourceInputs />
      </SimpleForm>
    </Create>
  );
};

/** @uiOnly react-admin's FileInput value for the picked file: form state, not an API response. */
interface PickedFile {
  id?: string;
  rawFile: File;
  title: string;
}

const ChosenFile = () => {
  const file = useRecordContext<PickedFile>();
  if (!file) return null;
  return (
    <Typography>
      {file.title} ({formatBytes(file.rawFile?.size ?? 0)})
    </Typography>
  );
};

const AbilityInput = () => {
  const [locale] = useLocaleState();
  const { data, isPending } = useGetList<AbilityRecord>('abilities', { pagination: { page: 1, perPage: 1000 } });
  return (
    <SelectInput
      source="ability"
      label="resources.imports.upload.ability"
      choices={data ?? []}
      optionValue="key"
      optionText={(a: AbilityRecord) => (locale.startsWith('zh') ? a.nameZh : a.nameEn)}
      isPending={isPending}
      emptyText="resources.imports.upload.ability_none"
      helperText="resources.imports.upload.ability_help"
      sx={{ minWidth: 360 }}
    />
  );
};

/** The submit button, then the upload's progress or the server's refusal. */
const UploadToolbar = ({ sent, error }: { sent: number | null; error: string | null }) => {
  const translate = useTranslate();
  return (
    <Box>
      {sent !== null && (
        <Box sx={{ px: 2, pt: 2 }}>
          <LinearProgress
            variant={sent < 100 ? 'determinate' : 'indeterminate'}
            value={sent}
            aria-label={translate('resources.imports.upload.progress')}
          />
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {sent < 100 ? translate('resources.imports.upload.uploading', { percent: sent }) : translate('resources.imports.upload.processing')}
          </Typography>
        </Box>
      )}
      {error && (
        <Alert severity="error" sx={{ mx: 2, mt: 2 }}>
          {error}
        </Alert>
      )}
      <Toolbar>
        <SaveButton label="resources.imports.upload.submit" icon={<UploadIcon />} />
      </Toolbar>
    </Box>
  );
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

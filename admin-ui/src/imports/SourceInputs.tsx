import { Box } from '@mui/material';
import { RadioButtonGroupInput, required, SelectInput, TextInput, useGetList, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { UploadValues } from './uploadValues';
import { useChosenAdapter } from './useAdapters';

const MODES = [
  { id: 'new', name: 'resources.imports.upload.source_new' },
  { id: 'existing', name: 'resources.imports.upload.source_existing' },
];

/** An existing source, or one named here (found by name or created); adapters of a known dataset have a default. */
export const SourceInputs = () => {
  const translate = useTranslate();
  const mode = useWatch<UploadValues, 'sourceMode'>({ name: 'sourceMode' });
  const adapter = useChosenAdapter();
  const sources = useGetList('sources', { pagination: { page: 1, perPage: 1000 } }, { enabled: mode === 'existing' });
  const defaultName = adapter && adapter.source.kind !== 'generic' ? adapter.source.name : null;
  return (
    <Box>
      <RadioButtonGroupInput source="sourceMode" label="resources.imports.upload.source" choices={MODES} helperText={false} />
      {mode === 'existing' ? (
        <SelectInput
          source="sourceId"
          label="resources.imports.fields.sourceId"
          choices={sources.data ?? []}
          optionText="name"
          isPending={sources.isPending}
          validate={required()}
          sx={{ minWidth: 360 }}
        />
      ) : (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
          <TextInput
            source="sourceName"
            label="resources.imports.upload.source_name"
            helperText={defaultName ? translate('resources.imports.upload.source_name_default', { name: defaultName }) : 'resources.imports.upload.source_name_help'}
            sx={{ width: 360 }}
          />
          <TextInput source="license" label="resources.imports.upload.license" helperText={false} sx={{ width: 280 }} />
        </Box>
      )}
    </Box>
  );
};

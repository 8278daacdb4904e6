import { Box, Stack, Typography } from '@mui/material';
import { SelectInput, TextInput, useRecordContext, useTranslate, type RaRecord } from 'react-admin';
import type { Adapter } from './importsApi';
import { useAdapters, useChosenAdapter } from './useAdapters';

const AdapterOption = () => {
  const adapter = useRecordContext<Adapter & Pick<RaRecord, 'id'>>();
  if (!adapter) return null;
  return (
    <Box sx={{ whiteSpace: 'normal', maxWidth: 560 }}>
      <Typography variant="body1">{adapter.title}</Typography>
      <Typography variant="body2" color="text.secondary">
        {adapter.description}
      </Typography>
    </Box>
  );
};

/** The record format (each option with its description) and, for CSV, which column holds each field. */
export const AdapterInputs = () => {
  const translate = useTranslate();
  const { data: adapters, isPending, error } = useAdapters();
  const chosen = useChosenAdapter();
  return (
    <>
      <SelectInput
        source="adapter"
        label="resources.imports.upload.adapter"
        choices={adapters ?? []}
        optionValue="key"
        optionText={<AdapterOption />}
        isPending={isPending}
        emptyText="resources.imports.upload.detect"
        SelectProps={{ renderValue: (key: unknown) => adapters?.find((a) => a.key === key)?.title ?? translate('resources.imports.upload.detect') }}
        helperText={error ? error.message : (chosen?.description ?? 'resources.imports.upload.detect_help')}
        sx={{ minWidth: 360 }}
      />
      {chosen?.columns && (
        <Stack component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
          <Typography component="legend" variant="subtitle1">
            {translate('resources.imports.upload.mapping')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate('resources.imports.upload.mapping_help')}
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
            {chosen.columns.map((column) => (
              <TextInput
                key={column.name}
                source={`csvMapping.${column.name}`}
                label={column.required ? `${column.name} *` : column.name}
                placeholder={column.name}
                helperText={false}
                sx={{ width: 200 }}
              />
            ))}
          </Box>
        </Stack>
      )}
    </>
  );
};

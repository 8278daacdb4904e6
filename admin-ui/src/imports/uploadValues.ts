import type { Adapter, ImportUpload } from './importsApi';

/** What the upload form holds; `file` is react-admin FileInput's value. */
export interface UploadValues {
  file?: { rawFile: File; title: string } | null;
  adapter?: string | null;
  ability?: string | null;
  sourceMode: 'new' | 'existing';
  sourceId?: string | null;
  sourceName?: string | null;
  license?: string | null;
  csvMapping?: Record<string, string | null>;
}

export const UPLOAD_DEFAULTS: UploadValues = { sourceMode: 'new' };

/** The multipart fields for the form's values: empty boxes left out, the server's defaults apply. */
export function toUpload(values: UploadValues, adapter: Adapter | undefined): ImportUpload {
  const text = (v: string | null | undefined) => v?.trim() || undefined;
  const upload: ImportUpload = { file: values.file!.rawFile, adapter: text(values.adapter), ability: text(values.ability) };
  if (values.sourceMode === 'existing') upload.sourceId = text(values.sourceId);
  else Object.assign(upload, { sourceName: text(values.sourceName), license: text(values.license) });
  if (adapter?.columns) {
    upload.csvMapping = Object.fromEntries(
      adapter.columns.flatMap(({ name }) => {
        const column = text(values.csvMapping?.[name]);
        return column ? [[name, column]] : [];
      }),
    );
  }
  return upload;
}

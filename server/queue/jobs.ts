/** Every job the platform runs; payloads carry ids only, handlers reload state from the database. */
export enum JobName {
  Import = 'import',
  FreezeDataset = 'dataset-freeze',
  ExportDataset = 'export-dataset',
}

export interface JobPayloads {
  [JobName.Import]: { importId: string };
  [JobName.FreezeDataset]: { versionId: number };
  [JobName.ExportDataset]: { exportId: string };
}

export interface JobHandler<N extends JobName> {
  readonly name: N;
  handle(payload: JobPayloads[N]): Promise<void>;
}

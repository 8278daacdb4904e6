/** Every job the platform runs; payloads carry ids only, handlers reload state from the database. */
export enum JobName {
  Import = 'import',
}

export interface JobPayloads {
  [JobName.Import]: { importId: string };
}

export interface JobHandler<N extends JobName> {
  readonly name: N;
  handle(payload: JobPayloads[N]): Promise<void>;
}

/** Every job the platform runs; payloads carry ids only, handlers reload state from the database. */
export enum JobName {
  Import = 'import',
  FreezeDataset = 'dataset-freeze',
  ExportDataset = 'export-dataset',
  /** `dataset.frozen` (pg-boss pub/sub) delivered to the experiment policies */
  ApplyExperimentPolicies = 'experiment-policies',
  TrainExperiment = 'train',
  EvaluateCheckpoint = 'evaluate',
  /** An LLM draft of a GLAN taxonomy (server/synthesis/taxonomies/taxonomy-draft-runner.ts) */
  DraftTaxonomy = 'taxonomy-draft',
  /** A GLAN generation run: subjects → syllabi → questions → answers (server/synthesis/pipeline) */
  SynthesisRun = 'synthesis-run',
  /** A generation run's pairs decontaminated and imported (`synthesis.answered`, or POST /synthesis/runs/:id/ingest) */
  IngestSynthesis = 'synthesis-ingest',
}

export interface JobPayloads {
  [JobName.Import]: { importId: string };
  [JobName.FreezeDataset]: { versionId: number };
  [JobName.ExportDataset]: { exportId: string };
  [JobName.ApplyExperimentPolicies]: { versionId: number; name: string; contentHash: string; itemCount: number };
  [JobName.TrainExperiment]: { experimentId: string };
  [JobName.EvaluateCheckpoint]: { evaluationId: string };
  [JobName.DraftTaxonomy]: { runId: string };
  [JobName.SynthesisRun]: { runId: string };
  [JobName.IngestSynthesis]: { runId: string };
}

/** pg-boss pub/sub: an event published (QueueService.publish) becomes a job on each subscribed queue. */
export const SUBSCRIPTIONS: ReadonlyArray<{ event: string; queue: JobName }> = [
  // published by the dataset freeze (server/datasets/freeze/freeze-runner.ts)
  { event: 'dataset.frozen', queue: JobName.ApplyExperimentPolicies },
  // published by the generation pipeline when a run's answers are done
  { event: 'synthesis.answered', queue: JobName.IngestSynthesis },
];

export interface JobHandler<N extends JobName> {
  readonly name: N;
  handle(payload: JobPayloads[N]): Promise<void>;
}

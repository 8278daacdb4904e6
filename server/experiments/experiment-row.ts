import type { ExperimentProgress, ExperimentStatus, ExperimentView, HyperParams } from './experiment-views';

/** An experiments row joined with the names its view shows; `outputDir`/`logPath` stay on the server side. */
export interface ExperimentRow {
  id: string;
  name: string;
  baseModelId: number;
  baseModelName: string;
  baseModelPath: string;
  baseModelParameters: string | number | null;
  versionId: number;
  versionName: string;
  recipeId: number | null;
  recipeName: string | null;
  recipeRevision: number | null;
  policyId: number | null;
  hyperParams: HyperParams;
  seed: number;
  /** train items per ability key; null for a run registered before counts were stored (TrainCountsService.ensure fills it) */
  trainCounts: Record<string, number> | null;
  status: ExperimentStatus;
  progress: Partial<ExperimentProgress>;
  failureReason: string | null;
  outputDir: string | null;
  logPath: string | null;
  worker: string | null;
  attempts: number;
  checkpoints: number;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export function progressView(row: Pick<ExperimentRow, 'progress' | 'status' | 'hyperParams'>): ExperimentProgress {
  const p = row.progress;
  const step = p.step ?? 0;
  const totalSteps = p.totalSteps ?? 0;
  const percent = row.status === 'completed' ? 100 : totalSteps > 0 ? Math.min(100, Math.round((step / totalSteps) * 1000) / 10) : 0;
  return {
    epoch: p.epoch ?? 0,
    epochs: p.epochs ?? row.hyperParams.epochs,
    step,
    totalSteps,
    loss: p.loss ?? null,
    lr: p.lr ?? null,
    tokensPerSecond: p.tokensPerSecond ?? null,
    etaSeconds: row.status === 'completed' ? 0 : (p.etaSeconds ?? null),
    percent,
    ...(p.examples !== undefined ? { examples: p.examples } : {}),
    ...(p.device !== undefined ? { device: p.device } : {}),
    ...(p.precision !== undefined ? { precision: p.precision } : {}),
  };
}

/** The columns a run's base model, version and recipe revision are shown from (experiments, study runs). */
export type RunRefColumns = Pick<ExperimentRow, 'baseModelId' | 'baseModelName' | 'baseModelParameters' | 'versionId' | 'versionName' | 'recipeId' | 'recipeName' | 'recipeRevision'>;

/** A run's recipe revision as views show it; null for a run on the version's whole train split. */
export function recipeRef(row: Pick<ExperimentRow, 'recipeId' | 'recipeName' | 'recipeRevision'>): ExperimentView['recipe'] {
  return row.recipeId == null || row.recipeName == null ? null : { id: row.recipeId, name: row.recipeName, revision: row.recipeRevision ?? 1 };
}

/** A run's base model, version and recipe revision as views show them. */
export function runRefs(row: RunRefColumns): Pick<ExperimentView, 'baseModel' | 'version' | 'recipe'> {
  return {
    baseModel: { id: row.baseModelId, name: row.baseModelName, parameters: row.baseModelParameters == null ? null : Number(row.baseModelParameters) },
    version: { id: row.versionId, name: row.versionName },
    recipe: recipeRef(row),
  };
}

export function experimentView(row: ExperimentRow, best: ExperimentView['best'] = null): ExperimentView {
  return {
    id: row.id,
    name: row.name,
    ...runRefs(row),
    policyId: row.policyId,
    hyperParams: row.hyperParams,
    seed: row.seed,
    trainCounts: row.trainCounts ?? null,
    status: row.status,
    progress: progressView(row),
    failureReason: row.failureReason,
    worker: row.worker,
    attempts: row.attempts,
    checkpoints: row.checkpoints,
    best,
    createdAt: new Date(row.createdAt).toISOString(),
    startedAt: row.startedAt ? new Date(row.startedAt).toISOString() : null,
    finishedAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
  };
}

import { Injectable } from '@nestjs/common';
import { progressView, runRefs } from '../experiments/experiment-row';
import type { ExperimentStatus } from '../experiments/experiment-views';
import { StudiesRepository, type StudyRow, type StudyRunRow } from './studies.repository';
import type { StudyProgress, StudyRunView, StudyView } from './study-views';

/** A study as the API, the CLI and `study.progress` show it: its grid, its runs with their status and percent, and the counts. */
@Injectable()
export class StudyViewBuilder {
  constructor(private readonly repo: StudiesRepository) {}

  async build(study: StudyRow): Promise<StudyView> {
    const policyIds = await this.repo.policies(study.id);
    if (policyIds.length) await this.repo.linkPolicyRuns(study.id);
    const [runs, foundation, baseModels] = await Promise.all([this.repo.runs(study.id), this.repo.foundations(study.id), this.repo.baseModels(study.baseModelIds)]);
    const runViews = runs.map(runView);
    return {
      id: study.id,
      name: study.name,
      template: study.template,
      version: study.versionId === null ? null : { id: study.versionId, name: study.versionName ?? String(study.versionId) },
      followVersions: study.followVersions,
      policyId: policyIds[0] ?? null,
      policyIds,
      baseModels,
      recipes: study.recipes,
      seeds: study.seeds,
      hyperParams: study.hyperParams,
      probeItems: study.probeItems,
      runs: runViews,
      foundation,
      progress: studyProgress(runViews),
      createdAt: new Date(study.createdAt).toISOString(),
      createdBy: study.createdByName,
    };
  }
}

function runView(r: StudyRunRow): StudyRunView {
  return {
    experimentId: r.experimentId,
    name: r.name,
    ...runRefs(r),
    seed: r.seed,
    status: r.status,
    percent: progressView(r).percent,
    reused: r.reused,
    probeAbility: r.probeAbility,
  };
}

/** Counts by status (a run being cancelled still runs) and the mean percent of the runs. */
export function studyProgress(runs: Pick<StudyRunView, 'status' | 'percent'>[]): StudyProgress {
  const count = (...s: ExperimentStatus[]) => runs.filter((r) => s.includes(r.status)).length;
  const mean = runs.length ? runs.reduce((sum, r) => sum + r.percent, 0) / runs.length : 0;
  return {
    total: runs.length,
    queued: count('queued'),
    running: count('running', 'cancelling'),
    completed: count('completed'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    percent: Math.round(mean * 10) / 10,
  };
}

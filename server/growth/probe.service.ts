import { BadRequestException, Injectable, NotFoundException, Optional } from '@nestjs/common';
import type { AbilitySensitivity } from '../analysis/growth/growth-types';
import { assembleProbeInput, type ProbeMatrix, type ProbeRun, type ProbeScore } from '../analysis/probe/probe-matrix';
import { ProbeInputError, probeMeasures, type ProbeMeasure } from '../analysis/probe/probe-measures';
import { probeScatters, type AbilitySensitivity as ScatterSensitivity, type ScatterPoint } from '../analysis/probe/probe-scatter';
import { pearsonCorrelation } from '../analysis/stats/correlation';
import type { ProbeQuery } from './growth-query';
import { StudyRuns } from './growth-selection';
import type { CorrelationView, ProbeView } from './growth-views';
import { DEFAULT_MIN_EPOCH, GrowthService } from './growth.service';
import { GrowthRepository, type GrowthRunRow } from './growth.repository';
import { ProbeRepository, type ProbeScoreRow } from './probe.repository';

const IN_DOMAIN = 'in-domain';

/**
 * Complexity and Transference from a probe study (issue 13 item 4), read from the database:
 * - the study's probe runs (StudyRuns.probeAbilities: run → the ability it was trained on alone) and the evaluation
 *   of the untuned base model the runs were trained from (StudyRuns.foundationEvaluations);
 * - Acc(j, i) at the checkpoint of run j best on j's own validation items (epoch ≥ the runs' `bestFromEpoch`, else 5),
 *   L_j the stored `ability_scores.loss` of j's in-domain test group at that checkpoint (probe-matrix.ts);
 * - the measures with the query's weights (defaults in probe-measures.ts: all 1);
 * - the sensitivities they are set against: with `against=<study>`, that study's runs; by default every run in the
 *   database except this probe study's own (its 64-item single-ability runs say nothing about volume or size), so
 *   α_N sees every model size trained and α_D every volume. Per ability, α_N is the size fit and α_D the fit that
 *   classifies the ability (the curated line of the largest model size, else the synthetic one; growth-sensitivity.ts).
 * Whatever is not there yet — a run still training, an evaluation not landed, a loss not stored — is listed in
 * `missing` (with the matrix left empty and no measures) instead of failing the request.
 */
@Injectable()
export class ProbeService {
  constructor(
    private readonly growth: GrowthService,
    private readonly repo: ProbeRepository,
    private readonly growthRepo: GrowthRepository,
    @Optional() private readonly studies?: StudyRuns,
  ) {}

  async probe(q: ProbeQuery): Promise<ProbeView> {
    const studies = this.studies;
    if (!studies) throw new NotFoundException(`studyId: studies are not available here`);
    const ids = await studies.experimentIds(q.studyId);
    if (ids === null) throw new NotFoundException(`studyId: no study ${q.studyId}`);
    const probes = await studies.probeAbilities(q.studyId);
    const missing: string[] = [];
    if (probes.size === 0) missing.push(`study ${q.studyId} has no probe runs (one run per ability on that ability's items alone)`);

    const rows = await this.growth.rows({ experimentIds: [...probes.keys()] });
    const minEpoch = commonMinEpoch(rows);
    const abilities = await this.orderedAbilities([...new Set(probes.values())]);
    for (const r of rows) if (r.status !== 'completed') missing.push(`the probe run for ${probes.get(r.id)} (${r.name}) is ${r.status}`);

    const foundation = await this.foundationScores(q.studyId, new Set(rows.map((r) => r.baseModelId)), missing);
    const scores = await this.repo.runScores(rows.map((r) => r.id));
    const runs: ProbeRun[] = rows.map((r) => ({ ability: probes.get(r.id) as string, epochs: epochsOf(scores.filter((s) => s.owner === r.id), probes.get(r.id) as string) }));

    let matrix: ProbeMatrix | null = null;
    let measures: ProbeMeasure[] = [];
    try {
      // assembled even without the foundation's scores, so every run's problem is listed at once
      if (abilities.length > 0) matrix = assembleProbeInput({ abilities, runs, foundation: { scores: foundation ?? [] } }, { minEpoch });
      if (matrix && missing.length === 0) measures = probeMeasures(matrix.input, q.weights);
    } catch (e) {
      if (!(e instanceof ProbeInputError)) throw e;
      // without a foundation evaluation, foundationScores has said so once rather than once per ability
      missing.push(...e.problems.filter((p) => foundation !== null || !p.startsWith('Acc(f, ')));
    }
    if (missing.length > 0) measures = [];

    const against = await this.sensitivities(q, [...probes.keys()]);
    const scatters = probeScatters(measures, against.sensitivities.map(scatterSensitivity));
    return {
      studyId: q.studyId,
      abilities,
      minEpoch,
      weights: q.weights,
      accuracy: (matrix?.input.accuracy as ProbeView['accuracy'] | undefined) ?? {},
      foundation: { ...matrix?.input.foundation },
      loss: { ...matrix?.input.loss },
      checkpoints: matrix?.checkpoints ?? {},
      measures,
      scatters,
      correlations: { complexityVsSize: correlation(scatters.complexityVsSize), transferenceVsData: correlation(scatters.transferenceVsData) },
      missing,
      against: { studyId: q.against ?? null, runs: against.runs },
    };
  }

  /** The study's abilities in the abilities' own order (the admin's list), any key not there after them. */
  private async orderedAbilities(keys: string[]): Promise<string[]> {
    const order = (await this.repo.abilityNames()).map((a) => a.key);
    const known = order.filter((k) => keys.includes(k));
    return [...known, ...keys.filter((k) => !order.includes(k)).sort()];
  }

  /** The foundation model's scores: the study's evaluation of the untuned base model the probe runs were trained from. */
  private async foundationScores(studyId: number, baseModels: Set<number>, missing: string[]): Promise<ProbeScore[] | null> {
    const all = await this.studies!.foundationEvaluations(studyId);
    const mine = all.filter((f) => baseModels.size === 0 || baseModels.has(f.baseModelId));
    if (baseModels.size > 1) missing.push(`the probe runs were trained from ${baseModels.size} base models (${[...baseModels].join(', ')}); a probe study compares one`);
    if (mine.length === 0) {
      missing.push(`Acc(f, ·): study ${studyId} has no evaluation of the untuned base model${baseModels.size ? ` ${[...baseModels].join(', ')}` : ''}`);
      return null;
    }
    const states = await this.repo.evaluationStates(mine.map((f) => f.evaluationId));
    const done = mine.filter((f) => states.some((s) => s.id === f.evaluationId && s.status === 'completed'));
    if (done.length === 0) {
      for (const f of mine) missing.push(`Acc(f, ·): the evaluation ${f.evaluationId} of the untuned base model is ${states.find((s) => s.id === f.evaluationId)?.status ?? 'gone'}`);
      return null;
    }
    return this.repo.evaluationScores([done[done.length - 1].evaluationId]);
  }

  private async sensitivities(q: ProbeQuery, probeIds: string[]): Promise<{ sensitivities: AbilitySensitivity[]; runs: number }> {
    if (q.against !== undefined) {
      const view = await this.growth.curves({ studyId: q.against });
      return { sensitivities: view.sensitivities, runs: view.runs.length };
    }
    const probe = new Set(probeIds);
    const ids = (await this.growthRepo.idsOnLine(undefined, undefined)).filter((id) => !probe.has(id));
    try {
      const view = await this.growth.curves({ experimentIds: ids });
      return { sensitivities: view.sensitivities, runs: view.runs.length };
    } catch (e) {
      if (e instanceof BadRequestException) throw new BadRequestException(`against: the runs the sensitivities are fitted on cannot be read (${(e as Error).message}); name a study with against=`);
      throw e;
    }
  }
}

/** A probe run's evaluated epochs: its scores, and its own ability's in-domain test loss (0-shot) as `ownTestLoss`. */
function epochsOf(rows: readonly ProbeScoreRow[], ability: string) {
  const byEpoch = new Map<number, ProbeScoreRow[]>();
  for (const r of rows) byEpoch.set(r.epoch, [...(byEpoch.get(r.epoch) ?? []), r]);
  return [...byEpoch.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([epoch, scores]) => ({
      epoch,
      scores,
      ownTestLoss: scores.find((s) => s.suite === IN_DOMAIN && s.ability === ability && s.split === 'test' && s.shots === 0)?.loss ?? null,
    }));
}

/** The data fit that classifies an ability (growth-sensitivity.ts): of its lines with a fit, the curated one of the largest size, else the synthetic one. */
export function classifyingFit(s: AbilitySensitivity): AbilitySensitivity['dataFits'][number] | undefined {
  const rank = (d: AbilitySensitivity['dataFits'][number]) => (d.source === 'curated' ? 1 : 0);
  return s.dataFits.filter((d) => d.fit !== null).sort((a, b) => rank(b) - rank(a) || b.parameters - a.parameters)[0];
}

/** α_N: the size fit; α_D: the classifying data fit. */
export function scatterSensitivity(s: AbilitySensitivity): ScatterSensitivity {
  return { ability: s.ability, alphaSize: s.sizeFit?.alpha ?? null, alphaData: classifyingFit(s)?.fit?.alpha ?? null };
}

/** The probe runs' common `bestFromEpoch` (a probe study trains them alike), else DoIT's 5. */
function commonMinEpoch(rows: readonly GrowthRunRow[]): number {
  const values = new Set(rows.map((r) => r.hyperParams.bestFromEpoch ?? DEFAULT_MIN_EPOCH));
  return values.size === 1 ? [...values][0] : DEFAULT_MIN_EPOCH;
}

export function correlation(points: readonly ScatterPoint[]): CorrelationView | null {
  const c = pearsonCorrelation(
    points.map((p) => p.x),
    points.map((p) => p.y),
  );
  return c.estimable ? { r: c.r, p: c.p, n: c.n, slope: c.slope, intercept: c.intercept } : null;
}

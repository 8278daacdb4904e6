import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { rankAnnotationHours, type HoursAbilityInput } from '../analysis/guidance/annotation-hours';
import { GuidanceInputError } from '../analysis/guidance/guidance-input';
import type { GuidanceLocale, GuidanceReason } from '../analysis/guidance/guidance-messages';
import { proposeQuotas, type QuotaAbilityInput } from '../analysis/guidance/quota-proposal';
import type { DataSource as RunSource } from '../analysis/growth/growth-types';
import { ExperimentsService } from '../experiments/experiments.service';
import { GrowthService } from '../growth/growth.service';
import type { ApplyQuotasRequest, ApplyQuotasResult, GrowthView, HoursGuidanceView, QuotaProposalView, QuotaRequest } from '../growth/growth-views';
import { RecipesService } from '../recipes/recipes.service';
import { currentCounts, largestSize, lineFits, type LineFits } from './guidance-fits';
import { GuidanceRepository } from './guidance.repository';

/** The selection guidance reads: a study, a set of runs, or (neither) every run on one size × source line. */
export interface GuidanceSelection {
  studyId?: number;
  experimentIds?: string[];
  parameters?: number;
  source?: RunSource;
}

interface Line {
  view: GrowthView;
  parameters: number;
  source: RunSource;
  fits: LineFits;
}

export const RECIPE_NAME = /^[a-z][a-z0-9._-]{0,99}$/;

const bad = (field: string, message: string) => new BadRequestException({ message: `${field}: ${message}`, errors: [{ field, message }] });

function fromGuidanceError(e: unknown): never {
  if (e instanceof GuidanceInputError) throw new BadRequestException({ message: e.message, errors: e.problems.map((message) => ({ field: 'guidance', message })) });
  throw e;
}

const render = (reasons: readonly GuidanceReason[], locale: GuidanceLocale) => reasons.map((r) => r.text[locale]);

/**
 * Data-mix and annotation-budget guidance (issue 13 item 6) on the fits of stored runs: per-ability quotas for an
 * item budget (saved as a recipe revision and started as a run on request), and the annotation-hours ranking whose
 * weights the pace-guided review queue uses.
 */
@Injectable()
export class GuidanceService {
  constructor(
    private readonly repo: GuidanceRepository,
    private readonly growth: GrowthService,
    private readonly recipes: RecipesService,
    private readonly experiments: ExperimentsService,
  ) {}

  /**
   * The curves of the selection and the line whose fits guide: the given size and source, else the largest model
   * size among the runs, curated. Without studyId or experimentIds, every finished run on that line.
   */
  async line(sel: GuidanceSelection): Promise<Line> {
    const source = sel.source ?? 'curated';
    let view: GrowthView;
    if (sel.studyId !== undefined || sel.experimentIds !== undefined) {
      view = await this.growth.curves({ studyId: sel.studyId, experimentIds: sel.studyId === undefined ? sel.experimentIds : undefined });
    } else {
      const parameters = sel.parameters ?? (await this.repo.largestSizeWithRuns(source));
      if (parameters === null) throw new ConflictException({ message: `no fits yet: there are no ${source} runs`, errors: [{ field: 'source', message: 'no runs' }] });
      // the line's finished runs: a queued run has no score, and its best-checkpoint rule must not decide theirs
      const finished = (await this.growth.rows({ parameters, source })).filter((r) => r.status === 'completed').map((r) => r.id);
      if (finished.length === 0) throw new ConflictException({ message: `no fits yet: no ${source} run of ${parameters} parameters has finished`, errors: [{ field: 'parameters', message: 'no finished runs' }] });
      view = await this.growth.curves({ experimentIds: finished });
    }
    const parameters = sel.parameters ?? largestSize(view);
    if (parameters === null) throw new ConflictException({ message: 'no fits yet: the selection has no runs with a model size', errors: [{ field: 'experimentIds', message: 'no sized runs' }] });
    return { view, parameters, source, fits: lineFits(view, parameters, source) };
  }

  async quotas(req: QuotaRequest): Promise<QuotaProposalView> {
    checkBudget(req.budget);
    const line = await this.line(req);
    requireFits(line);
    const versionId = await this.versionOf(req.versionId, line.view);
    const available = await this.repo.curatedTrainCounts(versionId);
    const current = currentCounts(line.view);
    const inputs: QuotaAbilityInput[] = [...line.fits.fits].map(([ability, fit]) => ({ ability, fit, available: available[ability] ?? 0, current: current[ability] ?? 0 }));
    let proposal;
    try {
      proposal = proposeQuotas(req.budget, inputs, { floor: req.floor, plateauCap: req.plateauCap });
    } catch (e) {
      fromGuidanceError(e);
    }
    const locale = req.locale ?? 'en';
    return {
      ...proposal,
      parameters: line.parameters,
      source: line.source,
      versionId,
      text: { summary: render(proposal.reasons, locale), abilities: Object.fromEntries(proposal.quotas.map((q) => [q.ability, render(q.reasons, locale)])) },
    };
  }

  /** Saves the proposal as the recipe's next revision (its first when new) and, with `start`, queues a run of it. */
  async apply(req: ApplyQuotasRequest, actorId: string | null): Promise<ApplyQuotasResult> {
    if (typeof req.recipe !== 'string' || !RECIPE_NAME.test(req.recipe)) {
      throw bad('recipe', 'expected a recipe name: lowercase letters, digits, ".", "_" and "-", starting with a letter');
    }
    const proposal = await this.quotas(req);
    const counts = Object.fromEntries(proposal.quotas.filter((q) => q.quota > 0).map((q) => [q.ability, q.quota]));
    if (Object.keys(counts).length === 0) throw new ConflictException({ message: 'the proposal gives no ability an item: nothing to save', errors: [{ field: 'budget', message: 'nothing allocated' }] });
    const spec = { pool: 'curated', quotas: { counts } };
    const notes = `Guidance: budget ${req.budget}, ${proposal.source} ${proposal.parameters}-parameter fits, version ${proposal.versionId}. ${proposal.text.summary.join(' ')}`.slice(0, 5000);
    const exists = await this.recipes.resolve({ name: req.recipe }).then(() => true, (e) => (e instanceof NotFoundException ? false : Promise.reject(e)));
    const recipe = exists ? await this.recipes.revise(req.recipe, { spec, notes }, actorId) : await this.recipes.create({ name: req.recipe, spec, notes }, actorId);
    let experiment = null;
    if (req.start) {
      const line = await this.line(req);
      const baseModelId = req.baseModelId ?? line.view.runs.filter((r) => r.parameters === line.parameters).at(-1)?.baseModel.id;
      if (baseModelId === undefined) throw bad('baseModelId', `no run of the ${line.parameters}-parameter line names a base model; give baseModelId`);
      experiment = (await this.experiments.createRun({ baseModelId, versionId: proposal.versionId, recipe: `${recipe.name}@${recipe.revision}`, seed: req.seed }, actorId)).view;
    }
    return { recipe: { id: recipe.id, name: recipe.name, revision: recipe.revision }, experiment, proposal };
  }

  /** "The next N hours are worth most in …": per ability, review speed and pass rate against its fitted gain. */
  async hours(sel: GuidanceSelection & { hours: number; locale?: GuidanceLocale }): Promise<HoursGuidanceView> {
    if (!(Number.isFinite(sel.hours) && sel.hours > 0)) throw bad('hours', `expected a positive number of hours, got ${String(sel.hours)}`);
    const line = await this.line(sel);
    requireFits(line);
    const figures = new Map((await this.repo.reviewFigures()).map((f) => [f.ability, f]));
    const inputs: HoursAbilityInput[] = [];
    const unranked = line.fits.missing.map((m) => ({ ability: m.ability, reason: `no fit on the line: ${m.reason}` }));
    for (const [ability, fit] of line.fits.fits) {
      const f = figures.get(ability);
      if (!f || f.medianReviewSeconds === null || f.passRate === null) {
        unranked.push({ ability, reason: 'no decided review rounds yet (no median review time or pass rate)' });
        continue;
      }
      inputs.push({ ability, fit, current: f.accepted, medianReviewSeconds: f.medianReviewSeconds, passRate: f.passRate, awaitingReview: f.awaitingReview });
    }
    if (inputs.length === 0) {
      throw new ConflictException({ message: `no ability can be ranked: ${unranked.map((u) => `${u.ability} (${u.reason})`).join('; ')}`, errors: unranked.map((u) => ({ field: u.ability, message: u.reason })) });
    }
    let ranking;
    try {
      ranking = rankAnnotationHours(inputs, { hours: sel.hours });
    } catch (e) {
      fromGuidanceError(e);
    }
    const locale = sel.locale ?? 'en';
    return {
      ...ranking,
      studyId: sel.studyId ?? null,
      inputs: inputs.map((i) => ({ ability: i.ability, medianReviewSeconds: i.medianReviewSeconds, passRate: i.passRate, current: i.current, awaitingReview: i.awaitingReview ?? 0 })),
      unranked,
      text: { summary: ranking.summary.text[locale], abilities: Object.fromEntries(ranking.abilities.map((a) => [a.ability, render(a.reasons, locale)])) },
    };
  }

  /** The version quotas are bounded by: the one asked for (frozen), else the latest run's. */
  private async versionOf(versionId: number | undefined, view: GrowthView): Promise<number> {
    if (versionId !== undefined) {
      const status = await this.repo.versionStatus(versionId);
      if (status === null) throw bad('versionId', `no dataset version ${versionId}`);
      if (status !== 'frozen') throw new ConflictException({ message: `versionId: dataset version ${versionId} is ${status}, not frozen`, errors: [{ field: 'versionId', message: status }] });
      return versionId;
    }
    const latest = await this.repo.latestRun(view.experimentIds);
    if (!latest) throw bad('versionId', 'the selection has no runs to take a version from; give versionId');
    return latest.versionId;
  }
}

function checkBudget(budget: unknown): void {
  if (!(typeof budget === 'number' && Number.isSafeInteger(budget) && budget > 0)) throw bad('budget', `expected a positive whole number of items, got ${String(budget)}`);
}

/** Guidance needs a fit for every ability of the selection: a 409 names those without one and why. */
function requireFits(line: Line): void {
  const { fits, missing } = line.fits;
  if (fits.size > 0 && missing.length === 0) return;
  const where = `the ${line.source} ${line.parameters}-parameter line`;
  const message = fits.size === 0 && missing.length === 0
    ? `no fits yet: the selection has no evaluated runs on ${where}`
    : `no fits yet for ${missing.map((m) => `${m.ability} (${m.reason})`).join('; ')} on ${where}`;
  throw new ConflictException({ message, errors: missing.map((m) => ({ field: m.ability, message: m.reason, code: m.code })) });
}

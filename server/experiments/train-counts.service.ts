import { Injectable, NotFoundException } from '@nestjs/common';
import { RecipeSamplerService } from '../recipes/recipe-sampler.service';
import { ExperimentsRepository } from './experiments.repository';

/**
 * A run's train set size per ability key (issue 13 item 1): the x of its growth points and forecasts. Counted with
 * the very call the training runner makes for its train set — `RecipeSamplerService.sampleTrain(version, {id: recipe},
 * seed)`, deterministic — or, without a recipe, over the version's whole train split (what TrainSetRepository writes).
 * Abilities the run takes no item of are left out.
 */
@Injectable()
export class TrainCountsService {
  constructor(
    private readonly repo: ExperimentsRepository,
    private readonly sampler: RecipeSamplerService,
  ) {}

  async countsFor(versionId: number, recipeId: number | null, seed: number): Promise<Record<string, number>> {
    if (recipeId === null) return this.repo.trainSplitCounts(versionId);
    const sample = await this.sampler.sampleTrain(versionId, { id: recipeId }, seed);
    return Object.fromEntries(sample.abilities.filter((a) => a.itemIds.length > 0).map((a) => [a.abilityKey, a.itemIds.length]));
  }

  /** ensure() for each run (the growth reader's TrainCounts port). */
  async fill(experimentIds: string[]): Promise<void> {
    for (const id of experimentIds) await this.ensure(id);
  }

  /** The run's stored counts, computed and stored first where a run registered before counts were kept has none. */
  async ensure(experimentId: string): Promise<Record<string, number>> {
    const row = await this.repo.find(experimentId);
    if (!row) throw new NotFoundException(`Experiment ${experimentId} not found`);
    if (row.trainCounts) return row.trainCounts;
    return this.repo.fillTrainCounts(row.id, await this.countsFor(row.versionId, row.recipeId, row.seed));
  }
}

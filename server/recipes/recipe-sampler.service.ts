import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { planQuotas, type AbilityQuota } from './quota-plan';
import type { Recipe, RecipeLookup } from './recipe';
import { abilityKeysOf, POOL_KINDS, recipeParts, type Pool, type RecipeSpec } from './recipe-spec';
import type { PreviewRow, RecipePreview } from './recipe-views';
import { RecipesService } from './recipes.service';
import { TrainPoolRepository, type PoolFilter } from './train-pool.repository';

/** What a recipe takes from a frozen version's train split: per ability (by key), item ids in sample order. */
export interface RecipeSample {
  recipe: { id: number; name: string; revision: number; spec: RecipeSpec };
  seed: number;
  abilities: { abilityKey: string; requested: number; taken: number; itemIds: string[] }[];
}

export type { PreviewRow, RecipePreview } from './recipe-views';

interface PlannedPart {
  pool: Pool;
  filter: PoolFilter;
  quotas: AbilityQuota[];
}

/** A seed for callers that name none and a recipe that sets none. */
export const DEFAULT_SEED = 0;

@Injectable()
export class RecipeSamplerService {
  constructor(
    private readonly recipes: RecipesService,
    private readonly pool: TrainPoolRepository,
  ) {}

  /**
   * Per ability, the first q train items in the seed's order (see sample-order.ts): a smaller quota's sample is a
   * prefix of a larger one's, so curated-10 ⊂ curated-40 ⊂ … for one seed. A mix's synthetic ids follow its pool's.
   */
  async sampleTrain(versionId: number, recipe: RecipeLookup, seed: number): Promise<RecipeSample> {
    const found = await this.recipes.resolve(recipe);
    const parts = await this.plan(found, versionId);
    const taken = await Promise.all(
      parts.map((p) => this.pool.takeByAbility(p.filter, seed, new Map(p.quotas.map((q) => [q.abilityKey, q.take])))),
    );
    const abilities = parts[0].quotas.map((q, i) => ({
      abilityKey: q.abilityKey,
      requested: parts.reduce((s, p) => s + p.quotas[i].requested, 0),
      taken: parts.reduce((s, p) => s + p.quotas[i].take, 0),
      itemIds: taken.flatMap((ids) => ids.get(q.abilityKey) ?? []),
    }));
    return { recipe: summary(found), seed, abilities };
  }

  async preview(ref: RecipeLookup, versionId: number, seed?: number): Promise<RecipePreview> {
    const recipe = await this.recipes.resolve(ref);
    const parts = (await this.plan(recipe, versionId)).map((p) => ({ pool: p.pool, abilities: p.quotas.map(previewRow) }));
    const abilities = parts[0].abilities.map((row, i) =>
      parts.slice(1).reduce(
        (acc, p) => ({
          abilityKey: acc.abilityKey,
          available: acc.available + p.abilities[i].available,
          requested: acc.requested + p.abilities[i].requested,
          taken: acc.taken + p.abilities[i].taken,
          shortfall: acc.shortfall + p.abilities[i].shortfall,
        }),
        row,
      ),
    );
    const total = (f: 'requested' | 'taken') => abilities.reduce((s, a) => s + a[f], 0);
    return {
      recipe: summary(recipe),
      versionId,
      seed: seed ?? recipe.spec.seed ?? DEFAULT_SEED,
      parts,
      abilities,
      // under a total, others make up an ability's shortfall: the recipe falls short only by what is left over
      total: { requested: total('requested'), taken: total('taken'), shortfall: Math.max(0, total('requested') - total('taken')) },
    };
  }

  /** Every part's quotas over the same ability rows, so parts add up row by row. */
  private async plan(recipe: Recipe, versionId: number): Promise<PlannedPart[]> {
    await this.requireFrozen(versionId);
    const parts = recipeParts(recipe.spec);
    const keys = new Set(await this.pool.abilityKeys());
    for (const p of parts) for (const k of abilityKeysOf(p.rule)) keys.add(k);
    return Promise.all(
      parts.map(async ({ pool, rule, sources }) => {
        const filter = { versionId, kinds: POOL_KINDS[pool], sourceIds: await this.recipes.sourceIds(sources) };
        return { pool, filter, quotas: planQuotas(rule, await this.pool.countByAbility(filter), [...keys]) };
      }),
    );
  }

  private async requireFrozen(versionId: number): Promise<void> {
    const status = await this.pool.versionStatus(versionId);
    if (status === null) throw new NotFoundException(`Dataset version ${versionId} not found`);
    if (status !== 'frozen') throw new ConflictException(`versionId: dataset version ${versionId} is ${status}; recipes sample frozen versions only`);
  }
}

function summary(r: Recipe): RecipeSample['recipe'] {
  return { id: r.id, name: r.name, revision: r.revision, spec: r.spec };
}

function previewRow(q: AbilityQuota): PreviewRow {
  return { abilityKey: q.abilityKey, available: q.available, requested: q.requested, taken: q.take, shortfall: Math.max(0, q.requested - q.take) };
}

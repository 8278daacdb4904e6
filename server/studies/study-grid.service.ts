import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { CURATED_GRID, SYNTHETIC_GRID } from '../../migrations/1763981000000-CreateRecipes';
import { EvaluationsService } from '../evaluations/evaluations.service';
import type { CreatePolicyDto } from '../experiments/dto/policy.dto';
import type { HyperParams } from '../experiments/experiment-views';
import { ExperimentsService } from '../experiments/experiments.service';
import { PoliciesService } from '../experiments/policies.service';
import { POOL_KINDS } from '../recipes/recipe-spec';
import { RecipesService } from '../recipes/recipes.service';
import { StudiesRepository } from './studies.repository';
import { badFields, probeRecipeName, type FieldError, type StudyRequest } from './study-request';

/** One cell of a study's grid. */
export interface StudyCell {
  baseModelId: number;
  recipe: string;
  seed: number;
  probeAbility: string | null;
}

/** What a study's grid is made of once its template is read: recipe names, and for a probe study each recipe's ability. */
export interface StudyRecipes {
  recipes: string[];
  probeAbilities: Map<string, string>;
}

interface GridStudy {
  id: number;
  name: string;
  versionId: number | null;
  followVersions: boolean;
  hyperParams: Partial<HyperParams>;
}

const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

/**
 * Turns a study's template into recipes and its grid into runs: every run goes through ExperimentsService.createRun
 * (reusing an identical run), a following study's runs through the policies it owns, and a probe study's foundation
 * model through an epoch-0 evaluation.
 */
@Injectable()
export class StudyGridService {
  constructor(
    private readonly repo: StudiesRepository,
    private readonly experiments: ExperimentsService,
    private readonly policies: PoliciesService,
    private readonly recipes: RecipesService,
    private readonly evaluations: EvaluationsService,
  ) {}

  /** The template's recipes (custom: the ones asked); a template that yields none is a 400 naming why. */
  async recipesOf(req: StudyRequest, actorId: string | null): Promise<StudyRecipes> {
    if (req.template === 'custom') return { recipes: req.recipes, probeAbilities: new Map() }; // checked with the request (recipeErrors)
    if (req.template === 'volume-grid') {
      const synthetic = await this.repo.synthesisSourceExists();
      const sources = req.sources ?? (synthetic ? ['curated', 'synthetic'] : ['curated']);
      if (sources.includes('synthetic') && !synthetic) {
        throw badFields([{ field: 'sources', message: 'there is no synthetic source (kind "synthetic") to run the synthetic grid on' }]);
      }
      const recipes = [
        ...(sources.includes('curated') ? CURATED_GRID.map((n) => `curated-${n}`) : []),
        ...(sources.includes('synthetic') ? SYNTHETIC_GRID.map((n) => `synthetic-${n}`) : []),
      ];
      return { recipes, probeAbilities: new Map() };
    }
    // probe: one recipe per ability of the version, `probeItems` of its curated train items
    const abilities = await this.repo.curatedTrainAbilities(req.versionId!, POOL_KINDS.curated);
    if (!abilities.length) throw badFields([{ field: 'versionId', message: 'this version has no curated train items: a probe study has no ability to train on' }]);
    const probeAbilities = new Map<string, string>();
    for (const key of abilities) probeAbilities.set(await this.probeRecipe(key, req.probeItems!, actorId), key);
    return { recipes: [...probeAbilities.keys()], probeAbilities };
  }

  /** `recipes[i]`: each recipe that cannot be run, and why. */
  async recipeErrors(recipes: string[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [i, ref] of recipes.entries()) {
      const why = await this.recipeProblem(ref);
      if (why) errors.push({ field: `recipes[${i}]`, message: why });
    }
    return errors;
  }

  /** Why a recipe cannot be run (unknown, or naming sources that are gone), or null. */
  async recipeProblem(ref: string): Promise<string | null> {
    try {
      const { spec } = await this.recipes.resolve({ name: ref });
      await this.recipes.sourceIds(spec.sources);
      await this.recipes.sourceIds(spec.syntheticSources);
      return null;
    } catch (e) {
      if (e instanceof NotFoundException || e instanceof BadRequestException || e instanceof ConflictException) return (e as Error).message;
      throw e;
    }
  }

  /** base models × recipes × seeds */
  cells(baseModelIds: number[], recipes: StudyRecipes, seeds: number[]): StudyCell[] {
    return baseModelIds.flatMap((baseModelId) =>
      recipes.recipes.flatMap((recipe) => seeds.map((seed) => ({ baseModelId, recipe, seed, probeAbility: recipes.probeAbilities.get(recipe) ?? null }))),
    );
  }

  /** Registers (or reuses) each cell's run on the study's version and links it; answers the runs by cell, in order. */
  async queue(study: GridStudy, cells: StudyCell[], actorId: string | null): Promise<string[]> {
    if (study.versionId === null) return [];
    const ids: string[] = [];
    for (const c of cells) {
      const { view, reused } = await this.experiments.createRun(
        { baseModelId: c.baseModelId, versionId: study.versionId, recipe: c.recipe, hyperParams: study.hyperParams, seed: c.seed, reuseIdentical: true },
        actorId,
      );
      await this.repo.linkRun(study.id, view.id, reused, c.probeAbility);
      ids.push(view.id);
    }
    return ids;
  }

  /** A following study owns one policy per base model × seed over its recipes: each new frozen version queues its runs. */
  async follow(study: GridStudy, baseModels: { id: number; name: string }[], recipes: string[], seeds: number[], actorId: string | null): Promise<void> {
    if (!study.followVersions) return;
    for (const model of baseModels) {
      for (const seed of seeds) {
        const dto: CreatePolicyDto = { name: `study ${study.id} (${study.name}) · ${model.name} · seed ${seed}`, baseModelId: model.id, recipes, hyperParams: study.hyperParams, seed, enabled: true };
        const policy = await this.policies.create(dto, actorId);
        await this.repo.linkPolicy(study.id, policy.id);
      }
    }
  }

  /** A recipe added to a following study: every policy it owns runs it on the next versions too. */
  async followRecipes(studyId: number, recipes: string[], actorId: string | null): Promise<void> {
    for (const id of await this.repo.policies(studyId)) await this.policies.update(id, { recipes }, actorId);
  }

  /** Stops a study from following new versions (its policies disabled; they and their runs stay). */
  async stopFollowing(studyId: number, actorId: string | null): Promise<void> {
    for (const id of await this.repo.policies(studyId)) await this.policies.update(id, { enabled: false }, actorId);
  }

  /**
   * A probe study's foundation: the untuned base model scored on the version's valid and test items of every ability —
   * the epoch-0 evaluation of one of its probe runs (one per base model; asking again answers the same evaluation).
   */
  async foundations(studyId: number, baseModelIds: number[], runs: { baseModelId: number; experimentId: string }[]): Promise<void> {
    for (const baseModelId of baseModelIds) {
      const run = runs.find((r) => r.baseModelId === baseModelId);
      if (!run) continue;
      const evaluation = await this.evaluations.enqueueCheckpoint({ experimentId: run.experimentId, checkpointId: null, epoch: 0 });
      await this.repo.linkFoundation(studyId, baseModelId, evaluation.id);
    }
  }

  /**
   * The probe recipe of an ability, saved through the recipes service: its latest revision when the spec is the same,
   * a new revision when it changed, the first one when there is none.
   */
  private async probeRecipe(abilityKey: string, items: number, actorId: string | null): Promise<string> {
    const name = probeRecipeName(abilityKey, items, sha1);
    const spec = await this.recipes.validSpec({ pool: 'curated', quotas: { counts: { [abilityKey]: items } } });
    const notes = `probe study: ${items} curated train items of ${abilityKey} alone`;
    for (let attempt = 0; ; attempt++) {
      const latest = await this.recipes.resolve({ name }).catch((e) => (e instanceof NotFoundException ? null : Promise.reject(e)));
      if (latest && isDeepStrictEqual(latest.spec, spec)) return name;
      try {
        const body = { spec: { ...spec }, notes };
        await (latest ? this.recipes.revise(`${name}@${latest.revision}`, body, actorId) : this.recipes.create({ name, ...body }, actorId));
        return name;
      } catch (e) {
        // another study saved it at the same moment: read it again
        if (!(e instanceof ConflictException) || attempt >= 2) throw e;
      }
    }
  }
}

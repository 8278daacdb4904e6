import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { ListQuery } from '../common/list-query';
import { ExperimentsService } from '../experiments/experiments.service';
import { StudiesRepository, type StudyRow } from './studies.repository';
import { StudyEvents } from './study-events';
import { StudyGridService } from './study-grid.service';
import { badFields, checkStudyRequest } from './study-request';
import { StudyViewBuilder } from './study-view.builder';
import type { StudyCreateRequest, StudyView } from './study-views';

/** Studies: create one in one action (its grid queued), extend its grid, cancel it, read it. */
@Injectable()
export class StudiesService {
  constructor(
    private readonly repo: StudiesRepository,
    private readonly grid: StudyGridService,
    private readonly views: StudyViewBuilder,
    private readonly events: StudyEvents,
    private readonly experiments: ExperimentsService,
    private readonly audit: AuditService,
  ) {}

  async list(q: ListQuery): Promise<[StudyView[], number]> {
    const [rows, total] = await this.repo.list(q);
    return [await Promise.all(rows.map((r) => this.views.build(r))), total];
  }

  async get(id: number): Promise<StudyView> {
    return this.views.build(await this.row(id));
  }

  /** A study by id, or by name (the CLI's way). */
  async resolve(ref: string): Promise<StudyView> {
    const row = /^\d+$/.test(ref) ? await this.repo.find(Number(ref)) : await this.repo.findByName(ref);
    if (!row) throw new NotFoundException(`Study ${ref} not found`);
    return this.views.build(row);
  }

  async create(body: StudyCreateRequest, actorId: string | null): Promise<StudyView> {
    const { req, errors } = checkStudyRequest(body);
    const bad = (field: string) => errors.some((e) => e.field === field || e.field.startsWith(`${field}[`) || e.field.startsWith(`${field}.`));
    const models = bad('baseModelIds') ? [] : await this.repo.baseModels(req.baseModelIds);
    if (!bad('baseModelIds')) req.baseModelIds.forEach((id, i) => !models.some((m) => m.id === id) && errors.push({ field: `baseModelIds[${i}]`, message: `no base model ${id}` }));
    if (req.template === 'custom' && !bad('recipes')) errors.push(...(await this.grid.recipeErrors(req.recipes)));
    if (req.versionId !== null && !bad('versionId')) {
      const version = await this.repo.version(req.versionId);
      if (!version) errors.push({ field: 'versionId', message: `no dataset version ${req.versionId}` });
      else if (version.status !== 'frozen') errors.push({ field: 'versionId', message: `dataset version "${version.name}" is ${version.status}; a study runs on frozen versions only` });
    }
    if (errors.length) throw badFields(errors);
    if (await this.repo.findByName(req.name)) throw nameTaken(req.name);

    const recipes = await this.grid.recipesOf(req, actorId);
    if (recipes.recipes.length === 0) throw badFields([{ field: 'recipes', message: 'the grid is empty: no recipe to run' }]);
    const id = await this.repo.insert({ ...req, recipes: recipes.recipes }, actorId);
    if (id === null) throw nameTaken(req.name);
    const study = { id, ...req };
    const cells = this.grid.cells(req.baseModelIds, recipes, req.seeds);
    const runs = await this.grid.queue(study, cells, actorId);
    await this.grid.follow(study, models, recipes.recipes, req.seeds, actorId);
    if (req.template === 'probe') await this.grid.foundations(id, req.baseModelIds, cells.map((c, i) => ({ baseModelId: c.baseModelId, experimentId: runs[i] })));
    await this.audit.append({ actorId, entity: 'study', entityId: String(id), action: 'create', after: { ...req, recipes: recipes.recipes, runs } });
    return this.events.publish(id);
  }

  /** Adds a base model to the grid: its runs over the study's recipes and seeds are queued (and followed, and founded). */
  async addBaseModel(id: number, baseModelId: unknown, actorId: string | null): Promise<StudyView> {
    const study = await this.row(id);
    if (typeof baseModelId !== 'number' || !Number.isInteger(baseModelId) || baseModelId < 1) throw badFields([{ field: 'baseModelId', message: 'must be a base model id' }]);
    const [model] = await this.repo.baseModels([baseModelId]);
    if (!model) throw badFields([{ field: 'baseModelId', message: `no base model ${baseModelId}` }]);
    if (study.baseModelIds.includes(baseModelId)) {
      throw new ConflictException({ message: `baseModelId: ${model.name} is in study "${study.name}" already`, errors: [{ field: 'baseModelId', message: 'already in the study' }] });
    }
    const probeAbilities = study.template === 'probe' ? new Map((await this.repo.runs(id)).filter((r) => r.probeAbility && r.recipeName).map((r) => [r.recipeName!, r.probeAbility!])) : new Map<string, string>();
    const cells = this.grid.cells([baseModelId], { recipes: study.recipes, probeAbilities }, study.seeds);
    await this.repo.addBaseModel(id, baseModelId);
    const runs = await this.grid.queue(study, cells, actorId);
    await this.grid.follow(study, [model], study.recipes, study.seeds, actorId);
    if (study.template === 'probe') await this.grid.foundations(id, [baseModelId], cells.map((c, i) => ({ baseModelId, experimentId: runs[i] })));
    await this.audit.append({ actorId, entity: 'study', entityId: String(id), action: 'add-base-model', after: { baseModelId, runs } });
    return this.events.publish(id);
  }

  /** Adds a recipe to the grid: its runs for the study's base models and seeds are queued (and followed). */
  async addRecipe(id: number, recipe: unknown, actorId: string | null): Promise<StudyView> {
    const study = await this.row(id);
    if (study.template === 'probe') throw badFields([{ field: 'recipe', message: "a probe study's recipes are its version's abilities; create another probe study instead" }]);
    if (typeof recipe !== 'string' || recipe.trim() === '') throw badFields([{ field: 'recipe', message: 'must be a recipe name' }]);
    const name = recipe.trim();
    const why = await this.grid.recipeProblem(name);
    if (why) throw badFields([{ field: 'recipe', message: why }]);
    if (study.recipes.includes(name)) {
      throw new ConflictException({ message: `recipe: ${name} is in study "${study.name}" already`, errors: [{ field: 'recipe', message: 'already in the study' }] });
    }
    await this.repo.addRecipe(id, name);
    const runs = await this.grid.queue(study, this.grid.cells(study.baseModelIds, { recipes: [name], probeAbilities: new Map() }, study.seeds), actorId);
    if (study.followVersions) await this.grid.followRecipes(id, [...study.recipes, name], actorId);
    await this.audit.append({ actorId, entity: 'study', entityId: String(id), action: 'add-recipe', after: { recipe: name, runs } });
    return this.events.publish(id);
  }

  /**
   * Cancels the runs the study registered itself that are queued or running — not a run it reused, nor one another
   * study shares — and stops following new versions.
   */
  async cancel(id: number, actorId: string | null): Promise<StudyView> {
    await this.row(id);
    const cancelled: string[] = [];
    for (const runId of await this.repo.ownActiveRuns(id)) {
      try {
        await this.experiments.cancel(runId, actorId);
        cancelled.push(runId);
      } catch (e) {
        if (!(e instanceof ConflictException)) throw e; // it ended meanwhile
      }
    }
    await this.grid.stopFollowing(id, actorId);
    await this.audit.append({ actorId, entity: 'study', entityId: String(id), action: 'cancel', after: { cancelled } });
    return this.events.publish(id);
  }

  private async row(id: number): Promise<StudyRow> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Study ${id} not found`);
    return row;
  }
}

function nameTaken(name: string): ConflictException {
  return new ConflictException({ message: `name: a study named "${name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
}

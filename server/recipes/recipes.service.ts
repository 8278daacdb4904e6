import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { ListQuery } from '../common/list-query';
import { CreateRecipeDto, UpdateRecipeDto } from './dto/recipe.dto';
import { parseRecipeRef, recipeLookup, type Recipe, type RecipeLookup, type RecipeWithRevisions } from './recipe';
import { checkRecipeSpec, POOL_KINDS, recipeParts, type FieldError, type RecipeSpec } from './recipe-spec';
import { RecipesRepository } from './recipes.repository';
import { TrainPoolRepository } from './train-pool.repository';

@Injectable()
export class RecipesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly recipes: RecipesRepository,
    private readonly pool: TrainPoolRepository,
    private readonly audit: AuditService,
  ) {}

  list(q: ListQuery): Promise<[Recipe[], number]> {
    return this.recipes.listLatest(q);
  }

  /** `ref` is a row id, a name or `name@rev`; the answer lists the name's revisions too. */
  async get(ref: string): Promise<RecipeWithRevisions> {
    return this.recipes.withRevisions(await this.resolve(recipeLookup(ref)));
  }

  async resolve(lookup: RecipeLookup): Promise<Recipe> {
    if (lookup.id !== undefined) {
      const byId = await this.recipes.findById(lookup.id);
      if (!byId) throw new NotFoundException(`Recipe ${lookup.id} not found`);
      return byId;
    }
    const parsed = lookup.name === undefined ? null : parseRecipeRef(lookup.name);
    if (!parsed) throw new BadRequestException(`recipe: expected a recipe id, a name or name@revision, got "${lookup.name ?? ''}"`);
    const recipe = await this.recipes.findByName(parsed.name, parsed.revision);
    if (!recipe) throw new NotFoundException(`Recipe ${lookup.name} not found`);
    return recipe;
  }

  async create(dto: CreateRecipeDto, actorId: string | null): Promise<Recipe> {
    const spec = await this.validSpec(dto.spec);
    return this.db.transaction(async (m) => {
      if ((await this.recipes.lockLatestRevision(m, dto.name)) > 0) {
        throw new ConflictException({
          message: `A recipe named "${dto.name}" exists; edit it to make a new revision`,
          errors: [{ field: 'name', message: 'already taken' }],
        });
      }
      const recipe = await this.recipes.insert(m, { name: dto.name, revision: 1, spec, notes: dto.notes ?? '', createdBy: actorId });
      await this.audit.append({ actorId, entity: 'recipe', entityId: recipe.id, action: 'create', after: recipe }, m);
      return recipe;
    });
  }

  /** An edit is the name's next revision; the revision edited must be the latest, so no edit is lost. */
  async revise(ref: string, dto: UpdateRecipeDto, actorId: string | null): Promise<Recipe> {
    const base = await this.resolve(recipeLookup(ref));
    if (base.builtin) throw new ConflictException(`${base.name} is a built-in recipe and read-only; create a custom recipe instead`);
    const spec = await this.validSpec(dto.spec);
    return this.db.transaction(async (m) => {
      const latest = await this.recipes.lockLatestRevision(m, base.name);
      if (latest !== base.revision) {
        throw new ConflictException(`${base.name}@${base.revision} is not the latest revision (${latest}); edit ${base.name}@${latest}`);
      }
      const recipe = await this.recipes.insert(m, { name: base.name, revision: latest + 1, spec, notes: dto.notes ?? base.notes, createdBy: actorId });
      await this.audit.append({ actorId, entity: 'recipe', entityId: recipe.id, action: 'revise', before: base, after: recipe }, m);
      return recipe;
    });
  }

  /** The spec, checked against the abilities and sources that exist; a 422 names every bad field. */
  async validSpec(raw: unknown): Promise<RecipeSpec> {
    const check = checkRecipeSpec(raw, new Set(await this.pool.abilityKeys()));
    if (!check.ok) throw invalid(check.errors);
    const errors = await this.sourceErrors(check.spec);
    if (errors.length) throw invalid(errors);
    return check.spec;
  }

  /** The ids of the sources a recipe part names (benchmarks left out); null where it names none. */
  async sourceIds(refs: string[] | undefined): Promise<string[] | null> {
    if (!refs) return null;
    const found = await this.pool.sourcesByRef(refs);
    const missing = refs.filter((s) => !found.has(s));
    if (missing.length) throw new ConflictException(`This recipe names sources that do not exist: ${missing.join(', ')}`);
    return [...new Set([...found.values()].filter((s) => s.kind !== 'benchmark').map((s) => s.id))];
  }

  /**
   * Every source a recipe names must exist and not be a benchmark; a synthetic slot (`syntheticSources`, or `sources`
   * of a synthetic pool) takes synthetic sources only; and each part must have some source of its pool's kinds.
   */
  private async sourceErrors(spec: RecipeSpec): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const synthetic = { sources: spec.pool === 'synthetic', syntheticSources: true };
    for (const field of ['sources', 'syntheticSources'] as const) {
      const refs = spec[field];
      if (!refs) continue;
      const found = await this.pool.sourcesByRef(refs);
      refs.forEach((ref, i) => {
        const source = found.get(ref);
        const at = `spec.${field}[${i}]`;
        if (!source) errors.push({ field: at, message: `no source "${ref}"` });
        else if (source.kind === 'benchmark') errors.push({ field: at, message: `"${source.name}" is a benchmark source; benchmarks never go into training` });
        else if (synthetic[field] && source.kind !== 'synthetic') {
          errors.push({ field: at, message: `"${source.name}" is a ${source.kind} source; this slot draws synthetic sources only` });
        }
      });
    }
    if (errors.length) return errors;
    for (const part of recipeParts(spec)) {
      if (!part.sources) continue;
      const kinds = POOL_KINDS[part.pool];
      const found = await this.pool.sourcesByRef(part.sources);
      if (![...found.values()].some((s) => kinds.includes(s.kind))) {
        errors.push({ field: `spec.${part.sourcesField}`, message: `none of these sources is ${part.pool} (${kinds.join(' or ')})` });
      }
    }
    return errors;
  }
}

function invalid(errors: FieldError[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ message: `Invalid recipe: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors });
}

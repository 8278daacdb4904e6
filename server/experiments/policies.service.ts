import { BadRequestException, ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { RecipesService } from '../recipes/recipes.service';
import { BaseModelsRepository } from './base-models.repository';
import type { CreatePolicyDto, UpdatePolicyDto } from './dto/policy.dto';
import type { PolicyView } from './experiment-views';
import { ExperimentsService } from './experiments.service';
import { DEFAULT_EXPERIMENT_SEED, resolveHyperParams, validateHyperParams } from './hyper-params';
import { PoliciesRepository, type PolicyFields } from './policies.repository';

/** "On every new frozen version, train these recipes on model M": CRUD, and what a `dataset.frozen` event triggers. */
@Injectable()
export class PoliciesService {
  private readonly logger = new Logger(PoliciesService.name);

  constructor(
    private readonly repo: PoliciesRepository,
    private readonly baseModels: BaseModelsRepository,
    private readonly recipes: RecipesService,
    private readonly experiments: ExperimentsService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<PolicyView[]> {
    return this.repo.list();
  }

  async get(id: number): Promise<PolicyView> {
    const p = await this.repo.find(id);
    if (!p) throw new NotFoundException(`Experiment policy ${id} not found`);
    return p;
  }

  async create(dto: CreatePolicyDto, actorId: string | null): Promise<PolicyView> {
    const fields = await this.validFields({ name: dto.name, baseModelId: dto.baseModelId, recipes: dto.recipes, hyperParams: dto.hyperParams ?? {}, seed: dto.seed ?? DEFAULT_EXPERIMENT_SEED, enabled: dto.enabled ?? true });
    const id = await this.repo.insert(fields, actorId);
    if (id === null) throw nameTaken(fields.name);
    const created = await this.get(id);
    await this.audit.append({ actorId, entity: 'experiment_policy', entityId: id, action: 'create', after: created });
    return created;
  }

  async update(id: number, dto: UpdatePolicyDto, actorId: string | null): Promise<PolicyView> {
    const before = await this.get(id);
    const fields = await this.validFields({
      name: dto.name ?? before.name,
      baseModelId: dto.baseModelId ?? before.baseModelId,
      recipes: dto.recipes ?? before.recipes,
      hyperParams: dto.hyperParams ?? before.hyperParams,
      seed: dto.seed ?? before.seed,
      enabled: dto.enabled ?? before.enabled,
    });
    if (!(await this.repo.update(id, fields))) throw nameTaken(fields.name);
    const after = await this.get(id);
    await this.audit.append({ actorId, entity: 'experiment_policy', entityId: id, action: 'update', before, after });
    return after;
  }

  async delete(id: number, actorId: string | null): Promise<void> {
    const before = await this.get(id);
    await this.repo.delete(id);
    await this.audit.append({ actorId, entity: 'experiment_policy', entityId: id, action: 'delete', before });
  }

  /**
   * A version was frozen: one experiment per enabled policy × recipe, queued. Safe to run twice for one version
   * (the event may be delivered again): existing runs are not duplicated. A recipe that cannot be resolved any more
   * (or a version that is not frozen any more) is logged and skipped, so one bad recipe does not hold back the others.
   * An identical run that exists already (another policy's or study's) is answered instead of training it again.
   */
  async applyToVersion(versionId: number): Promise<{ created: string[]; existing: string[] }> {
    const out = { created: [] as string[], existing: [] as string[] };
    for (const policy of await this.repo.enabled()) {
      for (const recipe of policy.recipes) {
        try {
          const { view, created } = await this.experiments.createRun(
            { baseModelId: policy.baseModelId, versionId, recipe, policyHyperParams: policy.hyperParams, seed: policy.seed, policyId: policy.id, reuseIdentical: true },
            null,
          );
          (created ? out.created : out.existing).push(view.id);
        } catch (e) {
          if (!(e instanceof BadRequestException || e instanceof NotFoundException || e instanceof ConflictException)) throw e;
          this.logger.warn(`Policy "${policy.name}" skipped recipe ${recipe} on version ${versionId}: ${(e as Error).message}`);
        }
      }
    }
    return out;
  }

  private async validFields(f: PolicyFields): Promise<PolicyFields> {
    if (!f.name.trim()) throw new BadRequestException({ message: 'name: must not be empty', errors: [{ field: 'name', message: 'empty' }] });
    if (!(await this.baseModels.find(f.baseModelId))) {
      throw new BadRequestException({ message: `baseModelId: no base model ${f.baseModelId}`, errors: [{ field: 'baseModelId', message: 'not found' }] });
    }
    for (const [i, ref] of f.recipes.entries()) {
      try {
        await this.recipes.resolve({ name: ref });
      } catch (e) {
        if (!(e instanceof NotFoundException || e instanceof BadRequestException)) throw e;
        throw new BadRequestException({ message: `recipes[${i}]: ${(e as Error).message}`, errors: [{ field: `recipes[${i}]`, message: (e as Error).message }] });
      }
    }
    const hyperParams = validateHyperParams(f.hyperParams);
    resolveHyperParams(null, hyperParams); // cross-field checks
    return { ...f, name: f.name.trim(), hyperParams };
  }
}

function nameTaken(name: string): ConflictException {
  return new ConflictException({ message: `name: an experiment policy named "${name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
}

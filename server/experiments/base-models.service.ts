import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { BaseModelFolderError, inspectBaseModel } from './base-model-folder';
import type { CreateBaseModelDto } from './dto/create-base-model.dto';
import { BaseModelsRepository } from './base-models.repository';
import type { BaseModelView } from './experiment-views';

@Injectable()
export class BaseModelsService {
  constructor(
    private readonly repo: BaseModelsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Registers a local Hugging Face causal-LM folder under the model roots (PACE_MODEL_ROOTS), stored by its real path;
   * its size is counted from its weights when not given.
   */
  async create(dto: CreateBaseModelDto, actorId: string | null): Promise<BaseModelView> {
    const path = dto.path.endsWith('/') && dto.path.length > 1 ? dto.path.replace(/\/+$/, '') : dto.path;
    let parameters: number | null;
    let realPath: string;
    try {
      const found = await inspectBaseModel(path);
      parameters = dto.parameters ?? found.parameters;
      realPath = found.realPath;
    } catch (e) {
      if (e instanceof BaseModelFolderError) throw new BadRequestException({ message: e.message, errors: [{ field: 'path', message: e.message }] });
      throw e;
    }
    const row = await this.repo.insert({ name: dto.name.trim(), path: realPath, parameters, notes: dto.notes ?? '', createdBy: actorId });
    if (!row) throw new ConflictException({ message: `name: a base model named "${dto.name}" exists`, errors: [{ field: 'name', message: 'already taken' }] });
    await this.audit.append({ actorId, entity: 'base_model', entityId: row.id, action: 'create', after: row });
    return row;
  }

  list(): Promise<BaseModelView[]> {
    return this.repo.list();
  }

  async get(id: number): Promise<BaseModelView> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Base model ${id} not found`);
    return row;
  }

  async delete(id: number, actorId: string | null): Promise<void> {
    const row = await this.get(id);
    const used = await this.repo.usage(id);
    if (used.experiments || used.policies) {
      throw new ConflictException(`Base model "${row.name}" is used by ${used.experiments} experiment(s) and ${used.policies} polic(ies); it is kept`);
    }
    await this.repo.delete(id);
    await this.audit.append({ actorId, entity: 'base_model', entityId: id, action: 'delete', before: row });
  }
}

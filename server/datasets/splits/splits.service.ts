import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AbilitiesService } from '../../abilities/abilities.service';
import type { AssignSplitsDto } from '../dto/freeze-options.dto';
import type { ResolvedFilter, VersionFilter } from '../version-filter';
import type { SplitConfig } from '../dataset-views';
import { DEFAULT_SPLIT_TARGETS, splitQuotas } from './split-quotas';
import { AssignedCounts, SplitsRepository } from './splits.repository';

export const DEFAULT_SEED = 'pace';

export type { SplitConfig } from '../dataset-views';

/** Sticky split assignment: items keep the split they were given; new ones fill each ability's targets. */
@Injectable()
export class SplitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: SplitsRepository,
    private readonly abilities: AbilitiesService,
  ) {}

  splitConfig(dto: AssignSplitsDto): SplitConfig {
    return {
      valid: dto.splits?.valid ?? DEFAULT_SPLIT_TARGETS.valid,
      test: dto.splits?.test ?? DEFAULT_SPLIT_TARGETS.test,
      seed: dto.seed ?? DEFAULT_SEED,
    };
  }

  async resolveFilter(filter: VersionFilter | undefined): Promise<ResolvedFilter> {
    let abilityIds: number[] | null = null;
    if (filter?.abilities?.length) {
      const ids = await this.abilities.idsByKey();
      abilityIds = filter.abilities.map((key) => {
        const id = ids.get(key);
        if (id === undefined) throw new BadRequestException(`filter.abilities: unknown ability "${key}"; known: ${[...ids.keys()].join(', ')}`);
        return id;
      });
    }
    return {
      abilityIds,
      sourceIds: filter?.sourceIds?.length ? filter.sourceIds : null,
      acceptedFrom: filter?.acceptedFrom ?? null,
      acceptedTo: filter?.acceptedTo ?? null,
    };
  }

  /** POST /datasets/splits/assign: the freeze's assignment alone, so distractor work can start before a freeze. */
  async assignFromRequest(dto: AssignSplitsDto, actorId: string) {
    const config = this.splitConfig(dto);
    const assigned = await this.assign(await this.resolveFilter(dto.filter), config, actorId);
    return { assigned, config };
  }

  async assign(filter: ResolvedFilter, config: SplitConfig, actorId: string | null): Promise<AssignedCounts> {
    return this.db.transaction(async (m) => {
      await this.repo.lock(m);
      const quotas = splitQuotas(await this.repo.states(m, filter), config);
      return this.repo.apply(m, filter, quotas, config.seed, actorId);
    });
  }
}

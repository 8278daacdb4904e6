import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, Optional, ServiceUnavailableException } from '@nestjs/common';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { ListQuery } from '../common/list-query';
import { JobName } from '../queue/jobs';
import { QueueService } from '../queue/queue.service';
import { CreateExportDto } from './dto/create-export.dto';
import { exportDir, progressView } from './export-runner';
import { EXPORT_FORMATS, type ExportFormat } from './export-types';
import { ExportRow, ExportsRepository } from './exports.repository';
import type { ExportView } from './export-views';
import { TRAIN_SAMPLER, type TrainSampler } from './train-sampler';
import { VersionItemsRepository, type VersionInfo } from './version-items.repository';
import { archiveStream } from './writers/archive';
import { hashFile } from './writers/file-sink';
import { MANIFEST_PATH } from './writers/manifest';

/** A row as the API answers it: `progress` is the same object the `export.progress` event carries. */
export type { ExportView } from './export-views';

@Injectable()
export class ExportsService {
  constructor(
    private readonly repo: ExportsRepository,
    private readonly items: VersionItemsRepository,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
    @Optional() @Inject(TRAIN_SAMPLER) private readonly sampler?: TrainSampler,
  ) {}

  /** A version by id (digits) or by name, as the CLI takes it. */
  async resolveVersion(idOrName: string | number): Promise<VersionInfo> {
    const key = typeof idOrName === 'number' || /^\d+$/.test(idOrName) ? Number(idOrName) : idOrName;
    const version = await this.items.findVersion(key);
    if (!version) throw new NotFoundException(`Dataset version ${JSON.stringify(idOrName)} not found`);
    return version;
  }

  /**
   * Registers an export and, unless the caller runs it itself (the CLI), queues it. The recipe is sampled once here,
   * which checks it exists and pins its revision for the run.
   */
  async create(dto: CreateExportDto, actorId: string | null, opts: { outputDir?: string; enqueue?: boolean } = {}): Promise<ExportView> {
    const version = await this.resolveVersion(dto.versionId);
    if (version.status !== 'frozen') {
      throw new ConflictException(`versionId: dataset version "${version.name}" is ${version.status}; only a frozen version can be exported`);
    }
    let recipe: { id: number; name: string } | null = null;
    if (dto.recipe) {
      if (!this.sampler) throw new ServiceUnavailableException('recipe: recipes are not available in this process');
      recipe = (await this.sampler.sampleTrain(version.id, { name: dto.recipe }, dto.seed)).recipe;
    }
    const row = await this.repo.insert({
      versionId: version.id,
      recipeId: recipe?.id ?? null,
      recipeName: recipe?.name ?? null,
      seed: dto.seed,
      formats: normalizeFormats(dto.formats),
      outputDir: opts.outputDir ? resolve(opts.outputDir) : null,
      createdBy: actorId,
    });
    await this.audit.append({ actorId, entity: 'export', entityId: row.id, action: 'create', after: { versionId: version.id, recipe: recipe?.name ?? null, seed: dto.seed, formats: row.formats } });
    if (opts.enqueue !== false) await this.queue.send(JobName.ExportDataset, { exportId: row.id });
    return withView(row);
  }

  async list(q: ListQuery): Promise<[ExportView[], number]> {
    const [rows, total] = await this.repo.list(q);
    return [rows.map(withView), total];
  }

  async get(id: string): Promise<ExportView> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundException(`Export ${id} not found`);
    return withView(row);
  }

  async cancel(id: string, actorId: string | null): Promise<ExportView> {
    if (!(await this.repo.requestCancel(id))) {
      throw new ConflictException(`Export ${id} is not queued or running (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'export', entityId: id, action: 'cancel' });
    return this.get(id);
  }

  /** Continues a cancelled or failed export: finished files are kept (once their SHA-256 checks), the rest rewritten. */
  async resume(id: string, actorId: string | null, opts: { enqueue?: boolean } = {}): Promise<ExportView> {
    if (!(await this.repo.requeue(id))) {
      throw new ConflictException(`Export ${id} can only be resumed when cancelled or failed (status: ${(await this.get(id)).status})`);
    }
    await this.audit.append({ actorId, entity: 'export', entityId: id, action: 'resume' });
    if (opts.enqueue !== false) await this.queue.send(JobName.ExportDataset, { exportId: id });
    return this.get(id);
  }

  /** The finished export as one deterministic tar.gz (same files, same bytes). */
  async archive(id: string): Promise<{ filename: string; stream: Readable }> {
    const exp = await this.get(id);
    if (exp.status !== 'completed' || !exp.manifest) {
      throw new ConflictException(`Export ${id} is ${exp.status}; only a completed export can be downloaded`);
    }
    const version = await this.resolveVersion(exp.versionId);
    const dir = exportDir(exp);
    const manifest = await hashFile(`${dir}/${MANIFEST_PATH}`);
    if (!manifest || manifest.sha256 !== exp.manifestSha256) {
      throw new ConflictException(`Export ${id}: its files are no longer on this server (manifest missing or changed); export again`);
    }
    const folder = `pace-${version.name}-${exp.recipeName ?? 'full'}-seed${exp.seed}`.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const files = [...exp.manifest.files, { path: MANIFEST_PATH, bytes: manifest.bytes }];
    return { filename: `${folder}.tar.gz`, stream: archiveStream(dir, files, folder, version.frozenAt ?? new Date(0)) };
  }
}

function withView(row: ExportRow): ExportView {
  return { ...row, progress: progressView(row) };
}

/** Formats in one canonical order, so the same choice in any order is the same export. */
function normalizeFormats(formats: ExportFormat[] | undefined): ExportFormat[] {
  if (formats && formats.length === 0) throw new BadRequestException('formats: choose at least one');
  return EXPORT_FORMATS.filter((f) => !formats || formats.includes(f));
}

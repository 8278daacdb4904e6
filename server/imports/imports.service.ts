import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AbilitiesService } from '../abilities/abilities.service';
import { AuditService } from '../audit/audit.service';
import type { FilterSchema, ListQuery } from '../common/list-query';
import { env } from '../config/env';
import { QueueService } from '../queue/queue.service';
import { JobName } from '../queue/jobs';
import { SourcesService } from '../sources/sources.service';
import { getAdapter, listAdapters } from './adapters';
import { detectAdapter } from './detect-adapter';
import { publicFile, publicImportName } from './display-file';
import { CreateImportDto } from './dto/create-import.dto';
import { ImportError } from './import-error.entity';
import { ImportInputError } from './import-input-error';
import { Import } from './import.entity';
import type { AdapterView, ImportProgressView } from './import-views';
import { progressView } from './pipeline/import-runner';
import { detectFormat, FileUnusableError, inspectText, totalSize, type ReaderFormat } from './readers';
import { updateReturning } from '../sql/update-returning';

export const IMPORT_SORTABLE = ['createdAt', 'status', 'originalName', 'itemsCreated'] as const;
export const IMPORT_FILTERS: FilterSchema = { status: 'text', sourceId: 'uuid' };

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sources: SourcesService,
    private readonly abilities: AbilitiesService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  adapters(): AdapterView[] {
    return listAdapters().map((a) => ({
      key: a.key,
      title: a.title,
      description: a.description,
      format: a.format,
      source: a.source,
      // CSV only: the logical columns a csvMapping may name.
      columns: a.columns ? Object.entries(a.columns).map(([name, c]) => ({ name, required: c.required })) : null,
    }));
  }

  /** Registers an uploaded file (moved under the data folder) and queues its import. */
  async createFromUpload(file: { path: string; originalname: string } | undefined, dto: CreateImportDto, actorId: string) {
    if (!file) throw ImportInputError.of('file', 'attach the file to import as multipart field "file"');
    const dir = join(env().dataDir, 'uploads');
    await mkdir(dir, { recursive: true });
    const stored = join(dir, `${Date.now()}-${basename(file.path)}-${sanitize(file.originalname)}`);
    await rename(file.path, stored);
    return this.create(stored, file.originalname, dto, actorId);
  }

  /**
   * Registers a file or folder on this host (the CLI, the synthesis ingestion) and queues its import; `options` are
   * kept on the import (the synthesis run it ingests).
   */
  async createFromPath(path: string, dto: CreateImportDto, actorId: string | null, options: { synthesisRunId?: string } = {}) {
    const full = resolve(path);
    if (!existsSync(full)) throw new ImportInputError(`${path}: no such file or folder`);
    return this.create(full, path, dto, actorId, options);
  }

  private async create(filePath: string, originalName: string, dto: CreateImportDto, actorId: string | null, options: { synthesisRunId?: string } = {}) {
    try {
      return withProgress(await this.register(filePath, originalName, dto, actorId, options));
    } catch (e) {
      if (e instanceof FileUnusableError) throw new ImportInputError(`${originalName}: ${e.problem}`);
      throw e;
    }
  }

  private async register(filePath: string, originalName: string, dto: CreateImportDto, actorId: string | null, extra: { synthesisRunId?: string }) {
    // A file that is not text (a zip, a PDF, corrupt gzip …) is refused saying what it is, whatever else was asked.
    if (!(await stat(filePath)).isDirectory()) await inspectText(filePath);
    const adapterKey = dto.adapter ?? (await detectAdapter(filePath));
    if (!adapterKey) {
      const keys = listAdapters().map((a) => a.key).join(', ');
      throw new ImportInputError(
        `${originalName}: cannot tell the record format; name an adapter in the adapter field (${keys})`,
        `${originalName}: cannot tell the record format; pass --adapter (${keys})`,
      );
    }
    const spec = this.adapterOrFail(adapterKey);
    const format = await this.formatFor(spec.format, filePath, originalName);
    if (spec.key === 'csv' && !dto.csvMapping) {
      throw ImportInputError.of(
        'csvMapping',
        'the csv adapter needs a column mapping, e.g. {"instruction":"Question","output":"Answer"}',
        'the csv adapter needs a column mapping, e.g. --map instruction=Question,output=Answer',
      );
    }
    const defaultAbilityId = await this.abilityIdOrFail(dto.ability);
    const source = await this.resolveSource(dto, spec, actorId);
    const reviewMode = dto.reviewMode ?? 'dual';
    if (reviewMode !== 'dual' && source.kind !== 'synthetic') {
      // the database refuses it too (pace_check_review_mode); this says which field and why before anything is stored
      throw ImportInputError.unprocessable(
        'reviewMode',
        `review mode "${reviewMode}" is only for synthetic sources; source "${source.name}" is of kind "${source.kind}" (its items always get two blind reviews)`,
      );
    }
    const size = await totalSize(filePath, format);

    const imp = await this.db.transaction(async (m) => {
      const repo = m.getRepository(Import);
      const created = await repo.save(
        repo.create({
          sourceId: source.id,
          adapter: spec.key,
          format,
          filePath,
          originalName,
          defaultAbilityId,
          options: { ...(dto.csvMapping ? { csvMapping: dto.csvMapping } : {}), ...(extra.synthesisRunId ? { synthesisRunId: extra.synthesisRunId } : {}) },
          reviewMode,
          totalSize: size,
          createdBy: actorId,
        }),
      );
      await this.audit.append({ actorId, entity: 'import', entityId: created.id, action: 'create', after: { adapter: spec.key, originalName, sourceId: source.id, reviewMode } }, m);
      return created;
    });
    await this.queue.send(JobName.Import, { importId: imp.id });
    return imp;
  }

  /** Rows carry the same `progress` as one import and as the `import.progress` event, so views merge them as is. */
  async list(q: ListQuery): Promise<[ImportView[], number]> {
    const qb = this.db.getRepository(Import).createQueryBuilder('i');
    if (typeof q.filter.status === 'string') qb.andWhere('i.status = :status', { status: q.filter.status });
    if (typeof q.filter.sourceId === 'string') qb.andWhere('i.sourceId = :sourceId', { sourceId: q.filter.sourceId });
    const [rows, total] = await qb.orderBy(`i.${q.sort.field}`, q.sort.order).skip(q.offset).take(q.limit).getManyAndCount();
    return [rows.map(withProgress), total];
  }

  async get(id: string): Promise<ImportView> {
    return withProgress(await this.find(id));
  }

  private async find(id: string): Promise<Import> {
    const imp = await this.db.getRepository(Import).findOneBy({ id });
    if (!imp) throw new NotFoundException(`Import ${id} not found`);
    return imp;
  }

  /** A page of the lines the import refused, each naming its file as the user knows it. */
  async errors(id: string, offset: number, limit: number): Promise<[ImportError[], number]> {
    const imp = await this.find(id);
    const [rows, total] = await this.db.getRepository(ImportError).findAndCount({
      where: { importId: id },
      order: { line: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return [rows.map((r) => ({ ...r, file: publicFile(imp, r.file) })), total];
  }

  /** Pages through the whole error report in line order, for streaming downloads. */
  async *errorReport(id: string): AsyncGenerator<ImportError[]> {
    await this.get(id);
    for (let offset = 0; ; offset += 5000) {
      const [rows] = await this.errors(id, offset, 5000);
      if (rows.length === 0) return;
      yield rows;
    }
  }

  async cancel(id: string, actorId: string | null) {
    const [row] = await updateReturning(
      this.db,
      `UPDATE imports SET status = CASE WHEN status = 'queued' THEN 'cancelled' ELSE 'cancelling' END,
              finished_at = CASE WHEN status = 'queued' THEN now() ELSE finished_at END, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING status`,
      [id],
    );
    if (!row) throw new ConflictException(`Import ${id} is not queued or running (status: ${(await this.get(id)).status})`);
    await this.audit.append({ actorId, entity: 'import', entityId: id, action: 'cancel' });
    return this.get(id);
  }

  /** Continues a cancelled or failed import from its last committed batch. */
  async resume(id: string, actorId: string | null) {
    const [row] = await updateReturning(
      this.db,
      `UPDATE imports SET status = 'queued', failure_reason = NULL, finished_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('cancelled', 'failed') RETURNING id`,
      [id],
    );
    if (!row) throw new ConflictException(`Import ${id} can only be resumed when cancelled or failed (status: ${(await this.get(id)).status})`);
    await this.audit.append({ actorId, entity: 'import', entityId: id, action: 'resume' });
    await this.queue.send(JobName.Import, { importId: id });
    return this.get(id);
  }

  private adapterOrFail(key: string) {
    try {
      return getAdapter(key);
    } catch (e) {
      throw ImportInputError.of('adapter', (e as Error).message);
    }
  }

  /**
   * The reader for the adapter's declared format. JSON records come one per line or in an array, whatever the file's
   * name says: a `json-any` adapter takes either, and a `jsonl` one (whose records are objects) also an array.
   */
  private async formatFor(declared: string, filePath: string, name: string): Promise<ReaderFormat> {
    if (declared === 'jsonl') return (await detectFormat(filePath)) === 'json-array' ? 'json-array' : 'jsonl';
    if (declared !== 'json-any') return declared as ReaderFormat;
    const detected = await detectFormat(filePath);
    if (detected !== 'jsonl' && detected !== 'json-array') {
      throw new ImportInputError(`${name}: expected a JSON array or JSON Lines file`);
    }
    return detected;
  }

  private async abilityIdOrFail(key: string | undefined): Promise<number | null> {
    if (!key) return null;
    const ids = await this.abilities.idsByKey();
    const id = ids.get(key);
    if (id === undefined) throw ImportInputError.of('ability', `unknown ability "${key}"; known: ${[...ids.keys()].join(', ')}`);
    return id;
  }

  private async resolveSource(dto: CreateImportDto, spec: ReturnType<typeof getAdapter>, actorId: string | null) {
    if (dto.sourceId) return this.sources.get(dto.sourceId);
    const generic = spec.source.kind === 'generic';
    const name = dto.sourceName ?? (generic ? undefined : spec.source.name);
    if (!name) {
      throw ImportInputError.of(
        'sourceName',
        `the generic "${spec.key}" adapter needs a source name or sourceId`,
        `the generic "${spec.key}" adapter needs a source name, e.g. --source my-dataset`,
      );
    }
    return this.sources.findOrCreate(
      name,
      { kind: generic ? 'curation' : spec.source.kind, license: dto.license ?? spec.source.license ?? undefined, notes: '' },
      actorId,
    );
  }
}

type ImportView = Import & { progress: ImportProgressView };

/** An import as responses show it: `filePath` is its public name (publicImportName), never where the server keeps the file. */
function withProgress(imp: Import): ImportView {
  return { ...imp, filePath: publicImportName(imp), progress: progressView(imp) };
}

function sanitize(name: string): string {
  return basename(name).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120);
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AbilitiesService } from '../../abilities/abilities.service';
import { AuditService } from '../../audit/audit.service';
import { env } from '../../config/env';
import { EventsService } from '../../events/events.service';
import type { ImportProgressView } from '../import-views';
import { Import } from '../import.entity';
import { initialStatus } from './initial-status';
import { BatchProgress, ErrorRow, ImportsRepository } from '../imports.repository';
import { encodeItemRows, type ResolvedItem } from '../item-copy';
import { FileUnusableError, type ReaderFormat } from '../readers';
import { CorpusIndex } from './corpus-index';
import { addWorkerTimings, noStages, type ImportStages } from './import-stages';
import { fingerprintAt, type StagedBatch } from './staged-batch';
import { StagedBatches, UnusableRecords } from './staged-batches';

/** One import runs at a time across all workers, so every import is de-duplicated against everything before it. */
const IMPORT_LOCK = 0x696d7074; // "impt"
const PROGRESS_EVERY_MS = 250;
/** Batches each worker standardizes ahead of the one being resolved: enough to keep it busy, few for memory. */
const BATCHES_AHEAD = 2;

export class ImportFailure extends Error {}

@Injectable()
export class ImportRunner {
  private readonly logger = new Logger(ImportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ImportsRepository,
    private readonly abilities: AbilitiesService,
    private readonly events: EventsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Runs (or resumes) an import to completion, cancellation or failure. Idempotent: a finished import is left alone.
   * `stages`, when given, is filled with where the time went.
   */
  async run(importId: string, stages: ImportStages = noStages()): Promise<void> {
    const lockConn = this.db.createQueryRunner();
    await lockConn.connect();
    try {
      await lockConn.query('SELECT pg_advisory_lock($1)', [IMPORT_LOCK]);
      const imp = await this.db.getRepository(Import).findOneBy({ id: importId });
      if (!imp) throw new ImportFailure(`Import ${importId} does not exist`);
      if (imp.status === 'cancelling') return this.finish(imp, 'cancelled');
      if (imp.status !== 'queued' && imp.status !== 'running') return;
      await this.repo.setStatus(imp.id, 'running');
      try {
        const outcome = await this.process(imp, stages);
        await this.finish(imp, outcome);
      } catch (e) {
        const reason =
          e instanceof FileUnusableError ? `${imp.originalName}: ${e.problem}`
          : e instanceof ImportFailure ? e.message
          : `Import crashed: ${(e as Error).message}`;
        if (!(e instanceof ImportFailure || e instanceof FileUnusableError)) this.logger.error(reason, (e as Error).stack);
        await this.repo.setStatus(imp.id, 'failed', { failureReason: reason });
        await this.publish(imp.id);
      }
    } finally {
      await lockConn.query('SELECT pg_advisory_unlock($1)', [IMPORT_LOCK]).catch(() => undefined);
      await lockConn.release();
    }
  }

  private async process(imp: Import, stages: ImportStages): Promise<'completed' | 'cancelled'> {
    const config = env();
    const abilityIds = await this.abilities.idsByKey();
    const defaultAbility = imp.defaultAbilityId == null ? null : ([...abilityIds].find(([, id]) => id === imp.defaultAbilityId)?.[0] ?? null);
    const dedup = { threshold: config.DEDUP_NEAR_THRESHOLD, numPerm: config.DEDUP_NUM_PERM, ngram: config.DEDUP_NGRAM };
    const index = new CorpusIndex(this.repo, dedup);
    const loaded = await index.load();
    await this.repo.recordLshParams(imp.id, index.paramsId);
    this.logger.log(`Import ${imp.id}: near-duplicate index holds ${loaded} items`);

    const p: BatchProgress = {
      checkpoint: imp.checkpoint ?? { offset: 0, line: 0 },
      doneSize: imp.doneSize,
      linesRead: imp.linesRead,
      itemsCreated: imp.itemsCreated,
      exactDuplicates: imp.exactDuplicates,
      nearDuplicates: imp.nearDuplicates,
      skipped: imp.skipped,
      errorCount: imp.errorCount,
      linesPerSecond: 0,
    };
    const benchmark = await this.isBenchmarkSource(imp.sourceId);
    const startedAt = Date.now();
    const linesAtStart = p.linesRead;
    let lastPublished = 0;
    let firstError: ErrorRow | null = null;
    const batches = await StagedBatches.start({
      importId: imp.id,
      sourceId: imp.sourceId,
      filePath: imp.filePath,
      originalName: imp.originalName,
      format: imp.format as ReaderFormat,
      adapter: imp.adapter,
      csvMapping: imp.options.csvMapping,
      defaultAbility,
      abilityIds: [...abilityIds],
      dedup,
      maxLineBytes: config.IMPORT_MAX_LINE_BYTES,
      resumeFrom: imp.checkpoint ?? undefined,
      batchSize: config.IMPORT_BATCH_SIZE,
      ahead: BATCHES_AHEAD,
      anyRecordAccepted: p.itemsCreated + p.exactDuplicates + p.nearDuplicates + p.skipped > 0,
    }, config.IMPORT_WORKERS);

    // One batch commits while the next is resolved (and later ones are standardized on the worker threads).
    let inflight: Promise<boolean> = Promise.resolve(true);
    // The COPY body of the batch in flight, and memory of a committed one to write the next body into.
    let inflightItems: Buffer | null = null;
    let spareMemory: ArrayBuffer | undefined;
    try {
      let waitFrom = performance.now();
      for await (const batch of batches) {
        const got = performance.now();
        stages.waitWorker += got - waitFrom;
        addWorkerTimings(stages.worker, batch.timings);
        firstError ??= batch.errors[0] ?? null;
        const { items, exact, near, accepted } = await this.resolve(batch, index, benchmark, imp.reviewMode, stages, spareMemory);
        const resolved = performance.now();
        const go = await inflight;
        stages.waitCommit += performance.now() - resolved;
        if (!go) return 'cancelled';
        spareMemory = inflightItems?.buffer as ArrayBuffer | undefined;
        inflightItems = items;
        p.linesRead += batch.linesRead;
        p.skipped += batch.skipped;
        p.checkpoint = batch.checkpoint;
        p.doneSize = batch.checkpoint.offset;
        p.itemsCreated += batch.count - exact - near;
        p.exactDuplicates += exact;
        p.nearDuplicates += near;
        p.errorCount += batch.errors.length;
        p.linesPerSecond = ((p.linesRead - linesAtStart) * 1000) / Math.max(1, Date.now() - startedAt);
        const committing = performance.now();
        inflight = this.repo.commitBatch(imp.id, items, batch.errors, { ...p }, accepted).then(async (status) => {
          stages.commit += performance.now() - committing;
          if (Date.now() - lastPublished >= PROGRESS_EVERY_MS) {
            lastPublished = Date.now();
            await this.publish(imp.id);
          }
          return status !== 'cancelling';
        });
        inflight.catch(() => undefined); // awaited with the next batch; this only keeps Node from calling it unhandled
        waitFrom = performance.now();
      }
      if (!(await inflight)) return 'cancelled';
      if (p.itemsCreated + p.exactDuplicates + p.nearDuplicates + p.skipped === 0) {
        if (firstError) throw new ImportFailure(unusableMessage(imp, firstError, p.errorCount));
        throw new ImportFailure(`${imp.originalName}: the file holds no records`);
      }
      return 'completed';
    } catch (e) {
      if (e instanceof UnusableRecords) throw new ImportFailure(unusableMessage(imp, e.firstError, e.failuresInARow));
      throw e;
    } finally {
      await batches.close();
      await inflight.catch(() => undefined);
    }
  }

  private async isBenchmarkSource(sourceId: string): Promise<boolean> {
    const [row] = (await this.db.query('SELECT kind FROM sources WHERE id = $1', [sourceId])) as Array<{ kind: string }>;
    return row?.kind === 'benchmark';
  }

  /**
   * Ids and duplicate verdicts for a batch, and its items' COPY body. Items of a benchmark source are `reference`
   * items: evaluation and decontamination material that no review, revision or dataset version ever takes; a
   * duplicate among them keeps its duplicate_of (a re-import's copy is left out of the benchmark by that). Every item
   * takes the import's review mode; in mode `none` an original item with an answer is created accepted (`accepted`:
   * their ids, audited by the commit).
   */
  private async resolve(
    batch: StagedBatch,
    index: CorpusIndex,
    benchmark: boolean,
    reviewMode: Import['reviewMode'],
    stages: ImportStages,
    memory?: ArrayBuffer,
  ): Promise<{ items: Buffer | null; exact: number; near: number; accepted: number[] }> {
    if (batch.count === 0) return { items: null, exact: 0, near: 0, accepted: [] };
    const started = performance.now();
    const ids = await this.repo.allocateItemIds(batch.count);
    const matches = await index.resolveBatch(ids.map((id, i) => ({ id, fp: fingerprintAt(batch, i) })));
    let exact = 0;
    let near = 0;
    const accepted: number[] = [];
    const resolved = matches.map((match, i): ResolvedItem => {
      if (match?.kind === 'exact') exact++;
      if (match?.kind === 'near') near++;
      const status = initialStatus({ benchmark, duplicate: match != null, needsAnswer: batch.needsAnswer[i] === 1, reviewMode });
      if (status === 'accepted') accepted.push(ids[i]);
      return {
        id: ids[i],
        status,
        duplicateOf: match?.of ?? null,
        duplicateKind: match?.kind ?? null,
        duplicateSimilarity: match?.similarity ?? null,
        reviewMode,
      };
    });
    const encoding = performance.now();
    stages.resolve += encoding - started;
    const items = encodeItemRows(batch.fields, batch.fieldEnds, resolved, memory);
    stages.encode += performance.now() - encoding;
    return { items, exact, near, accepted };
  }

  private async finish(imp: Import, status: 'completed' | 'cancelled'): Promise<void> {
    await this.repo.setStatus(imp.id, status, { failureReason: null });
    const after = await this.db.getRepository(Import).findOneByOrFail({ id: imp.id });
    await this.audit.append({
      actorId: imp.createdBy,
      entity: 'import',
      entityId: imp.id,
      action: status,
      after: {
        itemsCreated: after.itemsCreated,
        exactDuplicates: after.exactDuplicates,
        nearDuplicates: after.nearDuplicates,
        skipped: after.skipped,
        errorCount: after.errorCount,
      },
    });
    await this.publish(imp.id);
  }

  private async publish(importId: string): Promise<void> {
    const imp = await this.db.getRepository(Import).findOneByOrFail({ id: importId });
    await this.events.publish(`import:${importId}`, 'import.progress', progressView(imp));
    await this.events.publish('imports', 'import.progress', progressView(imp));
  }
}

export function progressView(imp: Import): ImportProgressView {
  return {
    id: imp.id,
    status: imp.status,
    percent: imp.totalSize > 0 ? Math.min(100, Math.round((imp.doneSize / imp.totalSize) * 1000) / 10) : 0,
    linesRead: imp.linesRead,
    linesPerSecond: Math.round(imp.linesPerSecond),
    itemsCreated: imp.itemsCreated,
    exactDuplicates: imp.exactDuplicates,
    nearDuplicates: imp.nearDuplicates,
    skipped: imp.skipped,
    errorCount: imp.errorCount,
    failureReason: imp.failureReason,
  };
}

function unusableMessage(imp: Import, first: ErrorRow, count: number): string {
  const where = first.field ? `line ${first.line}, field ${first.field}` : `line ${first.line}`;
  return `${imp.originalName}: no record could be imported with the "${imp.adapter}" adapter (${count} bad in a row); first problem at ${where}: ${first.reason}`;
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AbilitiesService } from '../../abilities/abilities.service';
import { AuditService } from '../../audit/audit.service';
import { env } from '../../config/env';
import { EventsService } from '../../events/events.service';
import { applyAdapter, getAdapter } from '../adapters';
import type { ReaderOutput, StandardizedItem } from '../import-types';
import { Import } from '../import.entity';
import { BatchProgress, ErrorRow, ImportsRepository, ItemRow } from '../imports.repository';
import { FileUnusableError, readRecords, type ReaderFormat } from '../readers';
import { normalizeText } from '../standardize/normalize-text';
import { CorpusIndex } from './corpus-index';

/** One import runs at a time across all workers, so every import is de-duplicated against everything before it. */
const IMPORT_LOCK = 0x696d7074; // "impt"
/** When this many records in a row fail before any succeeds, the file is the wrong format: stop early. */
const UNUSABLE_AFTER = 500;
const PROGRESS_EVERY_MS = 250;

interface PendingItem {
  rawFile: string;
  rawLine: number;
  subIndex: number;
  item: StandardizedItem;
  abilityId: number;
}

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

  /** Runs (or resumes) an import to completion, cancellation or failure. Idempotent: a finished import is left alone. */
  async run(importId: string): Promise<void> {
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
        const outcome = await this.process(imp);
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

  private async process(imp: Import): Promise<'completed' | 'cancelled'> {
    const config = env();
    const spec = getAdapter(imp.adapter);
    const abilityIds = await this.abilities.idsByKey();
    const defaultAbility = imp.defaultAbilityId == null ? null : ([...abilityIds].find(([, id]) => id === imp.defaultAbilityId)?.[0] ?? null);
    const index = new CorpusIndex(this.repo, {
      threshold: config.DEDUP_NEAR_THRESHOLD,
      numPerm: config.DEDUP_NUM_PERM,
      ngram: config.DEDUP_NGRAM,
    });
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
    const startedAt = Date.now();
    const linesAtStart = p.linesRead;
    let lastPublished = 0;
    let pending: PendingItem[] = [];
    let errors: ErrorRow[] = [];
    let failuresInARow = p.itemsCreated + p.exactDuplicates + p.nearDuplicates + p.skipped > 0 ? -Infinity : 0;
    let firstError: ErrorRow | null = null;

    // One batch commits while the next is read and resolved: Postgres and Node each keep a core busy.
    let inflight: Promise<boolean> = Promise.resolve(true);
    const flush = async (): Promise<boolean> => {
      const { rows, exact, near } = await this.resolve(pending, index);
      const batchErrors = errors;
      pending = [];
      errors = [];
      const stillWanted = await inflight;
      p.itemsCreated += rows.length - exact - near;
      p.exactDuplicates += exact;
      p.nearDuplicates += near;
      p.errorCount += batchErrors.length;
      p.linesPerSecond = ((p.linesRead - linesAtStart) * 1000) / Math.max(1, Date.now() - startedAt);
      const snapshot = { ...p };
      inflight = this.repo.commitBatch(imp.id, imp.sourceId, rows, batchErrors, snapshot).then(async (status) => {
        if (Date.now() - lastPublished >= PROGRESS_EVERY_MS) {
          lastPublished = Date.now();
          await this.publish(imp.id);
        }
        return status !== 'cancelling';
      });
      inflight.catch(() => undefined); // awaited at the next flush; this only keeps Node from calling it unhandled
      return stillWanted;
    };

    try {
      const format = imp.format as ReaderFormat;
      const reader = readRecords(imp.filePath, format, {
        maxLineBytes: config.IMPORT_MAX_LINE_BYTES,
        resumeFrom: imp.checkpoint ?? undefined,
      });
      for await (const out of reader) {
        p.linesRead++;
        p.checkpoint = out.next;
        p.doneSize = out.next.offset;
        const before = errors.length;
        this.standardize(out, spec, imp, defaultAbility, abilityIds, pending, errors, p);
        if (errors.length > before) {
          firstError ??= errors[before];
          if (++failuresInARow >= UNUSABLE_AFTER) throw new ImportFailure(unusableMessage(imp, firstError, failuresInARow));
        } else {
          failuresInARow = -Infinity;
        }
        if (pending.length + errors.length >= config.IMPORT_BATCH_SIZE) {
          if (!(await flush())) return 'cancelled';
        }
      }
      if (!(await flush()) || !(await inflight)) return 'cancelled';
      if (p.itemsCreated + p.exactDuplicates + p.nearDuplicates + p.skipped === 0) {
        if (firstError) throw new ImportFailure(unusableMessage(imp, firstError, p.errorCount));
        throw new ImportFailure(`${imp.originalName}: the file holds no records`);
      }
      return 'completed';
    } finally {
      await inflight.catch(() => undefined);
    }
  }

  private standardize(
    out: ReaderOutput,
    spec: ReturnType<typeof getAdapter>,
    imp: Import,
    defaultAbility: string | null,
    abilityIds: Map<string, number>,
    pending: PendingItem[],
    errors: ErrorRow[],
    p: BatchProgress,
  ): void {
    if (out.kind === 'error') {
      errors.push({ file: out.file, line: out.line, field: out.field, reason: out.reason, excerpt: out.excerpt ?? null });
      return;
    }
    const result = applyAdapter(spec, out.value, { defaultAbility, csvMapping: imp.options.csvMapping });
    if (result.kind === 'skipped') {
      p.skipped++;
      return;
    }
    if (result.kind === 'invalid') {
      for (const e of result.errors) errors.push({ file: out.file, line: out.line, field: e.field, reason: e.reason, excerpt: excerptOf(out.value) });
      return;
    }
    const resolved: PendingItem[] = [];
    for (const [subIndex, item] of result.items.entries()) {
      const key = item.ability ?? defaultAbility;
      const abilityId = key == null ? undefined : abilityIds.get(key);
      if (abilityId === undefined) {
        errors.push({
          file: out.file,
          line: out.line,
          field: 'ability',
          reason: key == null
            ? 'no ability: the record names none and the import has no default ability (--ability)'
            : `unknown ability "${key}"; known: ${[...abilityIds.keys()].join(', ')}`,
          excerpt: excerptOf(out.value),
        });
        return; // nothing of a record is imported unless all of it is
      }
      const messages = item.messages.map((m) => ({ role: m.role, content: normalizeText(m.content) }));
      resolved.push({ rawFile: out.file, rawLine: out.line, subIndex, abilityId, item: { ...item, messages } });
    }
    pending.push(...resolved);
  }

  private async resolve(pending: PendingItem[], index: CorpusIndex) {
    const ids = await this.repo.allocateItemIds(pending.length);
    const batch = pending.map((pi, i) => ({ id: ids[i], fp: index.fingerprint(pi.item.messages) }));
    const matches = await index.resolveBatch(batch);
    let exact = 0;
    let near = 0;
    const rows: ItemRow[] = pending.map((pi, i) => {
      const match = matches[i];
      if (match?.kind === 'exact') exact++;
      if (match?.kind === 'near') near++;
      const { item } = pi;
      return {
        id: ids[i],
        abilityId: pi.abilityId,
        rawFile: pi.rawFile,
        rawLine: pi.rawLine,
        subIndex: pi.subIndex,
        sourceRecordId: item.sourceRecordId,
        messages: item.messages,
        questionFormat: item.questionFormat,
        answerType: item.answerType,
        gold: item.gold,
        choices: item.choices ?? null,
        meta: item.meta ?? {},
        status: match ? 'duplicate' : item.needsAnswer ? 'needs_answer' : 'pending_review',
        contentHash: batch[i].fp.hash,
        ...CorpusIndex.toColumns(batch[i].fp),
        duplicateOf: match?.of ?? null,
        duplicateKind: match?.kind ?? null,
        duplicateSimilarity: match?.similarity ?? null,
      };
    });
    return { rows, exact, near };
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

export function progressView(imp: Import) {
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

function excerptOf(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { EventsService } from '../../events/events.service';
import { messagesText } from '../../imports/standardize';
import { QueueService } from '../../queue/queue.service';
import type { FreezeProgress } from '../dataset-version';
import { DecontaminationService, type EvalIndex } from '../decontamination/decontamination.service';
import { SplitsService } from '../splits/splits.service';
import { VersionsRepository } from '../versions.repository';
import { CandidateRow, FreezeBatch, FreezeCancelled, FreezeRepository } from './freeze.repository';
import { snapshotOf } from './item-snapshot';
import { versionHasher } from './version-hash';

const BATCH = 2000;
const PROGRESS_EVERY_MS = 250;
/** Per-version session lock: a retried job (or the job the CLI queued) waits for the run in progress, then finds it done. */
const FREEZE_LOCK = 0x66727a; // "frz"

export const DATASET_FROZEN = 'dataset.frozen';
export const DATASETS_ROOM = 'datasets';

/**
 * Freezes a version: assigns splits (sticky), then walks the candidates once in id order — snapshot each item,
 * leave out open-ended valid/test items that are not PPL-ready, flag train items that share an n-gram with an
 * evaluation or benchmark item — committing each batch with its checkpoint, then seals the version with its
 * counts and content hash. Cancelling stops at the next batch; running again continues from the checkpoint.
 */
@Injectable()
export class FreezeRunner {
  private readonly logger = new Logger(FreezeRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: FreezeRepository,
    private readonly versions: VersionsRepository,
    private readonly splits: SplitsService,
    private readonly decontamination: DecontaminationService,
    private readonly events: EventsService,
    private readonly queue: QueueService,
    private readonly audit: AuditService,
  ) {}

  async run(versionId: number): Promise<void> {
    const lockConn = this.db.createQueryRunner();
    await lockConn.connect();
    try {
      await lockConn.query('SELECT pg_advisory_lock($1, $2)', [FREEZE_LOCK, versionId]);
      try {
        await this.freeze(versionId);
      } catch (e) {
        if (e instanceof FreezeCancelled) return void (await this.publishProgress(versionId));
        this.logger.error(`Freezing version ${versionId} failed: ${(e as Error).message}`, (e as Error).stack);
        await this.repo.markFailed(versionId, (e as Error).message);
        await this.publishProgress(versionId);
      } finally {
        await lockConn.query('SELECT pg_advisory_unlock($1, $2)', [FREEZE_LOCK, versionId]);
      }
    } finally {
      await lockConn.release();
    }
  }

  private async freeze(versionId: number): Promise<void> {
    const version = await this.versions.findById(versionId);
    if (!version || version.status !== 'freezing') return;
    const stored = await this.repo.progressOf(versionId);
    const p: FreezeProgress = {
      phase: 'splits',
      done: stored.done ?? 0,
      total: stored.total ?? 0,
      lastItemId: stored.lastItemId ?? 0,
      included: stored.included ?? 0,
      excluded: stored.excluded ?? 0,
      contaminated: stored.contaminated ?? 0,
    };
    await this.checkpoint(versionId, p);

    const filter = await this.splits.resolveFilter(version.filter);
    // Idempotent: only items without a split get one, so a resumed freeze may safely run it again.
    await this.splits.assign(filter, version.splitConfig, version.createdBy);
    const index = await this.decontamination.buildIndex(version.decontamination.ngram, this.candidateTexts(filter));
    const overruled = await this.repo.overruledItemIds();
    p.phase = 'snapshot';
    p.total = p.done + (await this.repo.countCandidates(filter, p.lastItemId));
    await this.checkpoint(versionId, p);

    // One batch commits while the next is read and hashed; a cancel surfaces from the commit in flight.
    let lastPublished = 0;
    let inflight: Promise<void> = Promise.resolve();
    for (;;) {
      const rows = await this.repo.candidatePage(filter, p.lastItemId, BATCH);
      if (rows.length === 0) break;
      const batch = this.batchOf(rows, index, overruled);
      p.done += rows.length;
      p.lastItemId = rows[rows.length - 1].id;
      p.included += batch.items.length;
      p.excluded += batch.exclusions.filter((e) => !e.overruled).length;
      p.contaminated += batch.exclusions.filter((e) => e.reason === 'contaminated').length;
      p.total = Math.max(p.total, p.done);
      await inflight;
      inflight = this.repo.commitBatch(versionId, batch, { ...p }).then(async () => {
        if (Date.now() - lastPublished < PROGRESS_EVERY_MS) return;
        lastPublished = Date.now();
        await this.publishProgress(versionId);
      });
      inflight.catch(() => undefined); // awaited with the next batch; this only keeps Node from calling it unhandled
    }
    await inflight;

    p.phase = 'finalize';
    await this.checkpoint(versionId, p);
    await this.seal(versionId, p, index);
  }

  /** Every candidate's text, for the document frequencies of the decontamination n-grams (a pass before the freeze's). */
  private async *candidateTexts(filter: Awaited<ReturnType<SplitsService['resolveFilter']>>): AsyncGenerator<string[]> {
    for (let after = 0; ; ) {
      const rows = await this.repo.candidatePage(filter, after, BATCH);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].id;
      yield rows.map((r) => messagesText(r.messages));
    }
  }

  private batchOf(rows: CandidateRow[], index: EvalIndex, overruled: Set<number>): FreezeBatch {
    const batch: FreezeBatch = { snapshots: new Map(), items: [], exclusions: [] };
    const cutoff = index.cutoff;
    for (const r of rows) {
      const split = r.split ?? 'train'; // assignment gave every candidate a split; an item accepted since is train
      const openEval = r.questionFormat === 1 && split !== 'train';
      if (openEval && !(r.pplReady && r.fine !== null && r.coarse !== null)) {
        batch.exclusions.push({ itemId: r.id, abilityId: r.abilityId, split, reason: 'not_ppl_ready', evidence: null, overruled: false });
        continue;
      }
      if (split === 'train') {
        const match = index.firstMatch(messagesText(r.messages), cutoff);
        if (match) {
          const isOverruled = overruled.has(r.id);
          batch.exclusions.push({
            itemId: r.id,
            abilityId: r.abilityId,
            split,
            reason: 'contaminated',
            evidence: { ngram: match.ngram, documentFrequency: match.documentFrequency, cutoff, ...match.ref },
            overruled: isOverruled,
          });
          if (!isOverruled) continue;
        }
      }
      const snap = snapshotOf({
        messages: r.messages,
        questionFormat: r.questionFormat,
        answerType: r.answerType as never,
        gold: r.gold,
        choices: r.choices,
        ...(openEval ? { distractors: { fine: r.fine!, coarse: r.coarse! } } : {}),
        ...(r.reviewMode !== 'dual' ? { reviewMode: r.reviewMode } : {}),
      });
      batch.snapshots.set(snap.hash.toString('hex'), snap);
      batch.items.push({ itemId: r.id, abilityId: r.abilityId, sourceId: r.sourceId, split, snapshotHash: snap.hash });
    }
    return batch;
  }

  private async seal(versionId: number, p: FreezeProgress, index: EvalIndex): Promise<void> {
    const summary = await this.repo.summary(versionId);
    if (summary.itemCount === 0) throw new Error('No accepted items match the filter (after exclusions): nothing to freeze');
    const hasher = versionHasher();
    for await (const page of this.repo.hashLines(versionId)) hasher.add(page);
    const version = (await this.versions.findById(versionId))!;
    const decontamination = {
      ngram: version.decontamination.ngram,
      // How boilerplate was told apart (see contamination-ngrams.ts): distinct documents pooled, and the cut-off.
      documents: index.documents,
      boilerplateCutoff: index.cutoff,
      flagged: summary.flagged,
      overruled: summary.overruled,
      excluded: summary.flagged - summary.overruled,
      evalItems: index.evalItems,
      benchmarkItems: index.benchmarkItems,
    };
    const contentHash = hasher.digest();
    const frozen = await this.repo.markFrozen(versionId, {
      itemCount: summary.itemCount,
      counts: summary.counts,
      missingPpl: summary.missingPpl,
      contentHash,
      decontamination,
      progress: { ...p, phase: 'done' },
    });
    if (!frozen) throw new FreezeCancelled();
    await this.audit.append({
      actorId: version.createdBy,
      entity: 'dataset_version',
      entityId: versionId,
      action: 'frozen',
      after: { name: version.name, itemCount: summary.itemCount, contentHash, counts: summary.counts },
    });
    await this.publishProgress(versionId);
    const event = { versionId, name: version.name, contentHash, itemCount: summary.itemCount };
    await this.events.publish(DATASETS_ROOM, DATASET_FROZEN, event);
    await this.queue.publish(DATASET_FROZEN, event);
    this.logger.log(`Froze version ${version.name} (${summary.itemCount} items, ${contentHash})`);
  }

  private async checkpoint(versionId: number, p: FreezeProgress): Promise<void> {
    if (!(await this.repo.saveProgress(versionId, p))) throw new FreezeCancelled();
    await this.publishProgress(versionId);
  }

  async publishProgress(versionId: number): Promise<void> {
    const v = await this.versions.findById(versionId);
    if (!v) return;
    await this.events.publish(DATASETS_ROOM, 'dataset.progress', v.progress);
    await this.events.publish(`dataset:${versionId}`, 'dataset.progress', v.progress);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { env } from '../../config/env';
import type { RunProgressEvent } from '../synthesis-views';
import { EventsService } from '../../events/events.service';
import { ImportsService } from '../../imports/imports.service';
import { ImportRunner } from '../../imports/pipeline/import-runner';
import { SourcesService } from '../../sources/sources.service';
import { IngestRepository, type IngestRun, type PairCounts } from './ingest.repository';
import { PairDecontamination } from './pair-decontamination';
import { linesToPairs, writePairsFile } from './pairs-file';

/** One ingestion per run at a time (the event's job and a curator's re-run may overlap): "syni" + the run. */
const INGEST_LOCK = 0x73796e69;
const PROGRESS_EVERY_MS = 250;

export class IngestFailure extends Error {}

/** synthesis_runs.progress.ingest: every pair of the run is planned; excluded, ingested and refused ones are done. */
export function ingestProgress(c: PairCounts, importing = 0): { planned: number; done: number; failed: number } {
  return { planned: c.total, done: Math.min(c.total, c.excluded + c.ingested + c.rejected + importing), failed: c.rejected };
}

/**
 * Ingests a generation run's pairs (issue 15 items 4 and 5): decontaminates the generated ones, then imports the rest
 * through the real import pipeline (glan adapter: same standardization and de-duplication as every import) into the
 * run's synthetic source with the run's review mode, and links each pair to its item or records why its line was
 * refused. Idempotent and resumable: an unfinished import of the run is resumed, pairs already excluded, ingested or
 * refused are left alone, and a re-run imports only pairs still `generated`.
 */
@Injectable()
export class IngestRunner {
  private readonly logger = new Logger(IngestRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: IngestRepository,
    private readonly decontamination: PairDecontamination,
    private readonly imports: ImportsService,
    private readonly importRunner: ImportRunner,
    private readonly sources: SourcesService,
    private readonly events: EventsService,
  ) {}

  async run(runId: string): Promise<void> {
    const lock = this.db.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [INGEST_LOCK, runId]);
      const run = await this.repo.run(runId);
      if (!run) throw new IngestFailure(`Synthesis run ${runId} does not exist`);
      if (run.kind !== 'generation') throw new IngestFailure(`Synthesis run ${runId} is a ${run.kind} run: only generation runs have pairs to ingest`);
      try {
        await this.ingest(run);
      } catch (e) {
        const reason = e instanceof IngestFailure ? e.message : `Ingestion crashed: ${(e as Error).message}`;
        if (!(e instanceof IngestFailure)) this.logger.error(reason, (e as Error).stack);
        await this.repo.saveProgress(runId, ingestProgress(await this.repo.counts(runId)), false, reason);
        await this.publish(runId);
        throw e;
      }
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, hashtext($2))', [INGEST_LOCK, runId]).catch(() => undefined);
      await lock.release();
    }
  }

  private async ingest(run: IngestRun): Promise<void> {
    // an import a crash or a cancel left unfinished, or finished but not yet linked
    for (const imp of await this.repo.importsOf(run.id)) await this.finishImport(run, imp);

    let pairs = await this.repo.generatedPairs(run.id);
    if (pairs.length > 0) {
      const { excluded } = await this.decontamination.run(pairs);
      pairs = pairs.filter((p) => !excluded.has(p.id));
      await this.save(run.id);
    }
    if (pairs.length > 0) {
      const sourceId = await this.sourceFor(run);
      const file = join(env().dataDir, 'synthesis', run.id, `pairs-${Date.now()}.jsonl`);
      await writePairsFile(file, run.id, pairs);
      const imp = await this.imports.createFromPath(
        file,
        { adapter: 'glan', sourceId, reviewMode: run.reviewMode, ability: run.settings.defaultAbility },
        run.createdBy,
        { synthesisRunId: run.id },
      );
      await this.finishImport(run, { id: imp.id, status: imp.status, filePath: file });
    }
    const counts = await this.repo.counts(run.id);
    await this.repo.saveProgress(run.id, ingestProgress(counts), counts.generated === 0);
    await this.publish(run.id);
  }

  /** Runs (or resumes) one of the run's imports to its end, then links its pairs; an import already linked is skipped. */
  private async finishImport(run: IngestRun, imp: { id: string; status: string; filePath: string }): Promise<void> {
    const lineToPair = await linesToPairs(imp.filePath);
    if (!(await this.repo.anyGenerated(run.id, [...lineToPair.values()]))) return;
    if (imp.status === 'cancelled' || imp.status === 'failed') await this.imports.resume(imp.id, run.createdBy);
    if (imp.status !== 'completed') await this.withTicker(run.id, imp.id, () => this.importRunner.run(imp.id));
    const after = await this.imports.get(imp.id);
    // a failed import has still reported each line it refused: those pairs are refused with the reason
    await this.repo.link(run.id, imp.id, lineToPair);
    if (after.status !== 'completed' && after.status !== 'failed') throw new IngestFailure(`Import ${imp.id} of the run's pairs is ${after.status}; ingest again to resume it`);
    if (after.status === 'failed' && (await this.repo.anyGenerated(run.id, [...lineToPair.values()]))) {
      throw new IngestFailure(`Import ${imp.id} of the run's pairs failed: ${after.failureReason}`);
    }
  }

  /** The run's synthetic source, created (and stored on the run) the first time. */
  private async sourceFor(run: IngestRun): Promise<string> {
    if (run.sourceId) return run.sourceId;
    const name = run.settings.sourceName ?? `GLAN ${run.name}`;
    const source = await this.sources.findOrCreate(
      name,
      {
        kind: 'synthetic',
        license: 'generated (GLAN); subject to the terms of the model endpoint that produced it',
        notes: `Generated by synthesis run ${run.id} ("${run.name}") from taxonomy revision ${run.taxonomyRevision ?? '(unknown)'}.`,
      },
      run.createdBy,
    );
    if (source.kind !== 'synthetic') {
      throw new IngestFailure(`settings.sourceName: source "${name}" exists and is of kind "${source.kind}"; a run's pairs go into a synthetic source`);
    }
    await this.repo.setSource(run.id, source.id);
    return source.id;
  }

  /** Saves and publishes the ingest progress while `work` runs, counting the import's lines read as done. */
  private async withTicker(runId: string, importId: string, work: () => Promise<void>): Promise<void> {
    const base = await this.repo.counts(runId);
    const tick = async () => {
      const imp = await this.repo.importProgress(importId);
      await this.repo.saveProgress(runId, ingestProgress(base, imp?.linesRead ?? 0), false);
      await this.publish(runId);
    };
    const timer = setInterval(() => void tick().catch(() => undefined), PROGRESS_EVERY_MS);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async save(runId: string): Promise<void> {
    await this.repo.saveProgress(runId, ingestProgress(await this.repo.counts(runId)), false);
    await this.publish(runId);
  }

  private async publish(runId: string): Promise<void> {
    const run = await this.repo.run(runId);
    if (!run) return;
    const event: RunProgressEvent = { id: run.id, status: run.status as RunProgressEvent['status'], stage: run.stage as RunProgressEvent['stage'], progress: run.progress, usage: run.usage };
    await this.events.publish(`synthesis:${runId}`, 'synthesis.progress', event);
    await this.events.publish('synthesis', 'synthesis.progress', event);
  }
}

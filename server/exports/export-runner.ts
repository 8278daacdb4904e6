import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { env } from '../config/env';
import { EventsService } from '../events/events.service';
import { cardCounts, HF_CARD_PATH, planExport, type PlannedFile, type Segment } from './export-plan';
import { emptyProgress, type ExportProgress, type ExportRecipe, type FileEntry } from './export-types';
import { ExportRow, ExportsRepository } from './exports.repository';
import type { ExportProgressView } from './export-views';
import { TRAIN_SAMPLER, type TrainSample, type TrainSampler } from './train-sampler';
import { VersionItemsRepository } from './version-items.repository';
import { datasetCard } from './writers/dataset-card';
import { FileSink, verified, writeText } from './writers/file-sink';
import { prefetched } from './writers/prefetch';
import { ExportCancelled, ExportTracker } from './export-tracker';
import { MANIFEST_PATH, manifestJson } from './writers/manifest';
import { snapshotFile, type SnapshotFile, type SnapshotPage } from './snapshot-files';
import { withJobLock } from '../sql/job-lock';

export class ExportFailure extends Error {}

/**
 * Reads written at once (a file, or a Hugging Face split's two files): each is its own COPY, and the database's
 * lookup and printing of the snapshots runs beside Node's rendering, so two keep both cores busy. Files are
 * independent, so the bytes do not depend on which finishes first.
 */
const FILES_IN_PARALLEL = 2;

/** Where an export's files live: the CLI's --out folder, or the data folder. */
export function exportDir(exp: Pick<ExportRow, 'id' | 'outputDir'>): string {
  return exp.outputDir ?? join(env().dataDir, 'exports', exp.id);
}

/** The figures users see (API, socket.io `export.progress`, CLI bar); `files` stays in the row for resuming. */
export function progressView(exp: ExportRow): ExportProgressView {
  const p = exp.progress;
  return {
    id: exp.id,
    status: exp.status,
    filesDone: p.filesDone,
    filesTotal: p.filesTotal,
    rowsWritten: p.rowsWritten,
    rowsTotal: p.rowsTotal,
    bytesWritten: p.bytesWritten,
    currentFile: p.currentFile,
    percent: p.rowsTotal > 0 ? Math.min(100, Math.round((p.rowsWritten / p.rowsTotal) * 1000) / 10) : exp.status === 'completed' ? 100 : 0,
    failureReason: exp.failureReason,
  };
}

/**
 * Runs (or resumes) an export: every planned file is written whole, in a fixed order, from the version's frozen
 * snapshots, so the same version + recipe + seed gives the same bytes. A resumed run keeps the files it finished
 * before (after checking their SHA-256) and rewrites the rest; files are written under `.partial` names until done.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: ExportsRepository,
    private readonly items: VersionItemsRepository,
    private readonly events: EventsService,
    private readonly audit: AuditService,
    @Optional() @Inject(TRAIN_SAMPLER) private readonly sampler?: TrainSampler,
  ) {}

  async run(exportId: string): Promise<void> {
    // One runner per export: the CLI's in-process run and a queued job wait for each other, then find it done.
    await withJobLock(this.db, `export:${exportId}`, async () => {
      const exp = await this.repo.find(exportId);
      if (!exp) throw new ExportFailure(`Export ${exportId} does not exist`);
      if (exp.status === 'cancelling') return await this.end(exp, 'cancelled');
      if (!(await this.repo.start(exportId))) return;
      try {
        await this.process({ ...exp, status: 'running' });
      } catch (e) {
        if (e instanceof ExportCancelled) return await this.end(exp, 'cancelled');
        const reason = e instanceof ExportFailure ? e.message : `Export crashed: ${(e as Error).message}`;
        if (!(e instanceof ExportFailure)) this.logger.error(reason, (e as Error).stack);
        await this.end(exp, 'failed', reason);
      }
    });
  }


  private async process(exp: ExportRow): Promise<void> {
    const version = await this.items.findVersion(exp.versionId);
    if (!version || version.status !== 'frozen' || !version.contentHash) {
      throw new ExportFailure(`Dataset version ${exp.versionId} is not frozen (status: ${version?.status ?? 'missing'})`);
    }
    const sample = await this.sample(exp);
    const counts = await this.items.countsByAbilityAndSplit(version.id);
    const files = planExport({ formats: exp.formats, counts, sample });
    const dir = exportDir(exp);
    const kept = new Map(exp.progress.files.map((f) => [f.path, f]));
    const hasCard = exp.formats.includes('hf');
    const progress: ExportProgress = {
      ...emptyProgress(),
      filesTotal: files.length + (hasCard ? 1 : 0) + 1,
      rowsTotal: files.reduce((n, f) => n + f.rows, 0),
    };
    const tracker = new ExportTracker(exp.id, progress, this.repo, (p) => this.publish({ ...exp, progress: p }));

    await inParallel(sharingReads(files), FILES_IN_PARALLEL, async (group) => {
      const todo: PlannedFile[] = [];
      for (const file of group) {
        const previous = await verified(dir, kept.get(file.path));
        if (!previous) todo.push(file);
        else {
          tracker.keep(previous, file.rows);
          await tracker.fileDone(previous);
        }
      }
      if (todo.length > 0) for (const entry of await this.writeFiles(dir, version.id, todo, tracker)) await tracker.fileDone(entry);
    });
    const recipe: ExportRecipe | null = sample ? sample.recipe : null;
    if (hasCard) {
      const card = datasetCard({
        version: { name: version.name, contentHash: version.contentHash },
        recipe,
        seed: exp.seed,
        ...cardCounts(counts, sample),
        sources: await this.items.sources(version.id),
      });
      await tracker.fileDone(await writeText(dir, HF_CARD_PATH, card, tracker));
    }
    const manifest = {
      version: { id: version.id, name: version.name, contentHash: version.contentHash },
      recipe,
      seed: exp.seed,
      formats: exp.formats,
      reviewModes: await this.items.reviewModeCounts(version.id, sample ? sample.abilities.flatMap((a) => a.itemIds) : null),
      files: progress.files,
    };
    const manifestText = manifestJson(manifest);
    const manifestEntry = await writeText(dir, MANIFEST_PATH, manifestText, tracker);
    await tracker.finished();
    await this.repo.finish(exp.id, 'completed', { manifest: JSON.parse(manifestText), manifestSha256: manifestEntry.sha256 });
    await this.audit.append({ actorId: exp.createdBy, entity: 'export', entityId: exp.id, action: 'completed', after: { manifestSha256: manifestEntry.sha256 } });
    await this.publishLatest(exp.id);
  }

  private async sample(exp: ExportRow): Promise<TrainSample | null> {
    if (exp.recipeId == null) return null;
    if (!this.sampler) throw new ExportFailure('Recipes are not available in this process');
    const sample = await this.sampler.sampleTrain(exp.versionId, { id: exp.recipeId }, exp.seed);
    if (sample.recipe.id !== exp.recipeId) {
      throw new ExportFailure(`Recipe ${exp.recipeName} resolved to revision id ${sample.recipe.id}, not ${exp.recipeId}`);
    }
    return sample;
  }

  /** Writes `files` (one, or a Hugging Face split's JSONL and Parquet) from one read of their segments' snapshots. */
  private async writeFiles(dir: string, versionId: number, files: PlannedFile[], tracker: ExportTracker): Promise<FileEntry[]> {
    tracker.startFile(files[0].path);
    const sinks: FileSink[] = [];
    const writers: SnapshotFile[] = [];
    try {
      for (const file of files) sinks.push(await FileSink.open(join(dir, file.path), (n) => tracker.addBytes(n)));
      for (const [i, file] of files.entries()) writers.push(snapshotFile(file.kind, sinks[i], this.items, versionId));
      const read = (seg: Segment) => this.pages(versionId, seg);
      for await (const page of tracker.tracked(prefetched(this.segments(files[0].segments, read)), (p) => p.rows.length * files.length)) {
        for (const writer of writers) await writer.add(page);
      }
      const entries: FileEntry[] = [];
      for (const [i, writer] of writers.entries()) entries.push(await sinks[i].close(files[i].path, await writer.finish()));
      return entries;
    } catch (e) {
      for (const writer of writers) writer.abort?.();
      for (const sink of sinks) await sink.abort();
      throw e;
    }
  }

  private async *pages(versionId: number, seg: Segment): AsyncGenerator<SnapshotPage> {
    for await (const rows of this.items.snapshots(versionId, seg)) yield { seg, rows };
  }

  private async *segments<P>(segments: Segment[], read: (seg: Segment) => AsyncGenerator<P>): AsyncGenerator<P> {
    for (const seg of segments) yield* read(seg);
  }

  private async end(exp: ExportRow, status: 'cancelled' | 'failed', reason?: string): Promise<void> {
    await this.repo.finish(exp.id, status, { failureReason: reason });
    await this.audit.append({ actorId: exp.createdBy, entity: 'export', entityId: exp.id, action: status, after: reason ? { reason } : undefined });
    await this.publishLatest(exp.id);
  }

  private async publishLatest(id: string): Promise<void> {
    const exp = await this.repo.find(id);
    if (exp) await this.publish(exp);
  }

  private async publish(exp: ExportRow): Promise<void> {
    const view = progressView(exp);
    await this.events.publish(`export:${exp.id}`, 'export.progress', view);
    await this.events.publish('exports', 'export.progress', view);
  }
}

/**
 * The planned files in groups written from one read: a Hugging Face split's JSONL and Parquet files hold the same
 * rows (the same segments), so both are written from one pass over the snapshots; every other file alone.
 */
function sharingReads(files: PlannedFile[]): PlannedFile[][] {
  const groups: PlannedFile[][] = [];
  for (const file of files) {
    const partner = file.kind === 'hf-parquet' ? groups.find((g) => g.length === 1 && g[0].kind === 'hf-jsonl' && g[0].segments === file.segments) : undefined;
    if (partner) partner.push(file);
    else groups.push([file]);
  }
  return groups;
}

/** Runs `task` over `items`, `width` at a time; once one fails no new one starts, and the first failure is thrown. */
async function inParallel<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++];
      await task(item).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
}

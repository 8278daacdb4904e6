import type { ExportProgress, FileEntry } from './export-types';
import type { ExportsRepository } from './exports.repository';

const PROGRESS_EVERY_MS = 250;

export class ExportCancelled extends Error {}

/**
 * Counts what a run writes and saves it to the export's row a few times a second (and at every finished file),
 * publishing it each time; a save that finds the export `cancelling` stops the run.
 */
export class ExportTracker {
  private lastSaved = 0;

  constructor(
    private readonly id: string,
    readonly progress: ExportProgress,
    private readonly repo: ExportsRepository,
    private readonly publish: (p: ExportProgress) => Promise<void>,
  ) {}

  startFile(path: string): void {
    this.progress.currentFile = path;
  }

  addBytes(n: number): void {
    this.progress.bytesWritten += n;
  }

  /** A file a previous run finished and that is still intact. */
  keep(entry: FileEntry, rows: number): void {
    this.progress.rowsWritten += rows;
    this.progress.bytesWritten += entry.bytes;
  }

  async fileDone(entry: FileEntry): Promise<void> {
    this.progress.files.push(entry);
    this.progress.filesDone += 1;
    await this.save(true);
  }

  /** The manifest is written: the last file. */
  async finished(): Promise<void> {
    this.progress.filesDone += 1;
    this.progress.currentFile = null;
    await this.repo.saveProgress(this.id, this.progress);
  }

  /** Passes pages through, counting their rows and saving progress as it goes. */
  async *tracked<P>(pages: AsyncIterable<P>, rowsOf: (page: P) => number): AsyncGenerator<P> {
    for await (const page of pages) {
      yield page;
      this.progress.rowsWritten += rowsOf(page);
      await this.save(false);
    }
  }

  private async save(force: boolean): Promise<void> {
    if (!force && Date.now() - this.lastSaved < PROGRESS_EVERY_MS) return;
    this.lastSaved = Date.now();
    const status = await this.repo.saveProgress(this.id, this.progress);
    await this.publish(this.progress);
    if (status === 'cancelling') throw new ExportCancelled();
  }
}

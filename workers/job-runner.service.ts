import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ImportsRepository } from '../server/imports/imports.repository';
import { JobName } from '../server/queue/jobs';
import { QueueService } from '../server/queue/queue.service';
import { FreezeDatasetJob } from './datasets/freeze-dataset.job';
import { ImportFileJob } from './imports/import-file.job';
import { ExportDatasetJob } from './exports/export-dataset.job';

/** An import that has not reported for this long lost its worker (progress is written several times a second). */
const STALE_AFTER_S = 60;

/** Consumes every queue in this process and re-queues imports whose worker died. */
@Injectable()
export class JobRunnerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRunnerService.name);
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly queue: QueueService,
    private readonly importJob: ImportFileJob,
    private readonly freezeJob: FreezeDatasetJob,
    private readonly exportJob: ExportDatasetJob,
    private readonly imports: ImportsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work([this.importJob, this.freezeJob, this.exportJob]);
    await this.requeueStale();
    this.sweep = setInterval(() => void this.requeueStale(), 30_000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  async requeueStale(staleAfterSeconds = STALE_AFTER_S): Promise<string[]> {
    try {
      const ids = await this.imports.requeueStale(staleAfterSeconds);
      for (const id of ids) {
        this.logger.warn(`Import ${id} lost its worker; queued to resume from its last checkpoint`);
        await this.queue.send(JobName.Import, { importId: id });
      }
      return ids;
    } catch (e) {
      this.logger.error(`stale-import sweep failed: ${(e as Error).message}`);
      return [];
    }
  }
}

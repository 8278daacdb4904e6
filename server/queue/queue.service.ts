import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from '../database/database.module';
import { JobHandler, JobName, JobPayloads } from './jobs';

/**
 * Per-queue policy: long imports expire after an hour; a crashed worker's job is retried. Expiry is the last resort:
 * the workers' stale sweep (workers/job-runner.service.ts) queues a dead worker's import, freeze or export within a
 * minute or so, and the expired job, retried later, finds it done.
 */
const QUEUE_OPTIONS: Record<JobName, Omit<PgBoss.Queue, 'name'>> = {
  [JobName.Import]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 },
  // a retried freeze continues from its checkpoint
  [JobName.FreezeDataset]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 },
  // a retried export keeps the files it finished (checked by SHA-256) and rewrites the rest
  [JobName.ExportDataset]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 },
  [JobName.ApplyExperimentPolicies]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 600 },
  // a retried training run resumes after its last complete checkpoint (pg-boss caps expiry under 24 h: a longer run is
  // retried while alive, and the retry must wait on the live run's lock)
  [JobName.TrainExperiment]: { retryLimit: 3, retryDelay: 10, expireInSeconds: 23 * 3600 },
  [JobName.EvaluateCheckpoint]: { retryLimit: 3, retryDelay: 10, expireInSeconds: 23 * 3600 },
};

@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(QueueService.name);
  private readonly boss: PgBoss;

  constructor(@Inject(DATABASE_URL) url: string) {
    this.boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4 });
    this.boss.on('error', (e) => this.logger.error(`pg-boss: ${e.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    for (const name of Object.values(JobName)) {
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, { name, ...QUEUE_OPTIONS[name] });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  send<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<string | null> {
    return this.boss.send(name, payload as object);
  }

  /** pg-boss pub/sub: `data` goes to every queue subscribed to `event` (e.g. `dataset.frozen` → training policies). */
  publish(event: string, data: object): Promise<void> {
    return this.boss.publish(event, data);
  }

  /** Starts consuming every queue; refuses to run with a queue that has no handler. */
  async work(handlers: JobHandler<JobName>[]): Promise<void> {
    const byName = new Map(handlers.map((h) => [h.name, h]));
    const missing = Object.values(JobName).filter((n) => !byName.has(n));
    if (missing.length) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
    for (const [name, handler] of byName) {
      await this.boss.work<JobPayloads[typeof name]>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        await handler.handle(job.data);
      });
    }
  }
}

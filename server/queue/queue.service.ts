import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DATABASE_URL } from '../config/database-url';
import { JobHandler, JobName, JobPayloads, SUBSCRIPTIONS } from './jobs';

/** Which queues this process consumes and how many of each it runs at once (default: every queue, one at a time). */
export interface WorkOptions {
  queues?: readonly JobName[];
  concurrency?: Partial<Record<JobName, number>>;
}

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
  [JobName.TrainExperiment]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 23 * 3600 },
  [JobName.EvaluateCheckpoint]: { retryLimit: 3, retryDelay: 10, expireInSeconds: 23 * 3600 },
  // a retried draft skips the completions it stored
  [JobName.DraftTaxonomy]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 3600 },
  // a retried run skips every node it committed; a worker that died is found by the stale sweep sooner
  [JobName.SynthesisRun]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 23 * 3600 },
  // a retried ingestion resumes the run's unfinished import and skips pairs already handled
  [JobName.IngestSynthesis]: { retryLimit: 3, retryDelay: 5, expireInSeconds: 4 * 3600 },
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
    // Subscriptions are stored by pg-boss: every process declares them, so an event published before any worker has
    // started still reaches its queues.
    for (const { event, queue } of SUBSCRIPTIONS) await this.boss.subscribe(event, queue);
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

  /** pg-boss pub/sub: `event`'s published data is sent to `queue` as a job. */
  subscribe(event: string, queue: JobName): Promise<void> {
    return this.boss.subscribe(event, queue);
  }

  /**
   * Starts consuming the chosen queues (default: all), `concurrency[queue]` jobs of a queue at once (default 1);
   * refuses a chosen queue that has no handler or an unknown queue name.
   */
  async work(handlers: JobHandler<JobName>[], opts: WorkOptions = {}): Promise<void> {
    const byName = new Map(handlers.map((h) => [h.name, h]));
    const queues = opts.queues ?? Object.values(JobName);
    const unknown = queues.filter((q) => !Object.values(JobName).includes(q));
    if (unknown.length) throw new Error(`Unknown queue(s): ${unknown.join(', ')}; queues: ${Object.values(JobName).join(', ')}`);
    const missing = queues.filter((n) => !byName.has(n));
    if (missing.length) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
    for (const name of queues) {
      const handler = byName.get(name)!;
      // each work() is one poller running one job at a time
      for (let i = 0; i < Math.max(1, opts.concurrency?.[name] ?? 1); i++) {
        await this.boss.work<JobPayloads[typeof name]>(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
          await handler.handle(job.data);
        });
      }
    }
  }
}

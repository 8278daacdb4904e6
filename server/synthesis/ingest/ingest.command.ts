import { Module, type INestApplicationContext } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { runWithProgressBar } from '../../cli/job-progress';
import { DatabaseModule } from '../../database/database.module';
import { EventsModule } from '../../events/events.module';
import { QueueModule } from '../../queue/queue.module';
import { IngestRunner } from './ingest-runner';
import { IngestRepository } from './ingest.repository';
import { IngestService } from './ingest.service';
import { SynthesisIngestModule } from './synthesis-ingest.module';

/** What `npm run cli -- synthesis-ingest RUN` needs. */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, SynthesisIngestModule] })
export class IngestCliModule {}

/**
 * Ingests (or resumes ingesting) a generation run's pairs in this process under a progress bar: pairs done of all,
 * excluded, ingested, refused. Ctrl-C cancels the import in progress; running the command again resumes it.
 */
export async function runIngestCommand(app: INestApplicationContext, runId: string): Promise<number> {
  const repo = app.get(IngestRepository);
  const run = await repo.run(runId);
  if (!run) throw new Error(`no synthesis run ${runId}`);
  console.log(`Ingesting run ${runId} ("${run.name}", review mode ${run.reviewMode})`);
  const sample = async () => {
    const [r, c] = await Promise.all([repo.run(runId), repo.counts(runId)]);
    const ingest = r?.progress.ingest ?? { planned: c.total, done: 0, failed: 0 };
    return {
      percent: ingest.planned > 0 ? Math.min(100, Math.round((ingest.done / ingest.planned) * 100)) : 100,
      payload: { done: ingest.done, planned: ingest.planned, excluded: c.excluded, ingested: c.ingested, rejected: c.rejected },
      stage: r?.stage ?? null,
      failure: r?.failureReason ?? null,
    };
  };
  let error: Error | null = null;
  const final = await runWithProgressBar({
    format: '{bar} {percentage}% | {done}/{planned} pairs | {ingested} ingested, {excluded} excluded, {rejected} refused',
    initialPayload: { done: 0, planned: 0, excluded: 0, ingested: 0, rejected: 0 },
    poll: sample,
    run: () => app.get(IngestRunner).run(runId).catch((e: Error) => (error = e)),
    cancel: () => app.get(IngestService).cancel(runId, null),
  });
  const p = final.payload;
  console.log(`${final.stage === 'done' ? 'done' : `stopped at stage ${final.stage}`}: ${p.ingested} ingested, ${p.excluded} excluded, ${p.rejected} refused of ${p.planned} pairs`);
  if (error) {
    console.error(`Failed: ${(error as Error).message}`);
    console.log(`Resume with: npm run cli -- synthesis-ingest ${runId}`);
    return 1;
  }
  return final.stage === 'done' ? 0 : 1;
}

import { Module, type INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AuditModule } from '../../audit/audit.module';
import { runWithProgressBar } from '../../cli/job-progress';
import { DatabaseModule } from '../../database/database.module';
import { EventsModule } from '../../events/events.module';
import { QueueModule } from '../../queue/queue.module';
import { DraftTaxonomyDto } from './dto/taxonomy.dto';
import { TaxonomiesModule } from './taxonomies.module';
import { TaxonomyDraftRunner } from './taxonomy-draft-runner';
import { TaxonomyDraftsService } from './taxonomy-drafts.service';
import type { DraftRunView } from './taxonomy-views';

/** What `npm run cli -- taxonomy-draft` needs. */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, TaxonomiesModule] })
export class TaxonomyCliModule {}

export interface TaxonomyDraftFlags {
  name: string;
  endpoint: string;
  language?: string;
  prompts?: string;
  samples?: string;
  temperature?: string;
}

/** The flags as the API's DTO, checked by the same rules; a bad one is named by its flag. */
export function draftDtoFromFlags(flags: TaxonomyDraftFlags): DraftTaxonomyDto {
  const problems: string[] = [];
  const number = (flag: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) problems.push(`${flag}: expected a number, got "${value}"`);
    return n;
  };
  const samples = number('--samples', flags.samples);
  const temperature = number('--temperature', flags.temperature);
  if (problems.length) throw new Error(problems.join('\n'));
  const raw = {
    name: flags.name,
    endpointId: flags.endpoint,
    ...(flags.language !== undefined ? { language: flags.language } : {}),
    ...(flags.prompts !== undefined ? { prompts: flags.prompts.split(',').map((p) => (p.trim().startsWith('taxonomy-draft-') ? p.trim() : `taxonomy-draft-${p.trim()}`)) } : {}),
    ...(samples !== undefined ? { samplesPerPrompt: samples } : {}),
    ...(temperature !== undefined ? { temperature } : {}),
  };
  const dto = plainToInstance(DraftTaxonomyDto, raw);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  const FLAG: Record<string, string> = { name: '--name', endpointId: '--endpoint', language: '--language', prompts: '--prompts', samplesPerPrompt: '--samples', temperature: '--temperature' };
  if (errors.length) throw new Error(errors.map((e) => `${FLAG[e.property] ?? e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join('\n'));
  return dto;
}

/**
 * Drafts a taxonomy in this process (the job's runner) under a progress bar; Ctrl-C cancels, and
 * `taxonomy-draft-resume <runId>` continues with the completions not yet stored.
 */
export async function runTaxonomyDraftCommand(app: INestApplicationContext, flags: TaxonomyDraftFlags | null, resumeId?: string): Promise<number> {
  const drafts = app.get(TaxonomyDraftsService);
  const run: DraftRunView = resumeId ? await drafts.resume(resumeId, null, { enqueue: false }) : await drafts.create(draftDtoFromFlags(flags!), null, { enqueue: false });
  console.log(`Taxonomy draft ${run.id}: "${run.name}", ${run.settings.prompts.join(', ')} × ${run.settings.samplesPerPrompt} (${run.settings.language})`);
  await runWithProgressBar({
    format: '{bar} {percentage}% | {done}/{planned} completions | {failed} failed | {status}',
    initialPayload: payload(run),
    poll: async () => {
      const now = await drafts.get(run.id);
      return { percent: now.progress.planned ? Math.round((100 * now.progress.done) / now.progress.planned) : 0, payload: payload(now) };
    },
    run: () => app.get(TaxonomyDraftRunner).run(run.id),
    cancel: () => drafts.cancel(run.id),
  });
  const done = await drafts.get(run.id);
  for (const f of done.failures) console.log(`failure (${f.code}): ${f.message}`);
  if (done.status === 'completed') console.log(`completed: taxonomy ${done.taxonomyId}, revision ${done.taxonomyRevision}`);
  if (done.status === 'cancelled') console.log(`cancelled; resume with: npm run cli -- taxonomy-draft-resume ${run.id}`);
  if (done.status === 'failed') console.error(`Failed: ${done.failureReason}\nresume with: npm run cli -- taxonomy-draft-resume ${run.id}`);
  return done.status === 'completed' ? 0 : done.status === 'cancelled' ? 130 : 1;
}

function payload(run: DraftRunView) {
  return { done: run.progress.done, planned: run.progress.planned, failed: run.progress.failed, status: run.status };
}

import type { INestApplicationContext } from '@nestjs/common';
import { runWithProgressBar } from '../cli/job-progress';
import { REVIEW_MODES, type ReviewMode } from './import-types';
import { ImportInputError } from './import-input-error';
import { ImportsService } from './imports.service';
import { ImportRunner } from './pipeline/import-runner';

export interface ImportFlags {
  adapter?: string;
  ability?: string;
  source?: string;
  license?: string;
  map?: string;
  reviewMode?: string;
}

type Progress = Awaited<ReturnType<ImportsService['get']>>['progress'];

/** Runs an import in this process (the queued job is the fallback if the CLI dies) while drawing a progress bar. */
export async function runImportCommand(app: INestApplicationContext, path: string | undefined, flags: ImportFlags, resumeId?: string): Promise<number> {
  const imports = app.get(ImportsService);
  const imp = resumeId ? await imports.resume(resumeId, null) : await createWithFlags(imports, path!, flags);
  console.log(`Import ${imp.id}: ${imp.originalName} with the "${imp.adapter}" adapter`);

  const { progress: final } = await runWithProgressBar({
    format: '{bar} {percentage}% | {lines} lines | {rate} lines/s | {items} new, {dups} duplicates, {errors} errors',
    initialPayload: payload({}),
    poll: async () => {
      const { progress } = await imports.get(imp.id);
      return { percent: progress.percent, payload: payload(progress), progress };
    },
    run: () => app.get(ImportRunner).run(imp.id),
    cancel: () => imports.cancel(imp.id, null),
  });
  return report(imports, imp.id, final);
}

/** Registers the import; a refused request is told in flags (`--source`), not the API's field names. */
async function createWithFlags(imports: ImportsService, path: string, flags: ImportFlags) {
  try {
    return await imports.createFromPath(path, {
      adapter: flags.adapter,
      ability: flags.ability,
      sourceName: flags.source,
      license: flags.license,
      csvMapping: flags.map ? parseMapping(flags.map) : undefined,
      reviewMode: parseReviewMode(flags.reviewMode),
    }, null);
  } catch (e) {
    if (e instanceof ImportInputError) throw new Error(e.cliMessage);
    throw e;
  }
}

async function report(imports: ImportsService, id: string, p: Progress): Promise<number> {
  const dups = p.exactDuplicates + p.nearDuplicates;
  console.log(`${p.status}: ${p.linesRead} records read, ${p.itemsCreated} new items, ${dups} duplicates (${p.exactDuplicates} exact, ${p.nearDuplicates} near), ${p.skipped} skipped, ${p.errorCount} errors`);
  if (p.errorCount > 0) {
    const [rows, total] = await imports.errors(id, 0, 20);
    for (const e of rows) console.log(`  ${e.file}:${e.line}${e.field ? ` [${e.field}]` : ''} ${e.reason}`);
    if (total > rows.length) console.log(`  … ${total - rows.length} more: GET /api/imports/${id}/errors/report`);
  }
  if (p.status === 'cancelled') console.log(`Resume with: npm run cli -- resume ${id}`);
  if (p.status === 'failed') console.error(`Failed: ${p.failureReason}`);
  return p.status === 'completed' ? 0 : p.status === 'cancelled' ? 130 : 1;
}

function payload(p: Partial<Progress>) {
  return {
    lines: p.linesRead ?? 0,
    rate: p.linesPerSecond ?? 0,
    items: p.itemsCreated ?? 0,
    dups: (p.exactDuplicates ?? 0) + (p.nearDuplicates ?? 0),
    errors: p.errorCount ?? 0,
  };
}

function parseReviewMode(v: string | undefined): ReviewMode | undefined {
  if (v === undefined) return undefined;
  if (!(REVIEW_MODES as readonly string[]).includes(v)) throw new Error(`--review-mode: expected one of ${REVIEW_MODES.join(', ')}, got "${v}"`);
  return v as ReviewMode;
}

/** `instruction=Question,output=Answer` → { instruction: 'Question', output: 'Answer' } */
export function parseMapping(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--map: expected field=column pairs separated by commas, got "${pair}"`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return out;
}

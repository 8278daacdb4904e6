import { Module, type INestApplicationContext } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { runWithProgressBar } from '../cli/job-progress';
import { DatabaseModule } from '../database/database.module';
import { EventsModule } from '../events/events.module';
import { QueueModule } from '../queue/queue.module';
import { ExportRunner, exportDir } from './export-runner';
import { EXPORT_FORMATS, type ExportFormat } from './export-types';
import { ExportsModule } from './exports.module';
import { ExportsService, type ExportView } from './exports.service';

/** What `npm run cli -- export` needs: the exports module and what it stands on. */
@Module({ imports: [DatabaseModule, QueueModule, EventsModule, AuditModule, ExportsModule] })
export class ExportCliModule {}

export interface ExportFlags {
  recipe?: string;
  seed: string;
  format?: string;
  out: string;
}

/**
 * Exports a version in this process (the same runner as the job) into --out while drawing a progress bar;
 * Ctrl-C cancels, and `export-resume <id>` continues where it stopped.
 */
export async function runExportCommand(app: INestApplicationContext, version: string | undefined, flags: ExportFlags | null, resumeId?: string): Promise<number> {
  const exports = app.get(ExportsService);
  let exp: ExportView;
  if (resumeId) {
    exp = await exports.resume(resumeId, null, { enqueue: false });
  } else {
    const seed = Number(flags!.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed: expected a whole number ≥ 0, got "${flags!.seed}"`);
    const v = await exports.resolveVersion(version!);
    exp = await exports.create({ versionId: v.id, recipe: flags!.recipe, seed, formats: parseFormats(flags!.format) }, null, { outputDir: flags!.out, enqueue: false });
  }
  console.log(`Export ${exp.id}: version ${exp.versionId}, recipe ${exp.recipeName ?? '(whole train split)'}, seed ${exp.seed}, ${exp.formats.join(', ')} → ${exportDir(exp)}`);

  await runWithProgressBar({
    format: '{bar} {percentage}% | {rows}/{rowsTotal} rows | {files}/{filesTotal} files | {mb} MB | {file}',
    initialPayload: payload(exp.progress),
    poll: async () => {
      const { progress } = await exports.get(exp.id);
      return { percent: progress.percent, payload: payload(progress) };
    },
    run: () => app.get(ExportRunner).run(exp.id),
    cancel: () => exports.cancel(exp.id, null),
  });
  const done = await exports.get(exp.id);
  if (done.status === 'completed') console.log(`completed: ${done.manifest!.files.length + 1} files, manifest SHA-256 ${done.manifestSha256}`);
  if (done.status === 'cancelled') console.log(`cancelled; resume with: npm run cli -- export-resume ${exp.id}`);
  if (done.status === 'failed') console.error(`Failed: ${done.failureReason}`);
  return done.status === 'completed' ? 0 : done.status === 'cancelled' ? 130 : 1;
}

function payload(p: ExportView['progress']) {
  return {
    rows: p.rowsWritten,
    rowsTotal: p.rowsTotal,
    files: p.filesDone,
    filesTotal: p.filesTotal,
    mb: (p.bytesWritten / 1e6).toFixed(1),
    file: p.currentFile ?? '',
  };
}

export function parseFormats(spec: string | undefined): ExportFormat[] | undefined {
  if (!spec) return undefined;
  const formats = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = formats.find((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (bad) throw new Error(`--format: unknown format "${bad}"; known: ${EXPORT_FORMATS.join(', ')}`);
  return formats as ExportFormat[];
}

import type { INestApplicationContext } from '@nestjs/common';
import { runWithProgressBar } from '../cli/job-progress';
import type { DatasetVersionView } from './dataset-version';
import { FreezeRunner } from './freeze/freeze-runner';
import { VersionsService } from './versions.service';

export interface FreezeFlags {
  name?: string;
  parent?: string;
  notes?: string;
  abilities?: string;
  sources?: string;
  acceptedFrom?: string;
  acceptedTo?: string;
  valid?: string;
  test?: string;
  seed?: string;
  ngram?: string;
}

/** `npm run cli -- freeze --name v1 …`: freezes in this process (the queued job waits on it) with a progress bar. */
export async function runFreezeCommand(app: INestApplicationContext, flags: FreezeFlags, resumeId?: number): Promise<number> {
  const versions = app.get(VersionsService);
  const created = resumeId !== undefined ? await versions.resume(resumeId, null) : await versions.freeze(await freezeRequest(versions, flags), null);
  console.log(`Version ${created.id} "${created.name}": freezing`);

  const { version: final } = await runWithProgressBar({
    format: '{bar} {percentage}% | {phase} | {walked}/{candidates} items | {included} in, {excluded} left out, {contaminated} contaminated',
    initialPayload: { phase: 'queued', walked: 0, candidates: 0, included: 0, excluded: 0, contaminated: 0 },
    poll: async () => {
      const version = await versions.get(created.id);
      // cli-progress owns `total`: the item counts go by other names
      const payload = { ...version.progress, walked: version.progress.done, candidates: version.progress.total };
      return { percent: version.progress.percent, payload, version };
    },
    run: () => app.get(FreezeRunner).run(created.id),
    cancel: () => versions.cancel(created.id, null),
  });
  return report(final);
}

async function freezeRequest(versions: VersionsService, f: FreezeFlags) {
  if (!f.name) throw new Error('--name: a version needs a name');
  const int = (v: string | undefined, flag: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`${flag}: expected a whole number, got "${v}"`);
    return Number(v);
  };
  const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
  return {
    name: f.name,
    parentId: f.parent === undefined ? undefined : /^\d+$/.test(f.parent) ? Number(f.parent) : await versions.idByName(f.parent),
    notes: f.notes,
    filter: { abilities: list(f.abilities), sourceIds: list(f.sources), acceptedFrom: f.acceptedFrom, acceptedTo: f.acceptedTo },
    splits: { valid: int(f.valid, '--valid'), test: int(f.test, '--test') },
    seed: f.seed,
    ngram: int(f.ngram, '--ngram'),
  };
}

function report(v: DatasetVersionView): number {
  if (v.status === 'frozen') {
    console.log(`frozen: ${v.itemCount} items, content hash ${v.contentHash}`);
    for (const [ability, c] of Object.entries(v.counts ?? {})) {
      const missing = v.missingPpl?.[ability];
      const gap = missing ? ` (missing PPL: ${missing.valid ?? 0} valid, ${missing.test ?? 0} test)` : '';
      console.log(`  ${ability.padEnd(24)} train ${c.train ?? 0}, valid ${c.valid ?? 0}, test ${c.test ?? 0}${gap}`);
    }
    const d = v.decontamination;
    console.log(`decontamination (${d.ngram}-grams): ${d.flagged ?? 0} flagged, ${d.overruled ?? 0} overruled, ${d.excluded ?? 0} excluded`);
    if (d.boilerplateCutoff !== undefined) console.log(`  n-grams in more than ${d.boilerplateCutoff} of ${d.documents ?? 0} documents ignored as boilerplate`);
    return 0;
  }
  if (v.status === 'cancelled') {
    console.log(`cancelled; resume with: npm run cli -- freeze-resume ${v.id}`);
    return 130;
  }
  console.error(`Failed: ${v.failureReason}`);
  return 1;
}

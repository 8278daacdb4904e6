import type { INestApplicationContext } from '@nestjs/common';
import type { GuidanceLocale } from '../analysis/guidance/guidance-messages';
import type { QuotaProposalView } from '../growth/growth-views';
import { GuidanceService, type GuidanceSelection } from './guidance.service';


export interface GuidanceFlags {
  study?: string;
  experiments?: string;
  parameters?: string;
  source?: string;
  locale?: string;
}

export interface QuotaFlags extends GuidanceFlags {
  budget: string;
  floor?: string;
  plateauCap?: string;
  version?: string;
  apply?: string;
  start?: boolean;
  model?: string;
  seed?: string;
}

function whole(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`${flag} must be a whole number, got ${value}`);
  return n;
}

function selection(f: GuidanceFlags): GuidanceSelection & { locale?: GuidanceLocale } {
  if (f.source !== undefined && f.source !== 'curated' && f.source !== 'synthetic') throw new Error(`--source must be curated or synthetic, got ${f.source}`);
  if (f.locale !== undefined && f.locale !== 'en' && f.locale !== 'zh-CN') throw new Error(`--locale must be en or zh-CN, got ${f.locale}`);
  const parameters = f.parameters === undefined ? undefined : Number(f.parameters);
  if (parameters !== undefined && !(parameters > 0)) throw new Error(`--parameters must be a parameter count, got ${f.parameters}`);
  return {
    studyId: whole('--study', f.study),
    experimentIds: f.experiments?.split(',').map((s) => s.trim()).filter(Boolean),
    parameters,
    source: f.source as GuidanceSelection['source'],
    locale: f.locale as GuidanceLocale | undefined,
  };
}

function printProposal(p: QuotaProposalView): void {
  console.log(`fits: the ${p.source} ${p.parameters}-parameter line; items available from version ${p.versionId}`);
  for (const q of p.quotas) {
    const change = q.expectedChange === null ? '' : `, expected change ${q.expectedChange >= 0 ? '+' : ''}${q.expectedChange.toFixed(3)}`;
    console.log(`${q.ability.padEnd(24)} ${String(q.quota).padStart(7)} items (${q.class}; now ${q.current}, available ${q.available}${change})`);
    for (const line of p.text.abilities[q.ability] ?? []) console.log(`    ${line}`);
  }
  for (const line of p.text.summary) console.log(line);
}

/** `pace guidance quotas --budget N`: per-ability quotas; with --apply, saved as a recipe revision (and, with --start, run). */
export async function runGuidanceQuotas(app: INestApplicationContext, f: QuotaFlags): Promise<number> {
  const guidance = app.get(GuidanceService);
  const budget = Number(f.budget);
  const req = { ...selection(f), budget, floor: whole('--floor', f.floor), plateauCap: whole('--plateau-cap', f.plateauCap), versionId: whole('--version', f.version) };
  if (f.start && !f.apply) throw new Error('--start needs --apply <recipe-name>');
  if (!f.apply) {
    printProposal(await guidance.quotas(req));
    return 0;
  }
  const result = await guidance.apply({ ...req, recipe: f.apply, start: f.start, baseModelId: whole('--model', f.model), seed: whole('--seed', f.seed) }, null);
  printProposal(result.proposal);
  console.log(`saved as recipe ${result.recipe.name}@${result.recipe.revision}`);
  if (result.experiment) console.log(`queued experiment ${result.experiment.id} (${result.experiment.name})`);
  return 0;
}

/** `pace guidance hours --hours N`: where the next N annotation hours are worth most. */
export async function runGuidanceHours(app: INestApplicationContext, f: GuidanceFlags & { hours: string }): Promise<number> {
  const hours = Number(f.hours);
  const view = await app.get(GuidanceService).hours({ ...selection(f), hours });
  console.log(view.text.summary);
  for (const a of view.abilities) {
    console.log(`${String(a.rank).padStart(3)}. ${a.ability.padEnd(24)} weight ${a.weight.toFixed(3)}, ${a.acceptedPerHour.toFixed(1)} accepted/h, gain ${a.gainPerHour.toFixed(4)}/h`);
  }
  for (const u of view.unranked ?? []) console.log(`  -  ${u.ability.padEnd(24)} not ranked: ${u.reason}`);
  return 0;
}

/**
 * Test helpers reading the shared real samples under `$PACE_SHARED_DATA/raw` (the streaming
 * readers live elsewhere; these load small samples whole). Without PACE_SHARED_DATA the
 * real-data tests are skipped, loudly.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AdapterResult, StandardizedItem } from '../import-types';
import { applyAdapter } from './adapter-engine';
import type { AdapterContext } from './adapter-spec.types';
import { getAdapter } from './index';

const sharedData = process.env.PACE_SHARED_DATA;
export const noSharedData = !sharedData;

export function warnIfNoSharedData(suite: string): void {
  if (noSharedData) console.warn(`⚠ PACE_SHARED_DATA is not set: the real-data tests of ${suite} did NOT run.`);
}

export function rawPath(...parts: string[]): string {
  if (!sharedData) throw new Error('PACE_SHARED_DATA is not set');
  return join(sharedData, 'raw', ...parts);
}

export function readJsonLines(...parts: string[]): unknown[] {
  return readFileSync(rawPath(...parts), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export function readJsonArray(...parts: string[]): unknown[] {
  return JSON.parse(readFileSync(rawPath(...parts), 'utf8')) as unknown[];
}

/** `{ path, text }` for every file named `fileName` under the folder, paths relative with '/'. */
export function readMarkdownTree(fileName: string, ...parts: string[]): Array<{ path: string; text: string }> {
  const root = rawPath(...parts);
  const found: Array<{ path: string; text: string }> = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, child)).isDirectory()) walk(child);
      else if (name === fileName) found.push({ path: child, text: readFileSync(join(root, child), 'utf8') });
    }
  };
  walk('');
  return found;
}

export interface SampleRun {
  results: AdapterResult[];
  items: StandardizedItem[];
  skipped: string[];
  invalid: Array<Extract<AdapterResult, { kind: 'invalid' }>['errors']>;
}

export function runSample(key: string, records: unknown[], ctx: AdapterContext = {}): SampleRun {
  const spec = getAdapter(key);
  const results = records.map((record) => applyAdapter(spec, record, ctx));
  return {
    results,
    items: results.flatMap((r) => (r.kind === 'items' ? r.items : [])),
    skipped: results.flatMap((r) => (r.kind === 'skipped' ? [r.reason] : [])),
    invalid: results.flatMap((r) => (r.kind === 'invalid' ? [r.errors] : [])),
  };
}

/** Items without a non-empty user message, or whose choice gold does not fit their choices (`choiceCount`, default 6). */
export function unsoundItems(items: StandardizedItem[], choiceCount: (item: StandardizedItem) => number = () => 6): string[] {
  const problems: string[] = [];
  items.forEach((item, i) => {
    const user = item.messages.find((m) => m.role === 'user');
    if (!user || user.content.trim() === '') problems.push(`item ${i} (${item.sourceRecordId}): no user message`);
    if (item.answerType === 'single_choice' || item.answerType === 'multi_choice') {
      const letters = 'ABCDEF'.slice(0, choiceCount(item));
      const shape = item.answerType === 'single_choice' ? new RegExp(`^[${letters}]$`) : new RegExp(`^[${letters}]{2,}$`);
      if (!shape.test(item.gold ?? '')) problems.push(`item ${i} (${item.sourceRecordId}): gold ${item.gold} does not fit ${letters}`);
    }
  });
  return problems;
}

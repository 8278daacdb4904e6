import { stat } from 'node:fs/promises';
import { detectFormat, readRecords } from './readers';

/** Generic shapes recognised from the first record; source adapters are always named explicitly. */
const SHAPES: Array<{ adapter: string; keys: string[] }> = [
  { adapter: 'messages', keys: ['messages'] },
  { adapter: 'sharegpt', keys: ['conversations'] },
  { adapter: 'alpaca', keys: ['instruction', 'output'] },
];

/** The generic adapter whose shape the file's first record has, or null when none fits. */
export async function detectAdapter(path: string): Promise<string | null> {
  if ((await stat(path)).isDirectory()) return null;
  const format = await detectFormat(path);
  if (format !== 'jsonl' && format !== 'json-array') return null;
  for await (const out of readRecords(path, format, { maxLineBytes: 16 * 1024 * 1024 })) {
    if (out.kind !== 'record') continue;
    const value = out.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    return SHAPES.find((s) => s.keys.every((k) => k in value))?.adapter ?? null;
  }
  return null;
}

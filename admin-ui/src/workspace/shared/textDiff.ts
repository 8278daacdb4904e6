import { diffArrays } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Latin words and numbers stay whole, everything else is one code point: Chinese has no spaces between
 * words, so each character is its own token, and a character outside the BMP is one token, not two halves.
 */
const TOKEN = /[\p{Script=Latin}\p{Nd}_]+|\s+|./gsu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Gives up (null) past this long, so typing stays fluid when a text is rewritten wholesale. */
const DIFF_TIMEOUT_MS = 100;

/** What changed from `before` to `after`, in reading order; null when the diff took too long to compute. */
export function textDiff(before: string, after: string): DiffPart[] | null {
  const changes = diffArrays(tokenize(before), tokenize(after), { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return null;
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value.join('') }));
}

/** How many characters (code points) were added and removed. */
export function changeCounts(parts: DiffPart[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const p of parts) {
    if (p.kind === 'added') added += Array.from(p.text).length;
    if (p.kind === 'removed') removed += Array.from(p.text).length;
  }
  return { added, removed };
}

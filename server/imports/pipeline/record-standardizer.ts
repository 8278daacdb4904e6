import { applyAdapter, type AdapterSpec } from '../adapters';
import type { ReaderOutput, StandardizedItem } from '../import-types';
import type { ErrorRow } from '../imports.repository';
import { normalizeText } from '../standardize/normalize-text';
import { unsafeTextIn } from '../text-policy';

export interface StandardizedRecord {
  rawFile: string;
  rawLine: number;
  rawOffset: number;
  subIndex: number;
  abilityId: number;
  item: StandardizedItem;
}

export interface StandardizeSettings {
  spec: Readonly<AdapterSpec>;
  /** Ability key of the import's default ability, or null. */
  defaultAbility: string | null;
  /** Ability key → id. */
  abilityIds: Map<string, number>;
  csvMapping?: Record<string, string>;
  /** The name a user knows a record's file by (see displayFile), for adapters reading `$file`. */
  displayName?: (file: string) => string;
}

/** What one reader output becomes: all of its items, or its errors (nothing of a record is imported unless all of it is), or a skip. */
export type RecordOutcome =
  | { kind: 'items'; items: StandardizedRecord[] }
  | { kind: 'errors'; errors: ErrorRow[] }
  | { kind: 'skipped' };

/**
 * Applies the adapter, resolves abilities and normalizes the messages' text. Every record of every reader comes
 * through here, and every item on its way to the binary COPY: text the import refuses (see text-policy) is reported
 * here, in the record as the user wrote it and, should an adapter ever make some, in the item.
 */
export function standardizeRecord(out: ReaderOutput, s: StandardizeSettings): RecordOutcome {
  if (out.kind === 'error') {
    return { kind: 'errors', errors: [{ file: out.file, line: out.line, field: out.field, reason: out.reason, excerpt: out.excerpt ?? null }] };
  }
  const unsafe = unsafeTextIn(out.value);
  if (unsafe) return { kind: 'errors', errors: [{ file: out.file, line: out.line, field: unsafe.field, reason: unsafe.reason, excerpt: excerptOf(out.value) }] };
  const result = applyAdapter(s.spec, out.value, { defaultAbility: s.defaultAbility, csvMapping: s.csvMapping, fileName: s.displayName?.(out.file) ?? out.file });
  if (result.kind === 'skipped') return { kind: 'skipped' };
  if (result.kind === 'invalid') {
    const excerpt = excerptOf(out.value);
    return { kind: 'errors', errors: result.errors.map((e) => ({ file: out.file, line: out.line, field: e.field, reason: e.reason, excerpt })) };
  }
  const items: StandardizedRecord[] = [];
  for (const [subIndex, item] of result.items.entries()) {
    const key = item.ability ?? s.defaultAbility;
    const abilityId = key == null ? undefined : s.abilityIds.get(key);
    if (abilityId === undefined) {
      const reason = key == null
        ? 'no ability: the record names none and the import has no default ability'
        : `unknown ability "${key}"; known: ${[...s.abilityIds.keys()].join(', ')}`;
      return { kind: 'errors', errors: [{ file: out.file, line: out.line, field: 'ability', reason, excerpt: excerptOf(out.value) }] };
    }
    const messages = item.messages.map((m) => ({ role: m.role, content: normalizeText(m.content) }));
    const made = unsafeTextIn({ ...item, messages });
    if (made) {
      const reason = `${made.reason}, in the item the "${s.spec.key}" adapter made`;
      return { kind: 'errors', errors: [{ file: out.file, line: out.line, field: made.field, reason, excerpt: excerptOf(out.value) }] };
    }
    items.push({ rawFile: out.file, rawLine: out.line, rawOffset: out.offset, subIndex, abilityId, item: { ...item, messages } });
  }
  return { kind: 'items', items };
}

/** JSON of the record (which writes NUL and unpaired surrogates as escapes), cut at 200 code units but never inside a pair. */
function excerptOf(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length <= 200) return s;
  const cut = s.charCodeAt(199) >= 0xd800 && s.charCodeAt(199) <= 0xdbff ? 199 : 200;
  return s.slice(0, cut) + '…';
}

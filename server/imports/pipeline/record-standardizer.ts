import { applyAdapter, type AdapterSpec } from '../adapters';
import type { ImportErrorCode } from '../import-error-codes';
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

/**
 * What one reader output becomes: all of its items, or one error row (nothing of a record is imported unless all of
 * it is), or a skip. A record with several bad fields is still one error: its row names the first field and kind,
 * and its reason lists every problem, so the report holds one row per refused record.
 */
export type RecordOutcome =
  | { kind: 'items'; items: StandardizedRecord[] }
  | { kind: 'error'; error: ErrorRow }
  | { kind: 'skipped' };

/**
 * Applies the adapter, resolves abilities and normalizes the messages' text. Every record of every reader comes
 * through here, and every item on its way to the binary COPY: text the import refuses (see text-policy) is reported
 * here, in the record as the user wrote it and, should an adapter ever make some, in the item.
 */
export function standardizeRecord(out: ReaderOutput, s: StandardizeSettings): RecordOutcome {
  if (out.kind === 'error') {
    return { kind: 'error', error: { file: out.file, line: out.line, field: out.field, code: out.code, reason: out.reason, excerpt: out.excerpt ?? null } };
  }
  const unsafe = unsafeTextIn(out.value);
  if (unsafe) return { kind: 'error', error: { file: out.file, line: out.line, field: unsafe.field, code: 'bad_character', reason: unsafe.reason, excerpt: excerptOf(out.value) } };
  const result = applyAdapter(s.spec, out.value, { defaultAbility: s.defaultAbility, csvMapping: s.csvMapping, fileName: s.displayName?.(out.file) ?? out.file });
  if (result.kind === 'skipped') return { kind: 'skipped' };
  if (result.kind === 'invalid') {
    return { kind: 'error', error: { file: out.file, line: out.line, ...oneProblem(result.errors), excerpt: excerptOf(out.value) } };
  }
  const items: StandardizedRecord[] = [];
  for (const [subIndex, item] of result.items.entries()) {
    const key = item.ability ?? s.defaultAbility;
    const abilityId = key == null ? undefined : s.abilityIds.get(key);
    if (abilityId === undefined) {
      const reason = key == null
        ? 'no ability: the record names none and the import has no default ability'
        : `unknown ability "${key}"; known: ${[...s.abilityIds.keys()].join(', ')}`;
      const code: ImportErrorCode = key == null ? 'no_ability' : 'unknown_ability';
      return { kind: 'error', error: { file: out.file, line: out.line, field: 'ability', code, reason, excerpt: excerptOf(out.value) } };
    }
    const messages = item.messages.map((m) => ({ role: m.role, content: normalizeText(m.content) }));
    const made = unsafeTextIn({ ...item, messages });
    if (made) {
      const reason = `${made.reason}, in the item the "${s.spec.key}" adapter made`;
      return { kind: 'error', error: { file: out.file, line: out.line, field: made.field, code: 'bad_character', reason, excerpt: excerptOf(out.value) } };
    }
    items.push({ rawFile: out.file, rawLine: out.line, rawOffset: out.offset, subIndex, abilityId, item: { ...item, messages } });
  }
  return { kind: 'items', items };
}

/** The first problem's field and kind; the reason goes on to name the others (`…; also messages[2].role: …`). */
function oneProblem(errors: Array<{ field: string | null; code: ImportErrorCode; reason: string }>) {
  const [first, ...others] = errors;
  const also = others.map((e) => `${e.field ?? '(record)'}: ${e.reason}`);
  return { field: first.field, code: first.code, reason: also.length === 0 ? first.reason : `${first.reason}; also ${also.join('; ')}` };
}

/** JSON of the record (which writes NUL and unpaired surrogates as escapes), cut at 200 code units but never inside a pair. */
function excerptOf(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.length <= 200) return s;
  const cut = s.charCodeAt(199) >= 0xd800 && s.charCodeAt(199) <= 0xdbff ? 199 : 200;
  return s.slice(0, cut) + '…';
}

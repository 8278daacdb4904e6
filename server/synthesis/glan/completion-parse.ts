import type { ClassSession } from './concept-sampling';
import { type Extraction, extractJson, retryInstruction } from './json-extract';
import type { DraftNode } from './taxonomy-review';

/**
 * Typed records from GLAN completions (issue 15 item 2): the subject JSON lines (`subject_name`, `level`,
 * `subtopics`) and a syllabus's class sessions with their key concepts. A completion gives either records (with the
 * lines that failed validation listed, each naming its line and field) or, when nothing usable is in it, a failure
 * carrying the raw text, the error and the instruction for a retry prompt. Nothing is dropped silently.
 */

export interface SubjectRecord {
  subject_name: string;
  /** As the model wrote it ("100", "200", …, "graduate"): numbers become their decimal text. */
  level: string;
  subtopics: string[];
  /** The completion line the record starts on. */
  line: number;
}

export interface RecordProblem {
  line: number;
  /** The field at fault (`subtopics[2]`), or undefined when the whole value is. */
  field?: string;
  message: string;
  /** The offending text or value, as found. */
  raw: string;
}

export type ParseOutcome<T> =
  | {
      ok: true;
      records: T[];
      /** Values (or JSON chunks) that were found and rejected: stored with the node, shown in the run's failures. */
      problems: RecordProblem[];
      /** Lines repaired by jsonrepair, and prose ignored around the JSON. */
      notes: string[];
    }
  | {
      ok: false;
      raw: string;
      error: string;
      problems: RecordProblem[];
      /** The message a retry prompt appends ("your output was not valid JSON: …"). */
      retry: string;
    };

export function parseSubjectLines(raw: string, language: 'en' | 'zh' = 'en'): ParseOutcome<SubjectRecord> {
  const found = extractJson(raw);
  const problems = failuresOf(found);
  const records: SubjectRecord[] = [];
  for (const { line, value, index } of flattenArrays(found.values)) {
    const at = index === undefined ? `line ${line}` : `line ${line}, item ${index}`;
    const where = (field?: string) => (field ? `${at}, field ${field}` : at);
    if (!isObject(value)) {
      problems.push({ line, message: `${where()}: expected a JSON object with subject_name, level, subtopics`, raw: show(value) });
      continue;
    }
    const bad = (field: string, message: string) => problems.push({ line, field, message: `${where(field)}: ${message}`, raw: show(value) });
    const name = value.subject_name;
    const level = value.level;
    const subtopics = value.subtopics;
    let ok = true;
    if (typeof name !== 'string' || name.trim() === '') ok = !bad('subject_name', 'must be a non-empty string');
    if (!((typeof level === 'string' && level.trim() !== '') || (typeof level === 'number' && Number.isFinite(level)))) {
      ok = !bad('level', 'must be a non-empty string or a number');
    }
    if (!Array.isArray(subtopics)) ok = !bad('subtopics', 'must be an array of strings');
    else {
      subtopics.forEach((s, i) => {
        if (typeof s !== 'string' || s.trim() === '') ok = !bad(`subtopics[${i}]`, 'must be a non-empty string');
      });
    }
    if (!ok) continue;
    records.push({
      subject_name: clean(name as string),
      level: typeof level === 'number' ? String(level) : clean(level as string),
      subtopics: (subtopics as string[]).map(clean),
      line,
    });
  }
  return outcome(raw, found, records, problems, 'subject JSON lines', language);
}

/**
 * Class sessions in syllabus order: a JSON array of `{ "title": …, "concepts": [ … ] }` (also accepted: the array
 * under a single key such as `{"sessions": […]}`, or one session object per line).
 */
export function parseClassSessions(raw: string, language: 'en' | 'zh' = 'en'): ParseOutcome<ClassSession & { line: number }> {
  const found = extractJson(raw);
  const problems = failuresOf(found);
  const records: (ClassSession & { line: number })[] = [];
  const unwrapped = found.values.map((v) => {
    if (isObject(v.value) && !('title' in v.value)) {
      const entries = Object.values(v.value);
      if (entries.length === 1 && Array.isArray(entries[0])) return { line: v.line, value: entries[0] as unknown };
    }
    return v;
  });
  for (const { line, value, index } of flattenArrays(unwrapped)) {
    const at = index === undefined ? `line ${line}` : `line ${line}, session ${index}`;
    if (!isObject(value)) {
      problems.push({ line, message: `${at}: expected a JSON object with title and concepts`, raw: show(value) });
      continue;
    }
    const bad = (field: string, message: string) => problems.push({ line, field, message: `${at}, field ${field}: ${message}`, raw: show(value) });
    let ok = true;
    if (typeof value.title !== 'string' || value.title.trim() === '') ok = !bad('title', 'must be a non-empty string');
    if (!Array.isArray(value.concepts) || value.concepts.length === 0) ok = !bad('concepts', 'must be a non-empty array of strings');
    else {
      value.concepts.forEach((c, i) => {
        if (typeof c !== 'string' || c.trim() === '') ok = !bad(`concepts[${i}]`, 'must be a non-empty string');
      });
    }
    if (ok) records.push({ title: clean(value.title as string), concepts: (value.concepts as string[]).map(clean), line });
  }
  return outcome(raw, found, records, problems, 'class sessions', language);
}

/**
 * A taxonomy draft (the taxonomy-draft-* templates): the first JSON object with a "fields" array, or a bare array of
 * fields. Its structure is checked where the drafts are merged (mergeTaxonomyDrafts reports unusable nodes with the
 * draft and path); here only that a draft is there at all.
 */
export function parseTaxonomyDraft(raw: string, language: 'en' | 'zh' = 'en'): ParseOutcome<{ fields: DraftNode[] }> {
  const found = extractJson(raw);
  const problems = failuresOf(found);
  const records: { fields: DraftNode[] }[] = [];
  for (const { line, value } of found.values) {
    if (records.length > 0) {
      problems.push({ line, message: `line ${line}: a second JSON value after the draft, not used`, raw: show(value) });
    } else if (isObject(value) && Array.isArray(value.fields)) records.push({ fields: value.fields as DraftNode[] });
    else if (Array.isArray(value) && value.every(isObject)) records.push({ fields: value as unknown as DraftNode[] });
    else problems.push({ line, message: `line ${line}: expected {"fields": [...]} or an array of fields`, raw: show(value) });
  }
  return outcome(raw, found, records, problems, 'taxonomy draft', language);
}

function outcome<T>(raw: string, found: Extraction, records: T[], problems: RecordProblem[], what: string, language: 'en' | 'zh'): ParseOutcome<T> {
  const notes = [
    ...found.repaired.map((r) => `line ${r.line}: repaired malformed JSON (${r.error})`),
    ...found.ignored.map((p) => `line ${p.line}: ignored text outside the JSON: ${truncate(p.text)}`),
  ];
  if (records.length > 0) return { ok: true, records, problems, notes };
  const error =
    problems.length > 0
      ? problems.map((p) => p.message).join('; ')
      : found.values.length === 0
        ? `no JSON found in the output (expected ${what})`
        : `the output holds no ${what}`;
  return { ok: false, raw, error, problems, retry: retryInstruction(error, language) };
}

function failuresOf(found: Extraction): RecordProblem[] {
  return found.failures.map((f) => ({ line: f.line, message: `line ${f.line}: not valid JSON even after repair: ${f.error}`, raw: f.raw }));
}

/** A top-level array contributes its elements (with their index), anything else itself. */
function flattenArrays(values: { line: number; value: unknown }[]): { line: number; value: unknown; index?: number }[] {
  return values.flatMap((v) => (Array.isArray(v.value) ? v.value.map((value, index) => ({ line: v.line, value, index })) : [v]));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function clean(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function show(v: unknown): string {
  return truncate(JSON.stringify(v) ?? String(v), 500);
}

function truncate(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

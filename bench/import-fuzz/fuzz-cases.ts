import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** How a case's records are laid out in a file: one JSON value per line, one top-level JSON array, or CSV with a header. */
export type FuzzFormat = 'jsonl' | 'json-array' | 'csv';

/**
 * One source to fuzz: real sample records (JSON values, or CSV rows as cell arrays) and how to import them. `tag` makes
 * a copy of a record unique (for control records, which must never be taken for duplicates) by writing a token into
 * the text every item of the record carries.
 */
export interface FuzzCase {
  name: string;
  adapter: string;
  format: FuzzFormat;
  /** The file's name as the user gives it (CMMLU reads the subject from it). */
  fileName: string;
  ability?: string;
  sourceName?: string;
  /** CSV only: the header cells. */
  header?: string[];
  records: unknown[];
  tag(record: unknown, token: string): unknown;
}

const clone = <T>(v: T): T => structuredClone(v);

function withText<T extends Record<string, unknown>>(record: unknown, key: keyof T & string, token: string): unknown {
  const r = clone(record) as Record<string, unknown>;
  r[key] = `${token} ${String(r[key])}`;
  return r;
}

function jsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** The cases, read from `$PACE_SHARED_DATA/raw`: JSONL (alpaca, messages, LogiQA 2.0, COIG exam), JSON arrays (C3, alpaca) and CSV (CMMLU). */
export function loadFuzzCases(rawDir: string): FuzzCase[] {
  const alpaca = JSON.parse(readFileSync(join(rawDir, 'alpaca_gpt4_zh/alpaca_zh_demo.sample.json'), 'utf8')) as Array<Record<string, string>>;
  const c3 = JSON.parse(readFileSync(join(rawDir, 'c3/c3-d-test.sample.json'), 'utf8')) as unknown[];
  const cmmlu = parse(readFileSync(join(rawDir, 'cmmlu/test/high_school_biology.sample.csv')), { bom: true }) as string[][];
  return [
    {
      name: 'alpaca (JSONL)',
      adapter: 'alpaca',
      format: 'jsonl',
      fileName: 'alpaca-fuzz.jsonl',
      ability: 'creative_writing',
      sourceName: 'fuzz-alpaca',
      records: alpaca,
      tag: (r, t) => withText(r, 'instruction', t),
    },
    {
      name: 'messages (JSONL)',
      adapter: 'messages',
      format: 'jsonl',
      fileName: 'messages-fuzz.jsonl',
      sourceName: 'fuzz-messages',
      // DoIT records made of the alpaca sample's real text
      records: alpaca.map((a, i) => ({
        messages: [
          { role: 'user', content: a.input ? `${a.instruction}\n\n${a.input}` : a.instruction },
          { role: 'assistant', content: a.output },
        ],
        type: 'creative_writing',
        question_format: 1,
        id: i,
      })),
      tag: (r, t) => {
        const m = clone(r) as { messages: Array<{ content: string }> };
        m.messages[0].content = `${t} ${m.messages[0].content}`;
        return m;
      },
    },
    {
      name: 'LogiQA 2.0 (JSONL)',
      adapter: 'logiqa2',
      format: 'jsonl',
      fileName: 'test_zh.txt',
      records: jsonLines(join(rawDir, 'logiqa2/test_zh.sample.txt')),
      tag: (r, t) => withText(r, 'text', t),
    },
    {
      name: 'COIG exam (JSONL)',
      adapter: 'coig_exam',
      format: 'jsonl',
      fileName: 'coig_exam.jsonl',
      records: jsonLines(join(rawDir, 'coig_exam/coig_exam_sampled_clean_v3.sample.jsonl')),
      tag: (r, t) => withText(r, 'input', t),
    },
    {
      name: 'C3 (JSON array)',
      adapter: 'c3',
      format: 'json-array',
      fileName: 'c3-fuzz.json',
      records: c3,
      tag: (r, t) => {
        const doc = clone(r) as [string[], unknown, string];
        doc[0][0] = `${t} ${doc[0][0]}`;
        return doc;
      },
    },
    {
      name: 'alpaca (JSON array)',
      adapter: 'alpaca',
      format: 'json-array',
      fileName: 'alpaca-fuzz.json',
      ability: 'creative_writing',
      sourceName: 'fuzz-alpaca-array',
      records: alpaca,
      tag: (r, t) => withText(r, 'instruction', t),
    },
    {
      name: 'CMMLU (CSV)',
      adapter: 'cmmlu',
      format: 'csv',
      fileName: 'high_school_biology.csv',
      header: cmmlu[0],
      records: cmmlu.slice(1),
      tag: (r, t) => {
        const row = [...(r as string[])];
        row[1] = `${t} ${row[1]}`;
        return row;
      },
    },
  ];
}

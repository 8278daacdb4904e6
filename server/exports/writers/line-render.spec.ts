import { describe, expect, it } from 'vitest';
import type { ExportItem } from '../export-types';
import { HfRowReader } from './hf-rows';
import { LineBuffer, LineRenderer } from './line-render';
import type { LineKind } from './record-sql';
import { doitRecord, hfRow, openaiRecord } from './records';
import type { SnapshotContent } from '../export-types';

/** JSON text laid out as PostgreSQL prints jsonb: keys by length then bytes, ", " and ": " between. */
function jsonbText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jsonbText).join(', ')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v).sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

const awkward = 'quote " backslash \\ newline \n tab \t controls \u0001\u001f del \u007f emoji 😀 line sep \u2028 中文 \\u0041 "\\"';
const user = (content: string) => ({ role: 'user', content });
const assistant = (content: string) => ({ role: 'assistant', content });
const RECORD = { doit: doitRecord, hf: hfRow, openai: openaiRecord } as const;

/** Contents of the shape a freeze writes: rendered in Node. */
const PLAIN = [
  { messages: [user(awkward), assistant(awkward)], questionFormat: 0, answerType: 'single_choice', gold: 'B', choices: null },
  { messages: [user('q'), assistant('first'), user('again'), assistant('last')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: awkward, coarse: 'c' } },
  { messages: [user('q'), assistant('a')], questionFormat: 1, answerType: 'open', gold: 'gold "answer"', choices: ['x', { y: '"]}' }], distractors: { fine: 'f', coarse: 'c' } },
  { messages: [user('q'), assistant('a')], questionFormat: 1, answerType: 'open', gold: null, choices: null },
  { messages: [user('q')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: 'only fine' } },
  { messages: [user('q')], questionFormat: 1, answerType: 'open', choices: null, distractors: { fine: null, coarse: 'c', extra: [1, '}'] } },
  { messages: [{ role: 'user', content: 'named', name: 'dropped', n: { a: [1, 2] } }, assistant('')], questionFormat: 0, answerType: 'math', gold: null, choices: ['A', 'B'] },
  { messages: [], questionFormat: 0, answerType: 'cloze', gold: '', choices: null },
  { messages: [user('合成的问题'), assistant('a')], questionFormat: 1, answerType: 'open', gold: null, choices: null, distractors: { fine: 'f', coarse: 'c' }, reviewMode: 'single' },
  { messages: [user('q'), assistant('a')], questionFormat: 0, answerType: 'math', gold: '2', choices: null, reviewMode: 'none', distractors: 'not an object' },
];

/** Contents left to the database (record-sql.ts), whose rendering of them differs from records.ts or fails. */
const ODD = [
  { messages: [{ role: 'user', content: 7 }], questionFormat: 0, gold: null },
  { messages: [{ role: 'user' }], questionFormat: 0, gold: null },
  { messages: [{ role: null, content: 'x' }], questionFormat: 0, gold: null },
  { messages: ['text'], questionFormat: 0, gold: null },
  { messages: null, questionFormat: 0, gold: null },
  { questionFormat: 0, gold: null },
  { messages: [user('q')], gold: null },
  { messages: [user('q')], questionFormat: '1', gold: null },
  { messages: [user('q')], questionFormat: 1.0001, gold: null },
  { messages: [user('q')], questionFormat: 0, gold: 2 },
  { messages: [user('q')], questionFormat: 0, reviewMode: true },
  { messages: [user('q')], questionFormat: 1, distractors: { fine: 3 } },
];

function render(kind: LineKind, content: unknown, id = '42', text = jsonbText(content)): string | null {
  const out = new LineBuffer(16);
  out.put(Buffer.from('before\n'));
  const src = Buffer.from(`\u0001${text}`);
  const done = new LineRenderer(kind, 'cot_math').append(src, 1, src.length, id, out);
  const written = out.take().toString('utf8');
  expect(written.startsWith('before\n')).toBe(true);
  return done ? written.slice('before\n'.length) : (expect(written).toBe('before\n'), null);
}

describe(LineRenderer.name, () => {
  for (const kind of ['doit', 'hf', 'openai'] as const) {
    it(`renders ${kind} lines of a freeze's snapshots as records.ts (and so record-sql.ts) does`, () => {
      for (const content of PLAIN) {
        const item = { id: '9007199254740993', ability: 'cot_math', content } as unknown as ExportItem;
        const expected = JSON.stringify(RECORD[kind](item)).replace('9007199254740992', '9007199254740993') + '\n';
        expect(render(kind, content, item.id)).toBe(expected);
        // any JSON layout reads the same, not only PostgreSQL's
        expect(render(kind, content, item.id, JSON.stringify(content, null, 1))).toBe(expected);
      }
    });
  }

  it('leaves any other shape to the database, writing nothing', () => {
    for (const kind of ['doit', 'hf', 'openai'] as const) for (const content of ODD) expect(render(kind, content), JSON.stringify(content)).toBeNull();
    expect(render('doit', null, '1', 'not json')).toBeNull();
    expect(render('doit', null, '1', '{"messages": [], "questionFormat": 0')).toBeNull();
  });

  it('refuses an ability key that is not one', () => {
    expect(() => new LineRenderer('doit', 'a"b')).toThrow(/not an ability key/);
  });
});

describe(HfRowReader.name, () => {
  it("reads every snapshot's Hugging Face row as hfRow of the parsed snapshot does, odd shapes included", () => {
    const others = [
      { messages: [user('q'), assistant('a')], questionFormat: 1, gold: null, distractors: 'a string' },
      { messages: [user('q'), assistant('a')], questionFormat: 1, gold: null, distractors: {} },
      { messages: [user('q'), assistant('a')], questionFormat: 1, gold: null, distractors: { fine: 'f', coarse: null } },
      { messages: [user('q'), { role: 'system', content: 's' }, { role: 'tool', content: '\\"' }], questionFormat: 0, gold: '\n' },
    ];
    const reader = new HfRowReader('cot_math');
    for (const content of [...PLAIN, ...ODD.filter((c) => c.messages !== null && 'messages' in c), ...others]) {
      const src = Buffer.from(`\u0001${jsonbText(content)}`);
      const expected = hfRow({ id: '42', ability: 'cot_math', content: content as unknown as SnapshotContent });
      expect(reader.row(src, 1, src.length, '42'), JSON.stringify(content)).toStrictEqual(expected);
    }
  });
});

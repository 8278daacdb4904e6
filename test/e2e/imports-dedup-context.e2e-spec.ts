import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadImport, waitForImport } from '../utils/imports';
import { createTestApp, TestApp } from '../utils/test-app';

type C3Question = { question: string; choice: string[]; answer: string };
type C3Doc = [string[], C3Question[], string];

const shared = process.env.PACE_SHARED_DATA;
const c3Sample = shared ? join(shared, 'raw/c3/c3-d-test.sample.json') : '';
if (!shared || !existsSync(c3Sample)) console.warn('⚠ PACE_SHARED_DATA has no raw/c3 sample: the C3 shared-dialogue import test did NOT run.');

/** Issue 11 item 3: items that only share a context (a passage, a dialogue) are not near duplicates. */
describe('near duplicates of items that share a context (issue 11 item 3)', () => {
  let t: TestApp;
  let researcher: string;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp();
    researcher = await t.tokenFor('researcher');
    dir = await mkdtemp(join(tmpdir(), 'pace-dedup-context-'));
  });
  afterAll(() => t.close());

  async function importFile(name: string, content: unknown, fields: Record<string, string>) {
    // One record per line: this spec is about de-duplication, not one-line arrays (issue 11 item 1).
    await writeFile(join(dir, name), `[\n${(content as unknown[]).map((r) => JSON.stringify(r)).join(",\n")}\n]\n`);
    return waitForImport(t, researcher, (await uploadImport(t, researcher, join(dir, name), fields)).id);
  }

  async function itemsOf(importId: string) {
    return t.db.query(
      `SELECT i.source_record_id, i.status, i.duplicate_kind, i.duplicate_similarity, o.source_record_id AS original
         FROM items i LEFT JOIN items o ON o.id = i.duplicate_of WHERE i.import_id = $1 ORDER BY i.raw_line, i.sub_index`,
      [importId],
    );
  }

  it.skipIf(!shared || !existsSync(c3Sample))(
    'C3: every question about a dialogue is imported, in one file and across two; a copy and a paraphrased question are still flagged',
    async () => {
      const docs = (JSON.parse(readFileSync(c3Sample, 'utf8')) as C3Doc[]).filter((d) => d[1].length >= 4).slice(0, 6);
      expect(docs.map((d) => d[1].length)).toEqual([5, 4, 4, 5, 4, 4]);
      const [inOneFile, ...split] = [docs[5], ...docs.slice(0, 5)];

      // File 1: the first question of five dialogues, and all four questions of a sixth (several questions per
      // dialogue within one file: main marked some of them near duplicates of each other).
      const first = await importFile('c3-part1.json', [...split.map((d): C3Doc => [d[0], d[1].slice(0, 1), d[2]]), inOneFile], { adapter: 'c3', sourceName: 'c3-a' });
      expect(first).toMatchObject({ status: 'completed', itemsCreated: 9, exactDuplicates: 0, nearDuplicates: 0, errorCount: 0 });

      // File 2: the other 17 questions about the same five dialogues (main: most of them near duplicates of file 1's
      // question about the same dialogue), plus a verbatim copy and a paraphrased question with the same answer.
      const copy: C3Doc = [split[0][0], split[0][1].slice(0, 1), split[0][2]];
      const q = inOneFile[1][1];
      expect(q.question).toBe('这条小街上主要经营什么？');
      const paraphrase: C3Doc = [inOneFile[0], [{ ...q, question: '请问这条小街上主要经营什么？' }], inOneFile[2]];
      const rest = split.map((d): C3Doc => [d[0], d[1].slice(1), d[2]]);
      const second = await importFile('c3-part2.json', [...rest, copy, paraphrase], { adapter: 'c3', sourceName: 'c3-b' });
      expect(second).toMatchObject({ status: 'completed', itemsCreated: 17, exactDuplicates: 1, nearDuplicates: 1, errorCount: 0 });

      const rows = await itemsOf(second.id);
      expect(rows.slice(0, 17).every((r: { status: string }) => r.status === 'pending_review')).toBe(true);
      expect(rows.slice(17).map((r: { duplicate_kind: string; original: string }) => [r.duplicate_kind, r.original])).toEqual([
        ['exact', `${split[0][2]}#0`],
        ['near', `${inOneFile[2]}#1`],
      ]);
      expect(rows[18].duplicate_similarity).toBeGreaterThanOrEqual(0.8);
      expect(rows[18].duplicate_similarity).toBeLessThan(1);
    },
  );

  it('items stored before contexts were declared (no context signatures) keep working: copies of them are exact duplicates, other questions about their passage are imported', async () => {
    const dialogue = ['男：明天的会几点开始？', '女：原定九点，不过经理刚才说改到下午两点了，地点也从三楼会议室换到了一楼报告厅，你通知一下大家吧。', '男：好的，我马上发邮件。'];
    const questions: C3Question[] = [
      { question: '会议改到什么时候？', choice: ['明天上午九点', '明天下午两点', '今天下午两点', '后天上午九点'], answer: '明天下午两点' },
      { question: '会议地点换到了哪里？', choice: ['三楼会议室', '一楼报告厅', '经理办公室', '二楼大厅'], answer: '一楼报告厅' },
      { question: '男的接下来要做什么？', choice: ['去开会', '给经理打电话', '发邮件通知大家', '布置会场'], answer: '发邮件通知大家' },
    ];
    const old = await importFile('c3-legacy.json', [[dialogue, questions.slice(0, 1), 'legacy-1']], { adapter: 'c3', sourceName: 'c3-legacy' });
    expect(old).toMatchObject({ status: 'completed', itemsCreated: 1 });
    // As a database migrated from before the context columns holds them.
    await t.db.query('UPDATE items SET qa_minhash = NULL, context_minhash = NULL WHERE import_id = $1', [old.id]);

    const next = await importFile('c3-after.json', [[dialogue, questions, 'legacy-1']], { adapter: 'c3', sourceName: 'c3-after' });
    expect(next).toMatchObject({ status: 'completed', itemsCreated: 2, exactDuplicates: 1, nearDuplicates: 0, errorCount: 0 });
    expect((await itemsOf(next.id)).map((r: { duplicate_kind: string | null; status: string }) => r.duplicate_kind ?? r.status)).toEqual(['exact', 'pending_review', 'pending_review']);
  });

  it('alpaca: instructions over one input are all imported; the same instruction and output over another input is not merged', async () => {
    const passage =
      '清明节是中国重要的传统节日之一，时间在每年公历四月五日前后。这一天，人们通常会回乡扫墓、祭奠祖先，表达对逝去亲人的怀念；' +
      '同时，清明前后春光明媚、草木返青，人们也常常结伴踏青、放风筝、插柳，享受春天的气息。清明节融合了自然节气与人文风俗，' +
      '既有慎终追远的庄重，也有亲近自然的欢乐，体现了中华民族尊重祖先、热爱生活的文化传统。清明作为节气，早在周代就已出现，' +
      '古人据此安排农事，有“清明前后，种瓜点豆”的农谚。作为节日，它吸收了寒食节禁火冷食的习俗，唐代以后逐渐成为扫墓祭祖的' +
      '主要日子。宋代的《清明上河图》描绘了汴京清明时节的繁华景象，街市上车水马龙，百姓出城踏青，商贩沿河叫卖，热闹非凡。' +
      '许多诗人也留下了描写清明的名篇，杜牧的“清明时节雨纷纷，路上行人欲断魂”更是家喻户晓。二零零六年，清明节被列入第一批' +
      '国家级非物质文化遗产名录；二零零八年起，清明节成为国家法定节假日，人们有了更多时间回乡团聚、缅怀先人。近年来，' +
      '网上祭扫、鲜花祭扫、植树祭扫等文明低碳的新方式越来越普及，让这一古老的节日在新时代焕发出新的生机。';
    const other =
      '端午节在每年农历五月初五，是纪念爱国诗人屈原的传统节日。人们在这一天赛龙舟、吃粽子、挂艾草、佩香囊，祈求驱邪避疫、' +
      '平安健康。各地的端午习俗丰富多彩，南方多有龙舟竞渡，北方则常见插艾蒿、系五彩绳，节日的热闹气氛延续至今，深受人们喜爱。';
    const asks = [
      { instruction: '用一句话概括下面这段文字的主要内容。', output: '这段文字介绍了清明节的时间、扫墓祭祖和踏青等习俗及其文化意义。' },
      { instruction: '下面这段文字提到了哪些清明节的习俗？请逐条列出。', output: '1. 回乡扫墓、祭奠祖先；2. 结伴踏青；3. 放风筝；4. 插柳。' },
      { instruction: '根据下面的文字，清明节大约在公历几月几日？', output: '清明节大约在每年公历四月五日前后。' },
      { instruction: '把下面这段文字翻译成英文。', output: 'Qingming is one of the most important traditional festivals in China, around April 5 every year.' },
    ];
    const first = await importFile('alpaca-a.json', asks.map((a) => ({ ...a, input: passage })), { adapter: 'alpaca', ability: 'chinese', sourceName: 'alpaca-a' });
    // main: the four instructions over one passage were near duplicates of the first.
    expect(first).toMatchObject({ status: 'completed', itemsCreated: 4, exactDuplicates: 0, nearDuplicates: 0, errorCount: 0 });

    const second = await importFile(
      'alpaca-b.json',
      [
        { ...asks[1], input: passage }, // a copy
        { ...asks[0], output: `${asks[0].output}` + '。', input: passage }, // punctuation only: the same item
        { ...asks[2], instruction: `请${asks[2].instruction}`, input: passage }, // paraphrased instruction, same answer
        { ...asks[3], input: other }, // the same instruction and output over another passage: a different item
      ],
      { adapter: 'alpaca', ability: 'chinese', sourceName: 'alpaca-b' },
    );
    expect(second).toMatchObject({ status: 'completed', itemsCreated: 1, exactDuplicates: 2, nearDuplicates: 1, errorCount: 0 });
    const rows = await itemsOf(second.id);
    expect(rows.map((r: { status: string; duplicate_kind: string | null }) => r.duplicate_kind ?? r.status)).toEqual(['exact', 'exact', 'near', 'pending_review']);
  });
});

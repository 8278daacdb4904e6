import type { DataSource } from 'typeorm';

/** Shared by the evaluations-*.e2e-spec files (not a spec itself). */

/** One frozen item: a question in Chinese and its gold, of every answer type DoIT scores. */
interface SeedItem {
  ability: string;
  split: 'valid' | 'test';
  content: {
    messages: Array<{ role: string; content: string }>;
    questionFormat: 0 | 1;
    answerType: string;
    gold: string | null;
    choices: null;
    distractors?: { fine: string; coarse: string };
  };
}

const EXACT: Array<{ answerType: string; question: string; answer: string; gold: string }> = [
  { answerType: 'single_choice', question: '汉朝的建立者是谁？\nA. 项羽\nB. 刘邦\nC. 秦始皇\nD. 曹操', answer: 'B', gold: 'B' },
  { answerType: 'multi_choice', question: '下列哪些是唐朝诗人？\nA. 李白\nB. 苏轼\nC. 杜甫\nD. 鲁迅', answer: 'AC', gold: 'AC' },
  { answerType: 'true_false', question: '判断：长城始建于明朝。', answer: '错误', gold: '错误' },
  { answerType: 'cloze', question: '西汉的都城是____。', answer: '长安', gold: '长安' },
  { answerType: 'math', question: '计算 6 × 7 = ?', answer: '答案是 \\boxed{42}', gold: '42' },
];

/** Per ability and split: the five exact-match types and one open-ended item with both distractors (24 items over two abilities). */
export function evaluationItems(abilities = ['history', 'chinese']): SeedItem[] {
  const out: SeedItem[] = [];
  for (const ability of abilities) {
    for (const split of ['valid', 'test'] as const) {
      for (const e of EXACT) {
        out.push({
          ability,
          split,
          content: {
            messages: [
              { role: 'user', content: `【${ability}·${split}】${e.question}` },
              { role: 'assistant', content: e.answer },
            ],
            questionFormat: 0,
            answerType: e.answerType,
            gold: e.gold,
            choices: null,
          },
        });
      }
      out.push({
        ability,
        split,
        content: {
          messages: [
            { role: 'system', content: '你是一位历史老师。' },
            { role: 'user', content: `【${ability}·${split}】请简要说明汉朝建立的过程。` },
            { role: 'assistant', content: '公元前202年，刘邦击败项羽，建立汉朝，定都长安。' },
          ],
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          choices: null,
          distractors: { fine: '公元前206年，刘邦击败项羽，建立汉朝，定都洛阳。', coarse: '汉朝是中国历史上一个重要的朝代。' },
        },
      });
    }
  }
  return out;
}

/**
 * A frozen version made straight with SQL (items, their snapshots, the version and its rows), with a base model at
 * `modelPath`, a finished experiment on the version (so no training sweep takes it up) and checkpoints for the given
 * epochs (each at its own folder).
 */
export async function seedEvaluationExperiment(
  db: DataSource,
  opts: { modelPath: string; checkpoints: Record<number, string>; hyperParams?: Record<string, unknown>; items?: SeedItem[] },
): Promise<{ versionId: number; experimentId: string; checkpointIds: Record<number, number>; itemIds: number[]; items: SeedItem[] }> {
  const tag = Math.random().toString(36).slice(2, 8);
  const items = opts.items ?? evaluationItems();
  const [source] = await db.query(`INSERT INTO sources (name, kind) VALUES ($1, 'curation') RETURNING id`, [`eval-${tag}`]);
  const [imp] = await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     VALUES ($1, 'messages', 'jsonl', 'seed', 'seed.jsonl', 'completed') RETURNING id`,
    [source.id],
  );
  const [version] = await db.query(
    `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
    [`eval-v-${tag}`],
  );
  const itemIds: number[] = [];
  for (const [n, it] of items.entries()) {
    const [ability] = await db.query(`SELECT id FROM abilities WHERE key = $1`, [it.ability]);
    const content = JSON.stringify(it.content);
    const [row] = await db.query(
      `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, gold,
                          status, content_hash, minhash, lsh_keys, split)
       VALUES ($1, $2, $3, 'seed.jsonl', $4, $5::jsonb->'messages', $6, $7, $8, 'accepted', sha256(convert_to($9::text || $11::text, 'UTF8')), '\\x'::bytea, '{}', $10)
       RETURNING id`,
      [ability.id, source.id, imp.id, n + 1, content, it.content.questionFormat, it.content.answerType, it.content.gold, tag, it.split, content],
    );
    await db.query(`INSERT INTO item_snapshots (hash, content) VALUES (sha256(convert_to($1, 'UTF8')), $1::jsonb) ON CONFLICT (hash) DO NOTHING`, [content]);
    await db.query(
      `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash)
       VALUES ($1, $2, $3, $4, $5, sha256(convert_to($6, 'UTF8')))`,
      [version.id, row.id, ability.id, source.id, it.split, content],
    );
    itemIds.push(Number(row.id));
  }
  await db.query(
    `UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), item_count = $2, content_hash = encode(sha256(convert_to($3, 'UTF8')), 'hex') WHERE id = $1`,
    [version.id, items.length, tag],
  );
  const [model] = await db.query(`INSERT INTO base_models (name, path, parameters) VALUES ($1, $2, 100000) RETURNING id`, [`tiny-${tag}`, opts.modelPath]);
  const hyperParams = { evalBackend: 'torch', maxNewTokens: 6, benchmarks: [], epochs: 2, ...opts.hyperParams };
  const [experiment] = await db.query(
    `INSERT INTO experiments (name, base_model_id, version_id, hyper_params, seed, status) VALUES ($1, $2, $3, $4, 42, 'completed') RETURNING id`,
    [`评测实验-${tag}`, model.id, version.id, JSON.stringify(hyperParams)],
  );
  const checkpointIds: Record<number, number> = {};
  for (const [epoch, path] of Object.entries(opts.checkpoints)) {
    const [c] = await db.query(`INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, $3, $4) RETURNING id`, [experiment.id, Number(epoch), Number(epoch) * 10, path]);
    checkpointIds[Number(epoch)] = c.id;
  }
  return { versionId: version.id, experimentId: experiment.id, checkpointIds, itemIds, items };
}

/** CMMLU-shaped benchmark items (one subset, source order) as a benchmark import stores them; returns their ids. */
export async function seedCmmluItems(db: DataSource, count: number): Promise<number[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const [source] = await db.query(`INSERT INTO sources (name, kind) VALUES ($1, 'benchmark') RETURNING id`, [`cmmlu-${tag}`]);
  const [imp] = await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     VALUES ($1, 'cmmlu', 'csv', 'chinese_history.csv', 'chinese_history.csv', 'completed') RETURNING id`,
    [source.id],
  );
  const [ability] = await db.query(`SELECT id FROM abilities WHERE key = 'history'`);
  const ids: number[] = [];
  for (let k = 0; k < count; k++) {
    const question = `中国历史第${k + 1}题：秦朝统一六国是在哪一年？`;
    const options = ['公元前221年', '公元前206年', '公元前202年', '公元前230年'];
    const meta = { benchmark: 'cmmlu', subset: 'chinese_history', subjectName: '中国历史', question, options };
    const [row] = await db.query(
      `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, gold, status,
                          content_hash, minhash, lsh_keys, meta)
       VALUES ($1, $2, $3, 'chinese_history.csv', $4, $5, 0, 'single_choice', 'A', 'accepted', sha256(convert_to($6::text, 'UTF8')), '\\x'::bytea, '{}', $7)
       RETURNING id`,
      [ability.id, source.id, imp.id, k + 2, JSON.stringify([{ role: 'user', content: question }, { role: 'assistant', content: 'A' }]), `${tag}-${k}`, JSON.stringify(meta)],
    );
    ids.push(Number(row.id));
  }
  return ids;
}

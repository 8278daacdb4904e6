import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { CURATED_GRID, SYNTHETIC_GRID } from '../../migrations/1763981000000-CreateRecipes';
import { RecipeSamplerService, type RecipeSample } from '../../server/recipes/recipe-sampler.service';
import { sampleOrder } from '../../server/recipes/sample-order';
import { createTestApp, TestApp } from '../utils/test-app';

/**
 * A corpus of the paper's sizes (DESIGN §1): ten abilities, ethics and role_play scarce, creative_writing abundant,
 * cot_math just short of reconstruct's even share; a synthetic pool big enough for synthetic-10240 (ethics not for
 * synthetic-40960); and what no recipe may take: valid/test items and a benchmark source's items.
 */
const CURATED: Record<string, number> = {
  biology: 1500,
  chinese: 1500,
  code: 1500,
  cot_math: 1100,
  creative_writing: 3000,
  dialogue_understanding: 1500,
  ethics: 120,
  history: 1500,
  logical_reasoning: 1500,
  role_play: 90,
};
const KEYS = Object.keys(CURATED);
const SYNTHETIC: Record<string, number> = Object.fromEntries(KEYS.map((k) => [k, k === 'ethics' ? 2000 : 4100]));
const GENERIC_BIOLOGY = 100; // of biology's 1500, from a generic source: curated too

interface CorpusRow {
  ability: string;
  source: string;
  split: string;
  n: number;
}

const corpus = (): CorpusRow[] => [
  ...KEYS.map((k) => ({ ability: k, source: 'doit', split: 'train', n: CURATED[k] - (k === 'biology' ? GENERIC_BIOLOGY : 0) })),
  { ability: 'biology', source: 'community', split: 'train', n: GENERIC_BIOLOGY },
  ...KEYS.map((k) => ({ ability: k, source: 'glan', split: 'train', n: SYNTHETIC[k] })),
  ...KEYS.flatMap((k) => ['valid', 'test'].map((split) => ({ ability: k, source: 'doit', split, n: 30 }))),
  ...KEYS.map((k) => ({ ability: k, source: 'cmmlu', split: 'train', n: 50 })),
];

async function insertCorpus(db: DataSource, rows: CorpusRow[], tag: string): Promise<void> {
  await db.query(
    `INSERT INTO sources (name, kind) VALUES ('doit', 'curation'), ('community', 'generic'), ('glan', 'synthetic'), ('cmmlu', 'benchmark')
     ON CONFLICT (name) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO imports (source_id, adapter, format, file_path, original_name, status)
     SELECT id, 'messages', 'jsonl', $1, $1, 'completed' FROM sources WHERE name IN ('doit', 'community', 'glan', 'cmmlu')`,
    [tag],
  );
  await db.query(
    `INSERT INTO items (ability_id, source_id, import_id, raw_file, raw_line, messages, question_format, answer_type, status,
                        content_hash, minhash, lsh_keys, split)
     SELECT a.id, s.id, i.id, c.ability || '-' || c.split, g.k, '[]'::jsonb, 1, 'open', 'accepted',
            sha256(convert_to(i.id || c.ability || c.split || g.k, 'UTF8')), '\\x'::bytea, '{}', c.split
     FROM jsonb_to_recordset($1::jsonb) AS c(ability text, source text, split text, n int)
     JOIN abilities a ON a.key = c.ability JOIN sources s ON s.name = c.source
     JOIN imports i ON i.source_id = s.id AND i.file_path = $2
     CROSS JOIN LATERAL generate_series(1, c.n) AS g(k)`,
    [JSON.stringify(rows), tag],
  );
}

/** A frozen version of the items `where` selects (straight SQL, as the datasets module's freeze would leave it). */
async function freezeVersion(db: DataSource, name: string, where: string): Promise<number> {
  const [v] = await db.query(
    `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ($1, '{}', '{}', 'freezing') RETURNING id`,
    [name],
  );
  const snapshot = `sha256(convert_to('item:' || id, 'UTF8'))`;
  await db.query(`INSERT INTO item_snapshots (hash, content) SELECT ${snapshot}, jsonb_build_object('id', id) FROM items WHERE ${where} ON CONFLICT DO NOTHING`);
  await db.query(
    `INSERT INTO dataset_version_items (version_id, item_id, ability_id, source_id, split, snapshot_hash)
     SELECT $1, id, ability_id, source_id, split, ${snapshot} FROM items WHERE ${where}`,
    [v.id],
  );
  await db.query(
    `UPDATE dataset_versions SET status = 'frozen', frozen_at = now(), content_hash = encode(sha256(convert_to(name, 'UTF8')), 'hex'),
            item_count = (SELECT count(*) FROM dataset_version_items WHERE version_id = $1) WHERE id = $1`,
    [v.id],
  );
  return v.id;
}

const taken = (s: RecipeSample) => Object.fromEntries(s.abilities.map((a) => [a.abilityKey, a.taken]));
const idsOf = (s: RecipeSample, key: string) => s.abilities.find((a) => a.abilityKey === key)!.itemIds;
const perAbility = (available: Record<string, number>, n: number) => Object.fromEntries(KEYS.map((k) => [k, Math.min(n, available[k])]));
const MAXIMUM: Record<string, number> = { ...CURATED, ethics: 64, role_play: 64, creative_writing: 1000 };

describe('recipes on a frozen version (real Postgres)', () => {
  let t: TestApp;
  let sampler: RecipeSamplerService;
  let v1: number;

  beforeAll(async () => {
    t = await createTestApp();
    sampler = t.app.get(RecipeSamplerService);
    await insertCorpus(t.db, corpus(), 'corpus-1');
    v1 = await freezeVersion(t.db, 'v1', 'true');
  });
  afterAll(() => t.close());

  /** Every built-in recipe and the exact per-ability counts it must take from this corpus. */
  const EXPECTED: Record<string, Record<string, number>> = {
    ...Object.fromEntries(CURATED_GRID.map((n) => [`curated-${n}`, perAbility(CURATED, n / 10)])),
    ...Object.fromEntries(SYNTHETIC_GRID.map((n) => [`synthetic-${n}`, perAbility(SYNTHETIC, n / 10)])),
    baseline: perAbility(CURATED, 1000),
    // 10000 − 1128 capped = 8872 over seven; cot_math has only 1100, so 7772 over six = 1295 r 2
    reconstruct: {
      biology: 1296,
      chinese: 1296,
      code: 1295,
      cot_math: 1100,
      creative_writing: 1000,
      dialogue_understanding: 1295,
      ethics: 64,
      history: 1295,
      logical_reasoning: 1295,
      role_play: 64,
    },
    maximum: MAXIMUM,
    ...Object.fromEntries(
      SYNTHETIC_GRID.map((k) => {
        // K synthetic spread evenly; at 40960 ethics has 2000 and the others all 4100 (38900 in all)
        const synthetic = k === 40960 ? SYNTHETIC : perAbility(SYNTHETIC, k / 10);
        return [`mix-${k}`, Object.fromEntries(KEYS.map((a) => [a, MAXIMUM[a] + synthetic[a]]))];
      }),
    ),
  };

  it('has a row of expectations for every built-in recipe', async () => {
    const rows: { name: string }[] = await t.db.query(`SELECT name FROM recipes WHERE builtin ORDER BY id`);
    expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.keys(EXPECTED))('%s takes its exact quotas, only from train items of its pool', async (name) => {
    const s = await sampler.sampleTrain(v1, { name }, 7);
    expect(s.recipe).toMatchObject({ name, revision: 1 });
    expect(s.abilities.map((a) => a.abilityKey)).toEqual(KEYS);
    expect(taken(s)).toEqual(EXPECTED[name]);
    for (const a of s.abilities) expect(a.itemIds).toHaveLength(a.taken);

    const ids = s.abilities.flatMap((a) => a.itemIds);
    expect(new Set(ids).size).toBe(ids.length);
    const rows: { key: string; kind: string; split: string; n: number }[] = await t.db.query(
      `SELECT a.key, s.kind, v.split, count(*)::int AS n FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id
       JOIN sources s ON s.id = v.source_id WHERE v.version_id = $1 AND v.item_id = ANY($2::bigint[]) GROUP BY 1, 2, 3`,
      [v1, ids],
    );
    expect(rows.every((r) => r.split === 'train')).toBe(true);
    const kinds = new Set(rows.map((r) => r.kind));
    expect(kinds.has('benchmark')).toBe(false);
    const hasSynthetic = name.startsWith('synthetic-') || name.startsWith('mix-');
    expect(kinds.has('synthetic')).toBe(hasSynthetic);
    expect(kinds.has('curation')).toBe(!name.startsWith('synthetic-'));
    for (const a of s.abilities) {
      expect(rows.filter((r) => r.key === a.abilityKey).reduce((n, r) => n + r.n, 0)).toBe(a.taken);
    }
  });

  it.each([1, 2])('nests curated samples for seed %i: curated-10 ⊂ curated-40 ⊂ … ⊂ curated-10000, as prefixes', async (seed) => {
    const samples = await Promise.all(CURATED_GRID.map((n) => sampler.sampleTrain(v1, { name: `curated-${n}` }, seed)));
    for (let i = 1; i < samples.length; i++) {
      for (const k of KEYS) {
        const smaller = idsOf(samples[i - 1], k);
        expect(idsOf(samples[i], k).slice(0, smaller.length), `${k}: curated-${CURATED_GRID[i - 1]} in curated-${CURATED_GRID[i]}`).toEqual(smaller);
      }
    }
  });

  it('nests the synthetic grid and the mix grid the same way', async () => {
    for (const family of ['synthetic', 'mix']) {
      const samples = await Promise.all(SYNTHETIC_GRID.map((n) => sampler.sampleTrain(v1, { name: `${family}-${n}` }, 3)));
      for (let i = 1; i < samples.length; i++) {
        for (const k of KEYS) {
          // a mix lists its curated ids (the same for every K), then its synthetic ones
          const smaller = idsOf(samples[i - 1], k);
          expect(idsOf(samples[i], k).slice(0, smaller.length), `${k}: ${family}-${SYNTHETIC_GRID[i - 1]}`).toEqual(smaller);
        }
      }
    }
  });

  it('is deterministic for a seed, and another seed draws another sample', async () => {
    const a = await sampler.sampleTrain(v1, { name: 'curated-640' }, 1);
    const again = await sampler.sampleTrain(v1, { name: 'curated-640' }, 1);
    const b = await sampler.sampleTrain(v1, { name: 'curated-640' }, 2);
    expect(again).toEqual(a);
    expect(taken(b)).toEqual(taken(a));
    for (const k of KEYS) {
      const overlap = idsOf(b, k).filter((id) => idsOf(a, k).includes(id)).length;
      // 64 of 1500 drawn twice: a few in common by chance, never most
      if (CURATED[k] > 1000) expect(overlap, k).toBeLessThan(32);
    }
  });

  it('orders items as documented: SHA-256 of "seed:itemId" ascending, the same in Node as in Postgres', async () => {
    const rows: { id: string }[] = await t.db.query(
      `SELECT v.item_id::text AS id FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id JOIN sources s ON s.id = v.source_id
       WHERE v.version_id = $1 AND v.split = 'train' AND a.key = 'history' AND s.kind IN ('curation', 'generic')`,
      [v1],
    );
    const s = await sampler.sampleTrain(v1, { name: 'maximum' }, 11);
    expect(idsOf(s, 'history')).toEqual(sampleOrder(11, rows.map((r) => r.id)));
  });

  it('keeps the relative order of the same items in another version', async () => {
    await insertCorpus(t.db, KEYS.map((k) => ({ ability: k, source: 'doit', split: 'train', n: 200 })), 'corpus-2');
    // v2: a third of v1's items dropped, 200 new ones per ability
    const v2 = await freezeVersion(t.db, 'v2', `id % 3 <> 0`);
    const [s1, s2] = await Promise.all([v1, v2].map((v) => sampler.sampleTrain(v, { name: 'maximum' }, 5)));
    for (const k of ['history', 'code', 'cot_math']) {
      const in2 = new Set(idsOf(s2, k));
      const in1 = new Set(idsOf(s1, k));
      const common1 = idsOf(s1, k).filter((id) => in2.has(id));
      expect(common1.length).toBeGreaterThan(500);
      expect(idsOf(s2, k).filter((id) => in1.has(id))).toEqual(common1);
    }
  });

  it('restricts to the sources a recipe names', async () => {
    const admin = ['Authorization', `Bearer ${await t.tokenFor('admin')}`] as const;
    await t.http
      .post('/api/recipes')
      .set(...admin)
      .send({ name: 'community-only', spec: { pool: 'curated', quotas: { all: true }, sources: ['community'] } })
      .expect(201);
    const s = await sampler.sampleTrain(v1, { name: 'community-only' }, 1);
    expect(taken(s)).toEqual({ ...Object.fromEntries(KEYS.map((k) => [k, 0])), biology: GENERIC_BIOLOGY });
  });

  it('previews counts per ability with shortfalls, per part and in all', async () => {
    const admin = ['Authorization', `Bearer ${await t.tokenFor('admin')}`] as const;
    const res = await t.http.get(`/api/recipes/reconstruct/preview?versionId=${v1}`).set(...admin).expect(200);
    expect(res.body.total).toEqual({ requested: 10000, taken: 10000, shortfall: 0 });
    expect(res.body.abilities.find((a: { abilityKey: string }) => a.abilityKey === 'cot_math')).toEqual({
      abilityKey: 'cot_math',
      available: 1100,
      requested: 1267,
      taken: 1100,
      shortfall: 167,
    });
    expect(res.body.abilities.find((a: { abilityKey: string }) => a.abilityKey === 'biology')).toMatchObject({ requested: 1268, taken: 1296, shortfall: 0 });

    const mix = await t.http.get(`/api/recipes/mix-40960/preview?versionId=${v1}&seed=9`).set(...admin).expect(200);
    expect(mix.body.seed).toBe(9);
    expect(mix.body.parts.map((p: { pool: string }) => p.pool)).toEqual(['curated', 'synthetic']);
    const ethics = mix.body.parts[1].abilities.find((a: { abilityKey: string }) => a.abilityKey === 'ethics');
    expect(ethics).toEqual({ abilityKey: 'ethics', available: 2000, requested: 4096, taken: 2000, shortfall: 2096 });
    expect(mix.body.total).toEqual({ requested: 11228 + 40960, taken: 11228 + 38900, shortfall: 40960 - 38900 });
  });

  it('samples frozen versions only, and says so', async () => {
    const admin = ['Authorization', `Bearer ${await t.tokenFor('admin')}`] as const;
    const [v] = await t.db.query(
      `INSERT INTO dataset_versions (name, split_config, decontamination, status) VALUES ('half-done', '{}', '{}', 'freezing') RETURNING id`,
    );
    const res = await t.http.get(`/api/recipes/curated-10/preview?versionId=${v.id}`).set(...admin).expect(409);
    expect(res.body.message).toMatch(/is freezing; recipes sample frozen versions only/);
    await t.http.get(`/api/recipes/curated-10/preview?versionId=99999`).set(...admin).expect(404);
    const bad = await t.http.get(`/api/recipes/curated-10/preview`).set(...admin).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/versionId/);
    await expect(sampler.sampleTrain(v.id, { name: 'curated-10' }, 1)).rejects.toThrow(/frozen versions only/);
  });
});

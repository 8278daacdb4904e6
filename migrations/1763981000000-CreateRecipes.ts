import type { MigrationInterface, QueryRunner } from 'typeorm';

type Spec = Record<string, unknown>;

/** The DoIT paper's recipe grid (its make_data.py), as first inserted; later changes are new revisions or rows. */
export const CURATED_GRID = [10, 40, 160, 640, 2560, 10000];
export const SYNTHETIC_GRID = [10, 40, 160, 640, 2560, 10240, 40960];
const RECONSTRUCT_CAPS = { ethics: 64, role_play: 64, creative_writing: 1000 };

export const BUILTIN_RECIPES: { name: string; spec: Spec; notes: string }[] = [
  ...CURATED_GRID.map((n) => ({
    name: `curated-${n}`,
    spec: { pool: 'curated', quotas: { perAbility: n / 10 } },
    notes: `${n / 10} curated items per ability`,
  })),
  ...SYNTHETIC_GRID.map((n) => ({
    name: `synthetic-${n}`,
    spec: { pool: 'synthetic', quotas: { perAbility: n / 10 } },
    notes: `${n / 10} synthetic items per ability`,
  })),
  { name: 'baseline', spec: { pool: 'curated', quotas: { perAbility: 1000 } }, notes: 'The same as curated-10000' },
  {
    name: 'reconstruct',
    spec: { pool: 'curated', quotas: { total: 10000, caps: RECONSTRUCT_CAPS } },
    notes: 'ethics and role_play at 64, creative_writing at 1000, the other abilities replenished evenly to 10000 in all',
  },
  {
    name: 'maximum',
    spec: { pool: 'curated', quotas: { all: true, caps: RECONSTRUCT_CAPS } },
    notes: "Reconstruct's caps, every other curated item",
  },
  ...SYNTHETIC_GRID.map((k) => ({
    name: `mix-${k}`,
    spec: { pool: 'curated', quotas: { all: true, caps: RECONSTRUCT_CAPS }, synthetic: { total: k } },
    notes: `maximum plus ${k} synthetic items spread evenly over the abilities`,
  })),
];

/**
 * Recipes: per-ability quotas over a frozen version's train split, stored as data and versioned. An edit inserts
 * the next revision of the same name; built-in rows (the paper's grid) are never edited.
 */
export class CreateRecipes1763981000000 implements MigrationInterface {
  name = 'CreateRecipes1763981000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recipes (
        id serial PRIMARY KEY,
        name text NOT NULL CHECK (name ~ '^[a-z][a-z0-9._-]{0,99}$'),
        revision int NOT NULL CHECK (revision >= 1),
        spec jsonb NOT NULL,
        builtin boolean NOT NULL DEFAULT false,
        notes text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (name, revision)
      )`);
    await q.query(
      `INSERT INTO recipes (name, revision, spec, builtin, notes)
       SELECT e->>'name', 1, e->'spec', true, e->>'notes' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, n) ORDER BY n`,
      [JSON.stringify(BUILTIN_RECIPES)],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recipes`);
  }
}

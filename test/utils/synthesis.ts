import type { DataSource } from 'typeorm';
import { parseTaxonomyJson, taxonomyRevision, type Taxonomy } from '../../server/synthesis/glan';

/** Two disciplines, one named in English and one in Chinese (the Chinese prompts), mapped to Pace abilities. */
export const TWO_DISCIPLINES = {
  fields: [
    { id: 'math', name: 'Mathematics', children: [{ id: 'math-pure', name: 'Pure mathematics', children: [{ id: 'algebra', name: 'Algebra', abilityKey: 'cot_math', children: [] }] }] },
    { id: 'hum', name: '人文', children: [{ id: 'hum-hist', name: '历史学', children: [{ id: 'tang', name: '唐代史', abilityKey: 'history', children: [] }] }] },
  ],
};

/**
 * A taxonomy row and its kept revision, written with SQL (the taxonomy API is another part of issue 15): what a
 * generation run reads.
 */
export async function insertTaxonomy(db: DataSource, name: string, json: unknown = TWO_DISCIPLINES): Promise<{ id: string; revision: string; tree: Taxonomy }> {
  const tree = parseTaxonomyJson(json);
  const revision = taxonomyRevision(tree);
  const [{ id }] = await db.query(`INSERT INTO taxonomies (name, tree, revision) VALUES ($1, $2, $3) RETURNING id`, [name, JSON.stringify(tree), revision]);
  await db.query(`INSERT INTO taxonomy_revisions (taxonomy_id, revision, tree) VALUES ($1, $2, $3)`, [id, revision, JSON.stringify(tree)]);
  return { id, revision, tree };
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FilterSchema, ListQuery } from '../../common/list-query';
import type { Taxonomy } from '../glan/taxonomy';
import type { NodeVote, VoteDecision } from '../glan/taxonomy-review';
import type { TaxonomyLanguage, TaxonomyRevisionSummary, TaxonomyRevisionView, TaxonomySummary, VoteTallies } from './taxonomy-views';

export const TAXONOMY_SORTABLE = ['name', 'language', 'createdAt', 'updatedAt'] as const;
export const TAXONOMY_FILTERS: FilterSchema = { q: 'text', language: { oneOf: ['en', 'zh'] } };
const SORT_COLUMN: Record<(typeof TAXONOMY_SORTABLE)[number], string> = { name: 't.name', language: 't.language', createdAt: 't.created_at', updatedAt: 't.updated_at' };

/** Counts from the tree jsonb: fields, and disciplines (the third level). */
const COUNTS = (tree: string) => `jsonb_array_length(${tree}->'fields') AS "fieldCount",
  (SELECT count(*)::int FROM jsonb_array_elements(${tree}->'fields') f, jsonb_array_elements(f->'children') s, jsonb_array_elements(s->'children') d) AS "disciplineCount"`;
const SUMMARY = `t.id, t.name, t.language, t.revision, ${COUNTS('t.tree')}, t.created_by AS "createdBy", t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

export interface TaxonomyRow extends TaxonomySummary {
  tree: Taxonomy;
}

@Injectable()
export class TaxonomiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Filters: q (a substring of the name, case-insensitive), language. */
  async list(q: ListQuery): Promise<[TaxonomySummary[], number]> {
    const where: string[] = ['true'];
    const params: unknown[] = [];
    if (typeof q.filter.q === 'string' && q.filter.q.trim()) where.push(`strpos(lower(t.name), lower($${params.push(q.filter.q.trim())})) > 0`);
    if (typeof q.filter.language === 'string') where.push(`t.language = $${params.push(q.filter.language)}`);
    const field = SORT_COLUMN[q.sort.field as keyof typeof SORT_COLUMN];
    const rows: (TaxonomySummary & { total: number })[] = await this.db.query(
      `SELECT ${SUMMARY}, count(*) OVER ()::int AS total FROM taxonomies t WHERE ${where.join(' AND ')}
       ORDER BY ${field} ${q.sort.order}, t.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && q.offset > 0) total = (await this.db.query(`SELECT count(*)::int AS n FROM taxonomies t WHERE ${where.join(' AND ')}`, params))[0].n;
    return [rows.map(({ total: _, ...r }) => r), total];
  }

  async find(id: string, m: EntityManager | DataSource = this.db): Promise<TaxonomyRow | null> {
    const [row] = await m.query(`SELECT ${SUMMARY}, t.tree FROM taxonomies t WHERE t.id = $1`, [id]);
    return row ?? null;
  }

  /** The row locked for an edit (the edit's transaction serialises writers of one taxonomy). */
  async lock(m: EntityManager, id: string): Promise<TaxonomyRow | null> {
    const [row] = await m.query(`SELECT ${SUMMARY}, t.tree FROM taxonomies t WHERE t.id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async nameTaken(name: string, exceptId?: string, m: EntityManager | DataSource = this.db): Promise<boolean> {
    const [row] = await m.query(`SELECT 1 FROM taxonomies WHERE name = $1 AND id IS DISTINCT FROM $2::uuid`, [name, exceptId ?? null]);
    return row !== undefined;
  }

  async insert(m: EntityManager, t: { name: string; language: TaxonomyLanguage; tree: Taxonomy; revision: string; createdBy: string | null }): Promise<string> {
    const [row] = await m.query(`INSERT INTO taxonomies (name, language, tree, revision, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
      t.name,
      t.language,
      JSON.stringify(t.tree),
      t.revision,
      t.createdBy,
    ]);
    return row.id;
  }

  async saveTree(m: EntityManager, id: string, tree: Taxonomy, revision: string): Promise<void> {
    await m.query(`UPDATE taxonomies SET tree = $2, revision = $3, updated_at = now() WHERE id = $1`, [id, JSON.stringify(tree), revision]);
  }

  async rename(m: EntityManager, id: string, name: string, language: TaxonomyLanguage): Promise<void> {
    await m.query(`UPDATE taxonomies SET name = $2, language = $3, updated_at = now() WHERE id = $1`, [id, name, language]);
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query(`DELETE FROM taxonomies WHERE id = $1`, [id]);
  }

  /**
   * Keeps a saved tree. The revision hashes content with siblings sorted, so a reorder among siblings saves the same
   * revision: the first tree saved under it is kept.
   */
  async insertRevision(m: EntityManager, id: string, revision: string, tree: Taxonomy, createdBy: string | null): Promise<void> {
    await m.query(
      `INSERT INTO taxonomy_revisions (taxonomy_id, revision, tree, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (taxonomy_id, revision) DO NOTHING`,
      [id, revision, JSON.stringify(tree), createdBy],
    );
  }

  async revisions(id: string): Promise<TaxonomyRevisionSummary[]> {
    return this.db.query(
      `SELECT r.revision, ${COUNTS('r.tree')}, r.created_by AS "createdBy", r.created_at AS "createdAt"
         FROM taxonomy_revisions r WHERE r.taxonomy_id = $1 ORDER BY r.created_at DESC, r.revision`,
      [id],
    );
  }

  async revision(id: string, revision: string): Promise<TaxonomyRevisionView | null> {
    const [row] = await this.db.query(
      `SELECT r.revision, r.tree, ${COUNTS('r.tree')}, r.created_by AS "createdBy", r.created_at AS "createdAt"
         FROM taxonomy_revisions r WHERE r.taxonomy_id = $1 AND r.revision = $2`,
      [id, revision],
    );
    return row ?? null;
  }

  /** Generation runs that name this taxonomy: its kept revisions are the trees they used. */
  async generationRuns(m: EntityManager, id: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM synthesis_runs WHERE taxonomy_id = $1 AND kind = 'generation'`, [id]);
    return row.n;
  }

  async abilityExists(key: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT 1 FROM abilities WHERE key = $1`, [key]);
    return row !== undefined;
  }

  // votes

  async tallies(id: string, userId: string | null): Promise<VoteTallies> {
    const rows: { nodeId: string; keep: number; remove: number; mine: VoteDecision | null }[] = await this.db.query(
      `SELECT node_id AS "nodeId", count(*) FILTER (WHERE decision = 'keep')::int AS keep, count(*) FILTER (WHERE decision = 'remove')::int AS remove,
              max(decision) FILTER (WHERE user_id = $2::uuid) AS mine
         FROM taxonomy_votes WHERE taxonomy_id = $1 GROUP BY node_id`,
      [id, userId],
    );
    return Object.fromEntries(rows.map(({ nodeId, ...t }) => [nodeId, t]));
  }

  async upsertVote(m: EntityManager, id: string, nodeId: string, userId: string, decision: VoteDecision): Promise<VoteDecision | null> {
    const [before] = await m.query(`SELECT decision FROM taxonomy_votes WHERE taxonomy_id = $1 AND node_id = $2 AND user_id = $3`, [id, nodeId, userId]);
    await m.query(
      `INSERT INTO taxonomy_votes (taxonomy_id, node_id, user_id, decision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (taxonomy_id, node_id, user_id) DO UPDATE SET decision = EXCLUDED.decision, created_at = now()`,
      [id, nodeId, userId, decision],
    );
    return before?.decision ?? null;
  }

  async deleteVote(m: EntityManager, id: string, nodeId: string, userId: string): Promise<VoteDecision | null> {
    const [rows] = await m.query(`DELETE FROM taxonomy_votes WHERE taxonomy_id = $1 AND node_id = $2 AND user_id = $3 RETURNING decision`, [id, nodeId, userId]);
    return (rows as { decision: VoteDecision }[])[0]?.decision ?? null;
  }

  async votes(m: EntityManager, id: string): Promise<NodeVote[]> {
    return m.query(`SELECT node_id AS "nodeId", user_id::text AS voter, decision FROM taxonomy_votes WHERE taxonomy_id = $1 ORDER BY created_at`, [id]);
  }

  /** Votes on nodes that are gone (removed by the vote, or deleted): no longer counted anywhere. */
  async deleteVotesOn(m: EntityManager, id: string, nodeIds: string[]): Promise<void> {
    if (nodeIds.length) await m.query(`DELETE FROM taxonomy_votes WHERE taxonomy_id = $1 AND node_id = ANY($2::text[])`, [id, nodeIds]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import type { Recipe, RecipeWithRevisions } from './recipe';
import type { RecipeSpec } from './recipe-spec';

export const RECIPE_SORTABLE = ['id', 'name', 'createdAt'] as const;
export const RECIPE_FILTERS: FilterSchema = { builtin: 'boolean', q: 'text' };
const SORT_COLUMN: Record<(typeof RECIPE_SORTABLE)[number], string> = { id: 'r.id', name: 'r.name', createdAt: 'r.created_at' };
const COLUMNS = `r.id, r.name, r.revision, r.spec, r.builtin, r.notes, r.created_by AS "createdBy", r.created_at AS "createdAt"`;

@Injectable()
export class RecipesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The latest revision of each recipe; filters: builtin, q (a substring of the name). */
  async listLatest(q: ListQuery): Promise<[Recipe[], number]> {
    const where: string[] = ['NOT EXISTS (SELECT 1 FROM recipes n WHERE n.name = r.name AND n.revision > r.revision)'];
    const params: unknown[] = [];
    if (typeof q.filter.builtin === 'boolean') where.push(`r.builtin = $${params.push(q.filter.builtin)}`);
    if (typeof q.filter.q === 'string' && q.filter.q.trim()) where.push(`strpos(r.name, $${params.push(q.filter.q.trim().toLowerCase())}) > 0`);
    const field = SORT_COLUMN[q.sort.field as keyof typeof SORT_COLUMN];
    const rows: (Recipe & { total: number })[] = await this.db.query(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM recipes r WHERE ${where.join(' AND ')}
       ORDER BY ${field} ${q.sort.order}, r.id LIMIT ${q.limit} OFFSET ${q.offset}`,
      params,
    );
    const total = rows[0]?.total ?? (q.offset > 0 ? await this.countLatest(where, params) : 0);
    return [rows.map(({ total: _, ...r }) => r), total];
  }

  private async countLatest(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM recipes r WHERE ${where.join(' AND ')}`, params);
    return row.n;
  }

  async findById(id: number): Promise<Recipe | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM recipes r WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  /** The given revision of `name`, or its latest. */
  async findByName(name: string, revision?: number): Promise<Recipe | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM recipes r WHERE r.name = $1 AND ($2::int IS NULL OR r.revision = $2) ORDER BY r.revision DESC LIMIT 1`,
      [name, revision ?? null],
    );
    return row ?? null;
  }

  async withRevisions(recipe: Recipe): Promise<RecipeWithRevisions> {
    const revisions: RecipeWithRevisions['revisions'] = await this.db.query(
      `SELECT id, revision, notes, created_by AS "createdBy", created_at AS "createdAt" FROM recipes WHERE name = $1 ORDER BY revision DESC`,
      [recipe.name],
    );
    return { ...recipe, latestRevision: revisions[0].revision, revisions };
  }


  /** The latest revision number of `name`, holding a lock that serializes revisions of that name. */
  async lockLatestRevision(m: EntityManager, name: string): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('recipes:' || $1, 0))`, [name]);
    const [row] = await m.query(`SELECT max(revision)::int AS rev FROM recipes WHERE name = $1`, [name]);
    return row.rev ?? 0;
  }

  async insert(m: EntityManager, r: { name: string; revision: number; spec: RecipeSpec; notes: string; createdBy: string | null }): Promise<Recipe> {
    const [row] = await m.query(
      `INSERT INTO recipes AS r (name, revision, spec, notes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [r.name, r.revision, JSON.stringify(r.spec), r.notes, r.createdBy],
    );
    return row;
  }
}

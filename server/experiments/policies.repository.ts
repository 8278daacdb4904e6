import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HyperParams, PolicyView } from './experiment-views';

const SELECT = `
  SELECT p.id, p.name, p.base_model_id AS "baseModelId", b.name AS "baseModelName", p.recipes, p.hyper_params AS "hyperParams",
         p.seed, p.enabled, (SELECT count(*) FROM experiments x WHERE x.policy_id = p.id)::int AS experiments,
         p.created_at AS "createdAt", p.updated_at AS "updatedAt"
    FROM experiment_policies p JOIN base_models b ON b.id = p.base_model_id`;

type Row = Omit<PolicyView, 'createdAt' | 'updatedAt'> & { createdAt: Date; updatedAt: Date };

function view(r: Row): PolicyView {
  return { ...r, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString() };
}

export interface PolicyFields {
  name: string;
  baseModelId: number;
  recipes: string[];
  hyperParams: Partial<HyperParams>;
  seed: number;
  enabled: boolean;
}

@Injectable()
export class PoliciesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** null when the name is taken. */
  async insert(p: PolicyFields, createdBy: string | null): Promise<number | null> {
    const rows = await this.db.query(
      `INSERT INTO experiment_policies (name, base_model_id, recipes, hyper_params, seed, enabled, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [p.name, p.baseModelId, p.recipes, JSON.stringify(p.hyperParams), p.seed, p.enabled, createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async find(id: number): Promise<PolicyView | null> {
    const [row] = await this.db.query(`${SELECT} WHERE p.id = $1`, [id]);
    return row ? view(row) : null;
  }

  async list(): Promise<PolicyView[]> {
    const rows = await this.db.query(`${SELECT} ORDER BY p.name`);
    return rows.map(view);
  }

  async enabled(): Promise<PolicyView[]> {
    const rows = await this.db.query(`${SELECT} WHERE p.enabled ORDER BY p.id`);
    return rows.map(view);
  }

  /** false when another policy has the name. */
  async update(id: number, p: PolicyFields): Promise<boolean> {
    const taken = await this.db.query(`SELECT 1 FROM experiment_policies WHERE name = $1 AND id <> $2`, [p.name, id]);
    if (taken.length) return false;
    await this.db.query(
      `UPDATE experiment_policies SET name = $2, base_model_id = $3, recipes = $4, hyper_params = $5, seed = $6, enabled = $7, updated_at = now()
        WHERE id = $1`,
      [id, p.name, p.baseModelId, p.recipes, JSON.stringify(p.hyperParams), p.seed, p.enabled],
    );
    return true;
  }

  /** Its experiments stay (policy_id is set to null). */
  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM experiment_policies WHERE id = $1`, [id]);
  }
}

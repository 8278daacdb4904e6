import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BaseModelView } from './experiment-views';

const COLUMNS = `id, name, path, parameters, notes, created_at AS "createdAt"`;

type Row = Omit<BaseModelView, 'createdAt' | 'parameters'> & { parameters: string | null; createdAt: Date };

function view(r: Row): BaseModelView {
  return { ...r, parameters: r.parameters === null ? null : Number(r.parameters), createdAt: new Date(r.createdAt).toISOString() };
}

@Injectable()
export class BaseModelsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** null when the name is taken. */
  async insert(m: { name: string; path: string; parameters: number | null; notes: string; createdBy: string | null }): Promise<BaseModelView | null> {
    const rows = await this.db.query(
      `INSERT INTO base_models (name, path, parameters, notes, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [m.name, m.path, m.parameters, m.notes, m.createdBy],
    );
    return rows[0] ? view(rows[0]) : null;
  }

  async find(id: number): Promise<(BaseModelView & { path: string }) | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM base_models WHERE id = $1`, [id]);
    return row ? view(row) : null;
  }

  async findByName(name: string): Promise<BaseModelView | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM base_models WHERE name = $1`, [name]);
    return row ? view(row) : null;
  }

  async list(): Promise<BaseModelView[]> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM base_models ORDER BY name`);
    return rows.map(view);
  }

  /** How many experiments and policies use it (a used model is kept). */
  async usage(id: number): Promise<{ experiments: number; policies: number }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*) FROM experiments WHERE base_model_id = $1)::int AS experiments,
              (SELECT count(*) FROM experiment_policies WHERE base_model_id = $1)::int AS policies`,
      [id],
    );
    return row;
  }

  async delete(id: number): Promise<void> {
    await this.db.query(`DELETE FROM base_models WHERE id = $1`, [id]);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FilterSchema, ListQuery } from '../common/list-query';
import type { ExperimentProgress, ExperimentStatus, HyperParams } from '../experiments/experiment-views';
import type { RunRefColumns } from '../experiments/experiment-row';
import type { StudyRequest } from './study-request';
import type { StudyTemplate } from './study-views';

export interface StudyRow {
  id: number;
  name: string;
  template: StudyTemplate;
  versionId: number | null;
  versionName: string | null;
  followVersions: boolean;
  baseModelIds: number[];
  recipes: string[];
  seeds: number[];
  hyperParams: Partial<HyperParams>;
  probeItems: number | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface StudyRunRow extends RunRefColumns {
  experimentId: string;
  name: string;
  seed: number;
  status: ExperimentStatus;
  progress: Partial<ExperimentProgress>;
  hyperParams: HyperParams;
  reused: boolean;
  probeAbility: string | null;
}

const STUDY = `
  SELECT s.id, s.name, s.template, s.version_id AS "versionId", v.name AS "versionName", s.follow_versions AS "followVersions",
         s.base_model_ids AS "baseModelIds", s.recipes, s.seeds, s.hyper_params AS "hyperParams", s.probe_items AS "probeItems",
         s.created_by AS "createdBy", u.name AS "createdByName", s.created_at AS "createdAt"
    FROM studies s LEFT JOIN dataset_versions v ON v.id = s.version_id LEFT JOIN users u ON u.id = s.created_by`;

export const STUDY_SORTABLE = ['createdAt', 'name'] as const;
/** Studies are listed whole: no filter field. */
export const STUDY_FILTERS: FilterSchema = {};
const STUDY_SORT: Record<(typeof STUDY_SORTABLE)[number], string> = { createdAt: 's.created_at', name: 's.name' };

/** Studies, the runs they link, their foundation evaluations and the policies following studies own. */
@Injectable()
export class StudiesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** null when the name is taken. */
  async insert(s: StudyRequest, createdBy: string | null): Promise<number | null> {
    const rows = await this.db.query(
      `INSERT INTO studies (name, template, version_id, follow_versions, base_model_ids, recipes, seeds, hyper_params, probe_items, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [s.name, s.template, s.versionId, s.followVersions, s.baseModelIds, s.recipes, s.seeds, JSON.stringify(s.hyperParams), s.probeItems, createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async find(id: number): Promise<StudyRow | null> {
    const [row] = await this.db.query(`${STUDY} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  async findByName(name: string): Promise<StudyRow | null> {
    const [row] = await this.db.query(`${STUDY} WHERE s.name = $1`, [name]);
    return row ?? null;
  }

  async list(q: ListQuery): Promise<[StudyRow[], number]> {
    const order = `${STUDY_SORT[q.sort.field as (typeof STUDY_SORTABLE)[number]]} ${q.sort.order}, s.id ${q.sort.order}`;
    const rows = await this.db.query(`${STUDY} ORDER BY ${order} OFFSET ${q.offset} LIMIT ${q.limit}`);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM studies`);
    return [rows, n];
  }

  async addBaseModel(id: number, baseModelId: number): Promise<void> {
    await this.db.query(`UPDATE studies SET base_model_ids = base_model_ids || $2::int WHERE id = $1 AND NOT ($2 = ANY(base_model_ids))`, [id, baseModelId]);
  }

  async addRecipe(id: number, recipe: string): Promise<void> {
    await this.db.query(`UPDATE studies SET recipes = recipes || $2::text WHERE id = $1 AND NOT ($2 = ANY(recipes))`, [id, recipe]);
  }

  /** Links a run; a run linked already keeps its first link (its `reused` says how the study first got it). */
  async linkRun(studyId: number, experimentId: string, reused: boolean, probeAbility: string | null): Promise<void> {
    await this.db.query(
      `INSERT INTO study_runs (study_id, experiment_id, reused, probe_ability) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [studyId, experimentId, reused, probeAbility],
    );
  }

  async runs(studyId: number): Promise<StudyRunRow[]> {
    return this.db.query(
      `SELECT x.id AS "experimentId", x.name, x.base_model_id AS "baseModelId", b.name AS "baseModelName", b.parameters AS "baseModelParameters",
              x.version_id AS "versionId", v.name AS "versionName", x.recipe_id AS "recipeId", x.recipe_name AS "recipeName",
              r.revision AS "recipeRevision", x.seed, x.status, x.progress, x.hyper_params AS "hyperParams",
              sr.reused, sr.probe_ability AS "probeAbility"
         FROM study_runs sr
         JOIN experiments x ON x.id = sr.experiment_id
         JOIN base_models b ON b.id = x.base_model_id
         JOIN dataset_versions v ON v.id = x.version_id
         LEFT JOIN recipes r ON r.id = x.recipe_id
        WHERE sr.study_id = $1
        ORDER BY v.id, b.name, x.recipe_name NULLS FIRST, x.seed, x.created_at`,
      [studyId],
    );
  }

  /** The study's runs in the order they were registered. */
  async experimentIds(studyId: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT x.id FROM study_runs sr JOIN experiments x ON x.id = sr.experiment_id WHERE sr.study_id = $1 ORDER BY x.created_at, x.id`,
      [studyId],
    );
    return rows.map((r) => r.id);
  }

  /** A probe study's runs and the ability each is trained on alone. */
  async probeAbilities(studyId: number): Promise<Map<string, string>> {
    const rows: { id: string; ability: string }[] = await this.db.query(
      `SELECT experiment_id AS id, probe_ability AS ability FROM study_runs WHERE study_id = $1 AND probe_ability IS NOT NULL ORDER BY probe_ability`,
      [studyId],
    );
    return new Map(rows.map((r) => [r.id, r.ability]));
  }

  /** The studies a run belongs to. */
  async studiesOfRun(experimentId: string): Promise<number[]> {
    const rows: { id: number }[] = await this.db.query(`SELECT study_id AS id FROM study_runs WHERE experiment_id = $1 ORDER BY study_id`, [experimentId]);
    return rows.map((r) => r.id);
  }

  /** Runs of this study that are queued or running, that it registered itself, and that no other study links. */
  async ownActiveRuns(studyId: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT x.id FROM study_runs sr JOIN experiments x ON x.id = sr.experiment_id
        WHERE sr.study_id = $1 AND NOT sr.reused AND x.status IN ('queued', 'running')
          AND NOT EXISTS (SELECT 1 FROM study_runs o WHERE o.experiment_id = sr.experiment_id AND o.study_id <> sr.study_id)
        ORDER BY x.created_at`,
      [studyId],
    );
    return rows.map((r) => r.id);
  }

  async linkPolicy(studyId: number, policyId: number): Promise<void> {
    await this.db.query(`INSERT INTO study_policies (study_id, policy_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [studyId, policyId]);
  }

  async policies(studyId: number): Promise<number[]> {
    const rows: { id: number }[] = await this.db.query(`SELECT policy_id AS id FROM study_policies WHERE study_id = $1 ORDER BY policy_id`, [studyId]);
    return rows.map((r) => r.id);
  }

  async studyOfPolicy(policyId: number): Promise<number | null> {
    const [row] = await this.db.query(`SELECT study_id AS id FROM study_policies WHERE policy_id = $1`, [policyId]);
    return row?.id ?? null;
  }

  /** Links the runs the study's policies queued that are not linked yet (a process without the studies module queued them). */
  async linkPolicyRuns(studyId: number): Promise<number> {
    const rows = await this.db.query(
      `INSERT INTO study_runs (study_id, experiment_id, reused)
       SELECT p.study_id, x.id, false FROM study_policies p JOIN experiments x ON x.policy_id = p.policy_id WHERE p.study_id = $1
       ON CONFLICT DO NOTHING RETURNING experiment_id`,
      [studyId],
    );
    return rows.length;
  }

  async linkFoundation(studyId: number, baseModelId: number, evaluationId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO study_foundations (study_id, base_model_id, evaluation_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [studyId, baseModelId, evaluationId],
    );
  }

  async foundations(studyId: number): Promise<{ baseModelId: number; evaluationId: string; status: ExperimentStatus }[]> {
    return this.db.query(
      `SELECT f.base_model_id AS "baseModelId", f.evaluation_id AS "evaluationId", e.status
         FROM study_foundations f JOIN evaluations e ON e.id = f.evaluation_id WHERE f.study_id = $1 ORDER BY f.base_model_id`,
      [studyId],
    );
  }

  async baseModels(ids: number[]): Promise<{ id: number; name: string; parameters: number | null }[]> {
    const rows: { id: number; name: string; parameters: string | null }[] = await this.db.query(
      `SELECT id, name, parameters FROM base_models WHERE id = ANY($1) ORDER BY array_position($1, id)`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, parameters: r.parameters === null ? null : Number(r.parameters) }));
  }

  /** A dataset version by id or name. */
  async version(ref: number | string): Promise<{ id: number; name: string; status: string } | null> {
    const [row] = await this.db.query(`SELECT id, name, status FROM dataset_versions WHERE ${typeof ref === 'number' ? 'id = $1' : 'name = $1'}`, [ref]);
    return row ?? null;
  }

  async synthesisSourceExists(): Promise<boolean> {
    const [row] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM sources WHERE kind = 'synthetic') AS yes`);
    return row.yes;
  }

  /** The abilities a version has curated train items of (what a probe study trains one run on each). */
  async curatedTrainAbilities(versionId: number, kinds: string[]): Promise<string[]> {
    const rows: { key: string }[] = await this.db.query(
      `SELECT a.key FROM dataset_version_items v JOIN abilities a ON a.id = v.ability_id JOIN sources s ON s.id = v.source_id
        WHERE v.version_id = $1 AND v.split = 'train' AND s.kind = ANY($2) GROUP BY a.key ORDER BY a.key COLLATE "C"`,
      [versionId, kinds],
    );
    return rows.map((r) => r.key);
  }
}

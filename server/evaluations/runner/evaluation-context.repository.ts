import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HyperParams } from '../../experiments/experiment-views';

/** What an evaluation runs on: the model folder, the frozen version it draws its items from, and the run's settings. */
export interface EvaluationContext {
  experimentId: string;
  experimentName: string;
  versionId: number;
  versionStatus: string;
  hyperParams: Partial<HyperParams>;
  baseModelId: number;
  baseModelPath: string;
  /** null for the base model's own evaluation (epoch 0) */
  checkpoint: { id: number; epoch: number; path: string; onnxPath: string | null } | null;
}

@Injectable()
export class EvaluationContextRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(experimentId: string, checkpointId: number | null): Promise<EvaluationContext | null> {
    const [x] = await this.db.query(
      `SELECT x.id AS "experimentId", x.name AS "experimentName", x.version_id AS "versionId", v.status AS "versionStatus",
              x.hyper_params AS "hyperParams", b.id AS "baseModelId", b.path AS "baseModelPath"
         FROM experiments x JOIN base_models b ON b.id = x.base_model_id JOIN dataset_versions v ON v.id = x.version_id
        WHERE x.id = $1`,
      [experimentId],
    );
    if (!x) return null;
    let checkpoint: EvaluationContext['checkpoint'] = null;
    if (checkpointId !== null) {
      [checkpoint] = await this.db.query(
        `SELECT id, epoch, path, onnx_path AS "onnxPath" FROM checkpoints WHERE id = $1 AND experiment_id = $2`,
        [checkpointId, experimentId],
      );
      if (!checkpoint) return null;
    }
    return { ...x, checkpoint };
  }

  async checkpointAt(experimentId: string, epoch: number): Promise<{ id: number } | null> {
    const [row] = await this.db.query(`SELECT id FROM checkpoints WHERE experiment_id = $1 AND epoch = $2`, [experimentId, epoch]);
    return row ?? null;
  }

  async experiment(experimentId: string): Promise<{ id: string; baseModelId: number; hyperParams: Partial<HyperParams> } | null> {
    const [row] = await this.db.query(
      `SELECT id, base_model_id AS "baseModelId", hyper_params AS "hyperParams" FROM experiments WHERE id = $1`,
      [experimentId],
    );
    return row ?? null;
  }

  async recordOnnxPath(checkpointId: number, onnxPath: string): Promise<void> {
    await this.db.query(`UPDATE checkpoints SET onnx_path = $2 WHERE id = $1`, [checkpointId, onnxPath]);
  }
}

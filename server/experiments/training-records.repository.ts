import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CheckpointView, TrainingStepView } from './experiment-views';

export interface StepRecord {
  step: number;
  epoch: number;
  loss: number;
  lr: number;
  tokensPerSecond: number | null;
}

/** A run's training curve (one row per optimizer step) and its checkpoints (one per epoch). */
@Injectable()
export class TrainingRecordsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A resumed run replays the steps after its last checkpoint: those rows are replaced. */
  async saveSteps(experimentId: string, steps: StepRecord[]): Promise<void> {
    if (!steps.length) return;
    await this.db.query(
      `INSERT INTO training_steps (experiment_id, step, epoch, loss, lr, tokens_per_second)
       SELECT $1, s.step, s.epoch, s.loss, s.lr, s.tps
         FROM unnest($2::int[], $3::real[], $4::real[], $5::real[], $6::real[]) AS s(step, epoch, loss, lr, tps)
       ON CONFLICT (experiment_id, step) DO UPDATE
          SET epoch = EXCLUDED.epoch, loss = EXCLUDED.loss, lr = EXCLUDED.lr, tokens_per_second = EXCLUDED.tokens_per_second, at = now()`,
      [experimentId, steps.map((s) => s.step), steps.map((s) => s.epoch), steps.map((s) => s.loss), steps.map((s) => s.lr), steps.map((s) => s.tokensPerSecond)],
    );
  }

  async steps(experimentId: string, after: number, limit = 10_000): Promise<TrainingStepView[]> {
    const rows = await this.db.query(
      `SELECT step, epoch, loss, lr, tokens_per_second AS "tokensPerSecond", at FROM training_steps
        WHERE experiment_id = $1 AND step > $2 ORDER BY step LIMIT $3`,
      [experimentId, after, limit],
    );
    return rows.map((r: TrainingStepView & { at: Date }) => ({ ...r, at: new Date(r.at).toISOString() }));
  }

  /** Records a checkpoint (again, after a resume: same row) and returns its id. */
  async saveCheckpoint(experimentId: string, c: { epoch: number; step: number; path: string }): Promise<number> {
    const [row] = await this.db.query(
      `INSERT INTO checkpoints (experiment_id, epoch, step, path) VALUES ($1, $2, $3, $4)
       ON CONFLICT (experiment_id, epoch) DO UPDATE SET step = EXCLUDED.step, path = EXCLUDED.path RETURNING id`,
      [experimentId, c.epoch, c.step, c.path],
    );
    return row.id;
  }

  async checkpoints(experimentId: string): Promise<Array<CheckpointView & { id: number }>> {
    const rows = await this.db.query(
      `SELECT id, epoch, step, path, onnx_path AS "onnxPath", created_at AS "createdAt" FROM checkpoints
        WHERE experiment_id = $1 ORDER BY epoch`,
      [experimentId],
    );
    return rows.map((r: CheckpointView & { id: number; createdAt: Date }) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }
}

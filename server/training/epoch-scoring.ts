import type { Logger } from '@nestjs/common';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExperimentRow } from '../experiments/experiment-row';
import type { CheckpointEvaluator } from './checkpoint-evaluator';
import type { TrainConfig } from './train-process';
import { EVAL_REQUESTS_FILE, requestFileText } from './trainer-protocol';

/**
 * A torch run's checkpoints scored inside the training run. Before the trainer starts, the requests of the
 * checkpoints' evaluation go to `<outputDir>/eval-requests.jsonl`; the trainer answers them with the model in memory
 * after each checkpoint and says `scored`; the checkpoint's evaluation then runs at once, in this process, from those
 * answers (no model, no job slot), while the next epoch trains. Without them, each evaluate job scores its checkpoint.
 */
export class EpochScoring {
  private readonly evaluations = new Map<number, string>();
  private readonly running: Array<Promise<void>> = [];

  constructor(
    private readonly evaluator: CheckpointEvaluator,
    private readonly note: (text: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Writes the request file; returns the trainer's `scoreAfterEpoch`, or undefined when the trainer scores nothing. */
  async prepare(row: ExperimentRow, dir: string): Promise<TrainConfig['scoreAfterEpoch']> {
    if (row.hyperParams.evalBackend !== 'torch') return undefined;
    let requests;
    try {
      requests = await this.evaluator.planCheckpointRequests(row.id);
    } catch (e) {
      await this.note(`checkpoints are not scored in the trainer: planning their evaluation failed (${(e as Error).message}); each evaluate job scores its checkpoint`);
      return undefined;
    }
    if (!requests.length) return undefined; // nothing to score: the evaluation itself will say why
    const file = join(dir, EVAL_REQUESTS_FILE);
    await writeFile(file, requestFileText(requests));
    return { requests: file };
  }

  /** The checkpoint of `epoch` was queued for evaluation as `evaluationId`. */
  queued(epoch: number, evaluationId: string): void {
    this.evaluations.set(epoch, evaluationId);
  }

  /** The trainer scored `epoch`: its evaluation runs now, in the background (the trainer's events keep flowing). */
  scored(epoch: number): void {
    const evaluationId = this.evaluations.get(epoch);
    if (!evaluationId) return;
    const started = Date.now();
    this.running.push(
      this.evaluator.scoreFromTrainerResults(evaluationId).then(
        (ran) => this.note(ran
          ? `epoch ${epoch} evaluated from the trainer's answers in ${Date.now() - started} ms (evaluation ${evaluationId})`
          : `epoch ${epoch}: the trainer's answers were not used (stale, or its evaluation is taken or done); its evaluate job scores it`),
        (e: Error) => this.logger.warn(`evaluating epoch ${epoch} from the trainer's answers (evaluation ${evaluationId}): ${e.message}`),
      ),
    );
  }

  /** Waits for the evaluations started here (a run ends after its checkpoints' scores are stored). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.running);
  }
}

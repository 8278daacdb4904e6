import type { ExperimentEvents } from '../experiments/experiment-events';
import type { ExperimentProgress, ExperimentStatus } from '../experiments/experiment-views';
import type { ExperimentsRepository } from '../experiments/experiments.repository';
import type { StepRecord, TrainingRecordsRepository } from '../experiments/training-records.repository';

/** Steps are written in batches and progress at most this often (a tiny model makes dozens of steps a second). */
const FLUSH_EVERY_MS = 1000;
const MAX_BATCH = 200;

/**
 * Records one run's stream: step rows in batches (`training_steps` + `experiment.steps`), progress throttled
 * (`experiments.progress` + `experiment.progress`), and a heartbeat. Each write reads the run's status back, so a
 * cancel is seen within a second of a step or at the next heartbeat.
 */
export class RunRecorder {
  private pending: StepRecord[] = [];
  private progress: Partial<ExperimentProgress> = {};
  private lastFlush = 0;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly experimentId: string,
    private readonly repo: ExperimentsRepository,
    private readonly records: TrainingRecordsRepository,
    private readonly events: ExperimentEvents,
    private readonly publishView: () => Promise<void>,
    private readonly onStatus: (status: ExperimentStatus | null) => void,
  ) {}

  update(progress: Partial<ExperimentProgress>): void {
    Object.assign(this.progress, progress);
  }

  async step(s: StepRecord, progress: Partial<ExperimentProgress>): Promise<void> {
    this.pending.push(s);
    this.update(progress);
    if (this.pending.length >= MAX_BATCH || Date.now() - this.lastFlush >= FLUSH_EVERY_MS) await this.flush();
  }

  /** Writes what is pending now (one write at a time; a heartbeat and a step never interleave). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    this.lastFlush = Date.now();
    const steps = this.pending;
    this.pending = [];
    await this.records.saveSteps(this.experimentId, steps);
    const progress = this.progress;
    this.progress = {};
    this.onStatus(await this.repo.heartbeat(this.experimentId, Object.keys(progress).length ? progress : undefined));
    if (steps.length) {
      const at = new Date().toISOString();
      await this.events.steps(this.experimentId, steps.map((s) => ({ ...s, at })));
    }
    if (steps.length || Object.keys(progress).length) await this.publishView();
  }
}

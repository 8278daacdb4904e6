import type { GenerationStage, RunProgress, RunUsage } from '../synthesis-contract';

export interface Spent {
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export type WorkStage = 'subjects' | 'syllabi' | 'questions' | 'answers';
const WORK_STAGES: WorkStage[] = ['subjects', 'syllabi', 'questions', 'answers'];

/**
 * A generation run's counters (RunProgress: per stage, nodes planned / done = committed / failed; calls in flight;
 * RunUsage). Plans grow as the tree is discovered: a discipline's syllabi are planned once its subjects are known.
 */
export class GenerationProgress {
  readonly progress: Required<Pick<RunProgress, WorkStage>> & RunProgress;
  readonly usage: RunUsage;

  constructor(usage: RunUsage) {
    this.progress = { subjects: zero(), syllabi: zero(), questions: zero(), answers: zero(), inFlight: 0 };
    this.usage = { ...usage };
  }

  plan(stage: WorkStage, n: number): void {
    this.progress[stage].planned += n;
  }

  done(stage: WorkStage, spent?: Spent): void {
    this.progress[stage].done++;
    this.spend(spent);
  }

  /** A node that could not be made or parsed (listed in the run's failures); what its calls cost still counts. */
  failed(stage: WorkStage, spent?: Spent): void {
    this.progress[stage].failed++;
    this.spend(spent);
  }

  private spend(spent: Spent | undefined): void {
    if (spent) {
      this.usage.calls += spent.calls;
      this.usage.promptTokens += spent.promptTokens;
      this.usage.completionTokens += spent.completionTokens;
      this.usage.costUsd += spent.costUsd;
    }
  }

  /** The first stage with work left (the one a user waits on); `answers` once all is settled. */
  stage(): GenerationStage {
    return WORK_STAGES.find((s) => this.progress[s].done + this.progress[s].failed < this.progress[s].planned) ?? 'answers';
  }
}

function zero() {
  return { planned: 0, done: 0, failed: 0 };
}

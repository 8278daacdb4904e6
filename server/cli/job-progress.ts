import { SingleBar } from 'cli-progress';

/** One look at a job: where the bar stands, the values its format names, and whatever the caller wants back. */
export interface ProgressSample {
  percent: number;
  payload: object;
}

export interface ProgressBarJob<S extends ProgressSample> {
  /** cli-progress format; `{bar}` and `{percentage}` are the bar's own, the rest come from the payload. */
  format: string;
  initialPayload: object;
  poll: () => Promise<S>;
  /** Runs the job in this process to its end (done, cancelled or failed). */
  run: () => Promise<unknown>;
  /** Asks the job's service to stop it; the running job notices and winds down. */
  cancel: () => Promise<unknown>;
}

/**
 * Runs a job in this process under a progress bar polled every 200 ms. The first Ctrl-C cancels the job through its
 * service (so it can be resumed), a second one exits 130 at once. Returns the last sample, taken once the job is over.
 */
export async function runWithProgressBar<S extends ProgressSample>(job: ProgressBarJob<S>): Promise<S> {
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    void job.cancel().catch(() => undefined);
  };
  process.on('SIGINT', onSigint);

  const bar = new SingleBar({
    format: job.format,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
  bar.start(100, 0, job.initialPayload);
  const draw = async () => {
    const sample = await job.poll();
    bar.update(sample.percent, sample.payload);
    return sample;
  };
  const ticker = setInterval(() => void draw().catch(() => undefined), 200);
  try {
    await job.run();
  } finally {
    clearInterval(ticker);
    process.off('SIGINT', onSigint);
  }
  const final = await draw();
  bar.stop();
  return final;
}

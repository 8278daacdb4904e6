import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { currentSlotEnv } from './gpu-slots';
import { TRAINER_DIR, trainerPython } from './trainer-python';

/** One JSON line of `python -m pace_trainer …` (workers/trainer/PROTOCOL.md). */
export interface TrainerEvent {
  event: string;
  [field: string]: unknown;
}

export class TrainerError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly traceback?: string,
  ) {
    super(message);
  }
}

export interface TrainerProcessOptions {
  onEvent?: (e: TrainerEvent) => void | Promise<void>;
  /** Aborting kills the process (SIGTERM, then SIGKILL after 10 s). */
  signal?: AbortSignal;
  /** stderr (the trainer's log) is appended here; else kept in memory for the error message. */
  logFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Replaces `python -m pace_trainer` (e.g. `accelerate launch … -m pace_trainer`); args follow it. */
  launcher?: string[];
  onSpawn?: (pid: number) => void;
}

/**
 * Runs `python -m pace_trainer <args>` and delivers its JSON-line events in order (each handler awaited before the
 * next line is read). Resolves with the last event when the process exits 0; rejects with the trainer's own error
 * event (or the tail of stderr) otherwise. Hugging Face libraries run offline: nothing is downloaded. The process
 * sees only the GPUs of the job slot it runs in (gpu-slots.ts).
 */
export function runTrainerCommand(args: string[], opts: TrainerProcessOptions = {}): Promise<TrainerEvent | null> {
  const [cmd, ...pre] = opts.launcher ?? [trainerPython(), '-m', 'pace_trainer'];
  const child = spawn(cmd, [...pre, ...args], {
    cwd: TRAINER_DIR,
    env: { ...process.env, HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', HF_DATASETS_OFFLINE: '1', PYTHONUNBUFFERED: '1', TOKENIZERS_PARALLELISM: 'false', ...currentSlotEnv(), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid) opts.onSpawn?.(child.pid);
  const log = opts.logFile ? createWriteStream(opts.logFile, { flags: 'a' }) : null;
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log?.write(chunk);
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
  });
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = () => {
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  return new Promise((resolve, reject) => {
    let last: TrainerEvent | null = null;
    let failure: TrainerEvent | null = null;
    let handlerError: unknown = null;
    const lines = createInterface({ input: child.stdout });
    const handled = (async () => {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let e: TrainerEvent;
        try {
          e = JSON.parse(line) as TrainerEvent;
        } catch {
          stderrTail = (stderrTail + `\n(stdout) ${line}`).slice(-4000);
          continue;
        }
        if (e.event === 'error') failure = e;
        last = e;
        if (opts.onEvent && !handlerError) {
          try {
            await opts.onEvent(e);
          } catch (err) {
            handlerError = err;
            onAbort();
          }
        }
      }
    })();
    child.on('error', (e) => reject(new TrainerError(`could not start the trainer (${cmd}): ${e.message}`, null, null)));
    child.on('close', (code, signal) => {
      void handled.then(() => {
        clearTimeout(killTimer);
        opts.signal?.removeEventListener('abort', onAbort);
        log?.end();
        if (handlerError) return reject(handlerError);
        if (code === 0) return resolve(last);
        const f = failure as TrainerEvent | null;
        const why = f ? String(f.message) : signal ? `the trainer was killed (${signal})` : `the trainer exited with code ${code}`;
        const tail = f ? '' : stderrTail.trim() ? `: ${stderrTail.trim().split('\n').slice(-5).join(' | ')}` : '';
        reject(new TrainerError(why + tail, code, signal, f ? String(f.traceback ?? '') : undefined));
      });
    });
  });
}

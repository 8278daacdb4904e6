import type { FailureInsert, NodeInsert, PairInsert, PipelineRepository } from './pipeline.repository';

interface Entry {
  nodes: NodeInsert[];
  failures: FailureInsert[];
  pairs: PairInsert[];
  resolve(): void;
  reject(e: Error): void;
}

/** Rows per statement; a group larger than this is split. */
const MAX_GROUP = 400;

/**
 * Group commit of the pipeline's nodes (issue 15 item 2: "nodes may be committed in small groups; a node counts as
 * done only once committed"). `add` resolves once its rows are committed. While one group is being written, new
 * entries gather; the next group goes as soon as the write returns. So a lone node waits one round trip, and under
 * load each statement carries what arrived during the previous one — no timer, and never more waiting than one
 * write. Callers hold their concurrency slot until `add` resolves, so what a crash can lose is at most the calls of
 * the slots: completed-but-uncommitted and in-flight together never exceed the concurrency.
 */
export class NodeWriter {
  private queue: Entry[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly repo: PipelineRepository) {}

  add(rows: { nodes?: NodeInsert[]; failures?: FailureInsert[]; pairs?: PairInsert[] }): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ nodes: rows.nodes ?? [], failures: rows.failures ?? [], pairs: rows.pairs ?? [], resolve, reject });
      if (!this.writing) this.writing = this.loop();
    });
  }

  /** Waits until everything added so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length) {
        let rows = 0;
        let take = 0;
        while (take < this.queue.length && (take === 0 || rows < MAX_GROUP)) {
          const e = this.queue[take++];
          rows += e.nodes.length + e.failures.length + e.pairs.length;
        }
        const group = this.queue.splice(0, take);
        try {
          await this.repo.commit(group.flatMap((e) => e.nodes), group.flatMap((e) => e.failures), group.flatMap((e) => e.pairs));
          for (const e of group) e.resolve();
        } catch (err) {
          for (const e of group) e.reject(err as Error);
        }
      }
    } finally {
      this.writing = null;
    }
  }
}

/**
 * A counting semaphore whose waits end (with false) when the signal aborts. One abort listener for all waiters: a
 * run queues thousands of nodes behind a few dozen slots.
 */
export class Slots {
  private free: number;
  private readonly waiting: Array<(ok: boolean) => void> = [];
  private watching: AbortSignal | null = null;

  constructor(readonly size: number) {
    this.free = size;
  }

  async acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return false;
    if (this.free > 0) {
      this.free--;
      return true;
    }
    if (this.watching !== signal) {
      this.watching = signal;
      signal.addEventListener('abort', () => this.waiting.splice(0).forEach((wake) => wake(false)), { once: true });
    }
    return new Promise<boolean>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next(true);
    else this.free++;
  }
}

import { ApiError, idempotencyKey, post, releaseOnExit } from '../shared/api';
import type { ReasonCode, ReviewLease } from '../shared/types';

export interface Decision {
  decision: 'approve' | 'reject';
  reasons: ReasonCode[];
  comment: string;
}

/** A decision the server did not take; `retry` resends it with the same key when that can still succeed. */
export interface UnsavedDecision {
  leaseId: string;
  itemId: number;
  status: number;
  message: string;
  retry: (() => void) | null;
}

export interface QueueState {
  phase: 'loading' | 'active' | 'empty' | 'lost' | 'error';
  current: ReviewLease | null;
  /** The prefetched lease: shown the moment `current` is decided. */
  ahead: ReviewLease | null;
  /** Why the screen is empty: the lease lost (phase `lost`). */
  message: string | null;
  /** Why no work could be fetched (phase `error`). */
  error: Error | null;
  unsaved: UnsavedDecision[];
}

/** A prefetched lease this close to its end is not worth showing. */
const MIN_LEASE_LEFT_MS = 5000;
const live = (l: ReviewLease | null) => (l && Date.parse(l.lease.expiresAt) - Date.now() > MIN_LEASE_LEFT_MS ? l : null);

/**
 * The reviewer's queue: the item on screen and one fetched ahead (`POST /reviews/next {prefetch: true}`).
 * A decision shows the next item at once and is sent behind it. Server calls run one after another, so a
 * prefetch never races the decision that frees its slot, and `next` never returns a lease being decided.
 */
export class ReviewQueue {
  private state: QueueState = { phase: 'loading', current: null, ahead: null, message: null, error: null, unsaved: [] };
  private listeners = new Set<() => void>();
  private chain: Promise<void> = Promise.resolve();
  private shownAt = 0;
  private disposed = false;

  constructor(
    private readonly filter: { abilityId?: number; kind?: string },
    private readonly onSaved: () => void,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  start(): void {
    this.set({ phase: 'loading', current: null, message: null, error: null });
    this.enqueue(() => this.takeCurrent());
    this.enqueue(() => this.prefetch());
  }

  decide(d: Decision): void {
    const lease = this.state.current;
    if (!lease || this.state.phase !== 'active') return;
    const body = { ...d, comment: d.comment.trim() || undefined, timeSpentMs: Math.round(performance.now() - this.shownAt), idempotencyKey: idempotencyKey() };
    // sent even if the reviewer leaves or chooses other work before its turn comes: a decision made is never dropped
    this.enqueue(() => this.submit(lease, body), true);
    this.advance();
  }

  /** Hands the current item back and moves on. */
  skip(): void {
    const lease = this.state.current;
    if (!lease) return;
    this.enqueue(() => post(`/reviews/${lease.lease.id}/release`).then(() => undefined, () => undefined));
    this.advance();
  }

  /** The current lease ran out on screen. */
  expire(message: string): void {
    this.set({ phase: 'lost', current: null, message });
  }

  /** After a lost lease or an empty queue: ask again. */
  fetchNext(): void {
    this.advance();
  }

  dismiss(leaseId: string): void {
    this.set({ unsaved: this.state.unsaved.filter((u) => u.leaseId !== leaseId) });
  }

  /**
   * The tab is going away (closed or reloaded): the item fetched ahead is handed back, the one on screen kept, so a
   * reload comes back to it; a closed tab's lease runs out on its own.
   */
  releaseAhead(): void {
    const ahead = this.state.ahead;
    if (!ahead) return;
    void releaseOnExit(`/reviews/${ahead.lease.id}/release`);
    this.set({ ahead: null });
  }

  /** The reviewer left the screen or chose other work: hand back everything held; resolves once the server has it. */
  dispose(): Promise<void> {
    this.disposed = true;
    const held = [this.state.current, this.state.ahead].filter((l): l is ReviewLease => l !== null);
    this.state = { ...this.state, current: null, ahead: null };
    return Promise.all(held.map((l) => releaseOnExit(`/reviews/${l.lease.id}/release`))).then(() => undefined);
  }

  private advance(): void {
    const ahead = live(this.state.ahead);
    if (ahead) this.show(ahead);
    else {
      this.set({ phase: 'loading', current: null, ahead: null, message: null, error: null });
      this.enqueue(() => this.takeCurrent());
    }
    this.enqueue(() => this.prefetch());
  }

  private show(lease: ReviewLease): void {
    this.shownAt = performance.now();
    this.set({ phase: 'active', current: lease, ahead: null, message: null, error: null });
  }

  private async takeCurrent(): Promise<void> {
    if (this.state.phase !== 'loading') return;
    const ahead = live(this.state.ahead);
    if (ahead) return this.show(ahead);
    try {
      const lease = await post<ReviewLease>('/reviews/next', this.filter);
      if (lease) this.show(lease);
      else this.set({ phase: 'empty', current: null, ahead: null });
    } catch (e) {
      this.set({ phase: 'error', current: null, error: e as Error });
    }
  }

  private async prefetch(): Promise<void> {
    const current = this.state.current;
    if (!current || live(this.state.ahead)) return;
    const lease = await post<ReviewLease>('/reviews/next', { ...this.filter, prefetch: true }).catch(() => null);
    // a failed prefetch costs nothing: the next item is then asked for when it is needed
    if (lease && lease.lease.id !== this.state.current?.lease.id) this.set({ ahead: lease });
  }

  private async submit(lease: ReviewLease, body: object): Promise<void> {
    try {
      await post(`/reviews/${lease.lease.id}/decision`, body);
      this.onSaved();
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      // 410: the lease is gone, and 409/422: the server will say the same again; anything else may pass on a retry
      const final = status === 409 || status === 410 || status === 422;
      const entry: UnsavedDecision = {
        leaseId: lease.lease.id,
        itemId: lease.item.id,
        status,
        message: (e as Error).message,
        retry: final ? null : () => this.resubmit(lease, body),
      };
      this.set({ unsaved: [...this.state.unsaved.filter((u) => u.leaseId !== lease.lease.id), entry] });
    }
  }

  private resubmit(lease: ReviewLease, body: object): void {
    this.dismiss(lease.lease.id);
    this.enqueue(() => this.submit(lease, body));
  }

  private enqueue(step: () => Promise<void>, evenIfDisposed = false): void {
    this.chain = this.chain.then(() => (this.disposed && !evenIfDisposed ? undefined : step())).catch(() => undefined);
  }

  private set(patch: Partial<QueueState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}

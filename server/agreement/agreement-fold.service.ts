import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { env } from '../config/env';
import { AgreementRepository } from './agreement.repository';

/**
 * Folds the decisions' agreement count deltas into the totals every AGREEMENT_FOLD_MS, so the deltas stay a few
 * seconds' worth of decisions. Reads never wait for it: they add the unfolded deltas themselves. Safe with other
 * instances folding at the same time (the fold is one statement; see AgreementRepository.foldCellDeltas).
 */
@Injectable()
export class AgreementFoldService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AgreementFoldService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly repo: AgreementRepository) {}

  onApplicationBootstrap(): void {
    const ms = env().AGREEMENT_FOLD_MS;
    if (ms <= 0) return;
    this.timer = setInterval(() => void this.foldInBackground(), ms);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Folds now; returns how many deltas were moved. */
  fold(): Promise<number> {
    return this.repo.foldCellDeltas();
  }

  private async foldInBackground(): Promise<void> {
    if (this.running) return; // the previous fold is still at work
    this.running = this.fold().catch((e) => this.logger.warn(`agreement counts not folded: ${(e as Error).message}`));
    await this.running;
    this.running = null;
  }
}

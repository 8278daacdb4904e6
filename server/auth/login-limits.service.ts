import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { env } from '../config/env';
import { AccountFailures, LoginFailuresRepository } from './login-failures.repository';

export interface LoginLimitConfig {
  /** Failed sign-ins one address may make per minute. */
  perAddressPerMinute: number;
  /** Failures an account may have before each further attempt waits. */
  freeFailures: number;
  delayMs: number;
  maxDelayS: number;
}

const ADDRESS_WINDOW_S = 60;
/** An account's failures are forgotten a day after the latest one (a success forgets them at once). */
const ACCOUNT_MEMORY_S = 24 * 3600;

/**
 * How long an account with this many failures must wait after the latest before it may try again: nothing for the
 * first `freeFailures`, then `delayMs`, doubling with each further failure, never more than `maxDelayS` — slow enough
 * that guessing gets nowhere, short enough that an attacker cannot lock the owner out for long.
 */
export function accountDelayMs(failures: number, c: Pick<LoginLimitConfig, 'freeFailures' | 'delayMs' | 'maxDelayS'>): number {
  if (failures < c.freeFailures) return 0;
  return Math.min(c.delayMs * 2 ** Math.min(failures - c.freeFailures, 40), c.maxDelayS * 1000);
}

/** A refused sign-in: 429, with the seconds to wait for the Retry-After header. */
export class LoginLimitedException extends HttpException {
  constructor(
    readonly retryAfterS: number,
    message: string,
  ) {
    super({ message }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** A sign-in let through: counted as a failure until it is known to have succeeded or not to have been one. */
export interface LoginAttempt {
  email: string | null;
  addressFailureId: string;
  /** The account's count before and after this attempt was counted. */
  accountBefore: AccountFailures;
  accountClaimed: AccountFailures;
}

/**
 * Sign-in limits kept in PostgreSQL, so they hold across server instances (issue 14 item 3): failures per client
 * address within a minute, and per account (the email tried, whichever address it comes from) with progressive
 * delays. An attempt is counted as a failure before the password is checked — so parallel guesses cannot all slip
 * through while the hash runs — and taken back when it succeeds or fails for another reason than the credentials.
 */
@Injectable()
export class LoginLimitsService {
  private readonly config: LoginLimitConfig;

  constructor(private readonly repo: LoginFailuresRepository) {
    const e = env();
    this.config = { perAddressPerMinute: e.LOGIN_RATE_LIMIT_PER_MIN, freeFailures: e.LOGIN_FREE_FAILURES, delayMs: e.LOGIN_DELAY_MS, maxDelayS: e.LOGIN_MAX_DELAY_S };
  }

  /** Lets the attempt through, counted as a failure, or throws LoginLimitedException; checks no password. */
  async begin(rawEmail: string | null, address: string): Promise<LoginAttempt> {
    const email = rawEmail === null ? null : rawEmail.trim().toLowerCase().slice(0, 320);
    const keys = email === null ? [`address:${address}`] : [`address:${address}`, `account:${email}`];
    return this.repo.locked(keys, async (tx) => {
      const now = (await tx.now()).getTime();
      const fromAddress = await tx.addressFailuresSince(address, ADDRESS_WINDOW_S);
      if (fromAddress.failures >= this.config.perAddressPerMinute) {
        const waitMs = fromAddress.oldestAt!.getTime() + ADDRESS_WINDOW_S * 1000 - now;
        throw new LoginLimitedException(seconds(waitMs), `Too many failed sign-ins from this address; try again in ${seconds(waitMs)} s`);
      }
      let accountBefore: AccountFailures = { failures: 0, lastFailureAt: null };
      let accountClaimed = accountBefore;
      if (email !== null) {
        const stored = await tx.accountFailures(email);
        const remembered = stored.lastFailureAt !== null && now - stored.lastFailureAt.getTime() < ACCOUNT_MEMORY_S * 1000;
        if (remembered) {
          accountBefore = stored;
          const waitMs = stored.lastFailureAt!.getTime() + accountDelayMs(stored.failures, this.config) - now;
          if (waitMs > 0) {
            throw new LoginLimitedException(seconds(waitMs), `Too many failed sign-ins for this account; try again in ${seconds(waitMs)} s`);
          }
        }
        const failures = accountBefore.failures + 1;
        accountClaimed = { failures, lastFailureAt: await tx.setAccountFailures(email, failures) };
      }
      const addressFailureId = await tx.addAddressFailure(address);
      return { email, addressFailureId, accountBefore, accountClaimed };
    });
  }

  /** The credentials were right: the account starts afresh and the address is not charged. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    if (attempt.email !== null) await this.repo.clearAccount(attempt.email);
    await this.repo.deleteAddressFailure(attempt.addressFailureId);
  }

  /** The credentials were wrong: the failure stands; old ones are pruned. */
  async failed(): Promise<void> {
    await this.repo.prune(ADDRESS_WINDOW_S, ACCOUNT_MEMORY_S);
  }

  /** The attempt ended otherwise (a refused body, a server error): it is not counted. */
  async abandoned(attempt: LoginAttempt): Promise<void> {
    if (attempt.email !== null) await this.repo.restoreAccountFailures(attempt.email, attempt.accountClaimed, attempt.accountBefore);
    await this.repo.deleteAddressFailure(attempt.addressFailureId);
  }
}

/** Whole seconds to wait, rounded up, at least 1 (the Retry-After header's unit). */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An account's failed sign-ins as stored: how many, and when the latest was (null: none remembered). */
export interface AccountFailures {
  failures: number;
  lastFailureAt: Date | null;
}

/** Queries of the sign-in limits (tables login_account_failures and login_address_failures). */
@Injectable()
export class LoginFailuresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource | EntityManager) {}

  /**
   * Runs `fn` in one transaction holding PostgreSQL advisory locks on `keys` (taken in the order given), so that
   * concurrent attempts on one account or address are decided one at a time, across every server instance.
   */
  async locked<T>(keys: string[], fn: (repo: LoginFailuresRepository) => Promise<T>): Promise<T> {
    const run = async (m: EntityManager) => {
      for (const key of keys) await m.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`pace.login:${key}`]);
      return fn(new LoginFailuresRepository(m));
    };
    return this.db instanceof DataSource ? this.db.transaction(run) : run(this.db);
  }

  /** The database's clock (in a transaction, the transaction's start), which every instance shares. */
  async now(): Promise<Date> {
    const [{ now }] = await this.db.query('SELECT now() AS now');
    return now;
  }

  /** Failures from this address within the last `windowS` seconds, and when the oldest of them was. */
  async addressFailuresSince(address: string, windowS: number): Promise<{ failures: number; oldestAt: Date | null }> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS failures, min(at) AS oldest_at FROM login_address_failures
        WHERE address = $1 AND at > now() - make_interval(secs => $2)`,
      [address, windowS],
    );
    return { failures: row.failures, oldestAt: row.oldest_at };
  }

  async accountFailures(email: string): Promise<AccountFailures> {
    const [row] = await this.db.query('SELECT failures, last_failure_at FROM login_account_failures WHERE email = $1', [email]);
    return row ? { failures: row.failures, lastFailureAt: row.last_failure_at } : { failures: 0, lastFailureAt: null };
  }

  /** Counts one failure from this address (now); its id lets a sign-in that turns out not to fail take it back. */
  async addAddressFailure(address: string): Promise<string> {
    const [{ id }] = await this.db.query('INSERT INTO login_address_failures (address) VALUES ($1) RETURNING id', [address]);
    return String(id);
  }

  async deleteAddressFailure(id: string): Promise<void> {
    await this.db.query('DELETE FROM login_address_failures WHERE id = $1', [id]);
  }

  /** Stores the account's count with now (to the millisecond, as a JS Date holds it) as its latest failure; returns that time. */
  async setAccountFailures(email: string, failures: number): Promise<Date> {
    const [{ last_failure_at }] = await this.db.query(
      `INSERT INTO login_account_failures (email, failures, last_failure_at) VALUES ($1, $2, date_trunc('milliseconds', now()))
       ON CONFLICT (email) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at
       RETURNING last_failure_at`,
      [email, failures],
    );
    return last_failure_at;
  }

  /** Puts back the account's count as it was before a claim, unless another attempt has changed it since. */
  async restoreAccountFailures(email: string, claimed: AccountFailures, before: AccountFailures): Promise<void> {
    if (before.lastFailureAt === null) {
      await this.db.query('DELETE FROM login_account_failures WHERE email = $1 AND failures = $2 AND last_failure_at = $3', [email, claimed.failures, claimed.lastFailureAt]);
      return;
    }
    await this.db.query(
      `UPDATE login_account_failures SET failures = $4, last_failure_at = $5
        WHERE email = $1 AND failures = $2 AND last_failure_at = $3`,
      [email, claimed.failures, claimed.lastFailureAt, before.failures, before.lastFailureAt],
    );
  }

  async clearAccount(email: string): Promise<void> {
    await this.db.query('DELETE FROM login_account_failures WHERE email = $1', [email]);
  }

  /** Forgets address failures older than `addressWindowS` and account counts idle for `accountMemoryS`. */
  async prune(addressWindowS: number, accountMemoryS: number): Promise<void> {
    await this.db.query('DELETE FROM login_address_failures WHERE at < now() - make_interval(secs => $1)', [addressWindowS]);
    await this.db.query('DELETE FROM login_account_failures WHERE last_failure_at < now() - make_interval(secs => $1)', [accountMemoryS]);
  }
}

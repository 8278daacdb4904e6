import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * The one place passwords are hashed and checked (argon2id, the library's parameters). Sign-in spends exactly one
 * verification per attempt, whether or not the account exists or is active (issue 14 item 4): for an unknown or
 * inactive email it verifies against a hash of nobody's password, made once with the same parameters, so the answer
 * takes as long as a known account's and says nothing about which accounts exist.
 */
@Injectable()
export class PasswordHasher {
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  /** Costs what a real verification costs and always fails. */
  async verifyForNobody(password: string): Promise<false> {
    this.dummyHash ??= this.hash(randomBytes(32).toString('base64url')).catch((e) => {
      this.dummyHash = undefined;
      throw e;
    });
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

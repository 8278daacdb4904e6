import { describe, expect, it } from 'vitest';
import { idAt } from './copy-rows';

describe('copyRows', () => {
  it("reads a tuple's bigint id as its decimal digits, beyond a double's exact range too", () => {
    for (const id of [0n, 1n, 4294967295n, 4294967296n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 63n)]) {
      const buf = Buffer.alloc(12);
      buf.writeBigInt64BE(id, 3);
      expect(idAt(buf, 3)).toBe(id.toString());
    }
  });
});

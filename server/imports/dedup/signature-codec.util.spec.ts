import { describe, expect, it } from 'vitest';
import { keysFromArray, keysToArray, signatureFromBuffer, signatureToBuffer } from './signature-codec.util';

describe('signature codec', () => {
  it('stores signatures as little-endian uint32 bytes and reads them back', () => {
    const sig = Uint32Array.of(0, 1, 0xdeadbeef, 0xffffffff);
    const bytes = signatureToBuffer(sig);
    expect(bytes.toString('hex')).toBe('00000000' + '01000000' + 'efbeadde' + 'ffffffff');
    expect([...signatureFromBuffer(bytes)]).toEqual([...sig]);
  });

  it('reads from an unaligned slice (as pg may hand it over)', () => {
    const padded = Buffer.concat([Buffer.from([9]), signatureToBuffer(Uint32Array.of(7, 8))]);
    expect([...signatureFromBuffer(padded.subarray(1))]).toEqual([7, 8]);
    expect(() => signatureFromBuffer(Buffer.alloc(5))).toThrow(RangeError);
  });

  it('turns band keys into an int4[] value and back', () => {
    const keys = Int32Array.of(-2147483648, -1, 0, 2147483647);
    expect(keysToArray(keys)).toEqual([-2147483648, -1, 0, 2147483647]);
    expect([...keysFromArray(keysToArray(keys))]).toEqual([...keys]);
    expect(() => keysFromArray([2 ** 31])).toThrow(RangeError);
  });
});

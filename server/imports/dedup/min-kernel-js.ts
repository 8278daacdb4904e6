import type { MinKernel, PermutationCoefficients } from './min-kernel';

// Adding 2^31 maps unsigned order onto signed order, so the loop stays in V8's int32 fast path;
// folding it into b costs nothing per shingle.
const SIGN = 0x80000000 | 0;

export class JsMinKernel implements MinKernel {
  readonly kind = 'js' as const;
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private hashes = new Int32Array(1024);

  constructor(coefficients: PermutationCoefficients) {
    this.a = coefficients.a;
    this.b = coefficients.b.map((v) => v ^ SIGN);
  }

  shingleBuffer(capacity: number): Int32Array {
    if (this.hashes.length < capacity) this.hashes = new Int32Array(capacity);
    return this.hashes;
  }

  minima(count: number, out: Uint32Array): void {
    const { a, b, hashes } = this;
    const n = out.length;
    let p = 0;
    for (; p + 4 <= n; p += 4) {
      const a0 = a[p], a1 = a[p + 1], a2 = a[p + 2], a3 = a[p + 3];
      const b0 = b[p], b1 = b[p + 1], b2 = b[p + 2], b3 = b[p + 3];
      let m0 = 0x7fffffff, m1 = m0, m2 = m0, m3 = m0;
      for (let j = 0; j < count; j++) {
        const h = hashes[j];
        const v0 = (Math.imul(a0, h) + b0) | 0;
        if (v0 < m0) m0 = v0;
        const v1 = (Math.imul(a1, h) + b1) | 0;
        if (v1 < m1) m1 = v1;
        const v2 = (Math.imul(a2, h) + b2) | 0;
        if (v2 < m2) m2 = v2;
        const v3 = (Math.imul(a3, h) + b3) | 0;
        if (v3 < m3) m3 = v3;
      }
      out[p] = m0 ^ SIGN;
      out[p + 1] = m1 ^ SIGN;
      out[p + 2] = m2 ^ SIGN;
      out[p + 3] = m3 ^ SIGN;
    }
    for (; p < n; p++) {
      const ap = a[p], bp = b[p];
      let m = 0x7fffffff;
      for (let j = 0; j < count; j++) {
        const v = (Math.imul(ap, hashes[j]) + bp) | 0;
        if (v < m) m = v;
      }
      out[p] = m ^ SIGN;
    }
  }
}

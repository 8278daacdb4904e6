import { endianness } from 'node:os';
import type { MinKernel, PermutationCoefficients } from './min-kernel';
import { minhashWasmBytes, WASM_GROUP_SIZE } from './minhash-wasm-module';

// The project compiles without lib.dom, so describe the little of the WebAssembly API used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface MinhashExports {
  mem: WasmMemory;
  minhash(hashes: number, count: number, coefficients: number, groups: number, out: number): void;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const PAGE = 65536;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is missing (or the host is big-endian). */
function compiledModule(): object | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api && endianness() === 'LE') {
    try {
      const bytes = minhashWasmBytes();
      if (api.validate(bytes)) compiled = new api.Module(bytes);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * Memory layout: coefficient groups (a0–a3, b0–b3 as 8 × v128 per 16 permutations), then the
 * minima, then the shingle hashes, which grow at the end.
 */
export class WasmMinKernel implements MinKernel {
  readonly kind = 'wasm-simd' as const;
  private readonly groups: number;
  private readonly outOffset: number;
  private readonly hashesOffset: number;
  private hashes = new Int32Array(0);
  private minimaView = new Uint32Array(0);

  private constructor(private readonly exports: MinhashExports, coefficients: PermutationCoefficients) {
    const numPerm = coefficients.a.length;
    this.groups = Math.ceil(numPerm / WASM_GROUP_SIZE);
    this.outOffset = this.groups * WASM_GROUP_SIZE * 8;
    this.hashesOffset = this.outOffset + this.groups * WASM_GROUP_SIZE * 4;
    this.ensureBytes(this.hashesOffset + 4096 * 4);
    const table = new Int32Array(this.exports.mem.buffer, 0, this.outOffset / 4);
    for (let p = 0; p < numPerm; p++) {
      const group = Math.floor(p / WASM_GROUP_SIZE);
      const inGroup = p % WASM_GROUP_SIZE;
      // Within a group: 4 vectors of a (lanes 0–15), then 4 vectors of b.
      table[group * 32 + inGroup] = coefficients.a[p];
      table[group * 32 + 16 + inGroup] = coefficients.b[p];
    }
    this.refreshViews();
  }

  static create(coefficients: PermutationCoefficients): WasmMinKernel | null {
    const module = compiledModule();
    if (!module) return null;
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly as WasmApi;
    const instance = new api.Instance(module, {});
    return new WasmMinKernel(instance.exports as MinhashExports, coefficients);
  }

  shingleBuffer(capacity: number): Int32Array {
    if (this.hashes.length < capacity) {
      this.ensureBytes(this.hashesOffset + capacity * 4);
      this.refreshViews();
    }
    return this.hashes;
  }

  minima(count: number, out: Uint32Array): void {
    if (count > this.hashes.length) throw new RangeError('count exceeds the shingle buffer');
    this.exports.minhash(this.hashesOffset, count, 0, this.groups, this.outOffset);
    out.set(this.minimaView.subarray(0, out.length));
  }

  private ensureBytes(bytes: number): void {
    const memory = this.exports.mem;
    const missing = bytes - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
  }

  // Growing the memory detaches the old ArrayBuffer, so views must be rebuilt afterwards.
  private refreshViews(): void {
    const buffer = this.exports.mem.buffer;
    this.hashes = new Int32Array(buffer, this.hashesOffset, (buffer.byteLength - this.hashesOffset) >> 2);
    this.minimaView = new Uint32Array(buffer, this.outOffset, this.groups * WASM_GROUP_SIZE);
  }
}

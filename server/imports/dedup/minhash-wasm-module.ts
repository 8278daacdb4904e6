/**
 * A 0.3 KB WebAssembly module, assembled here so no build step or binary file is needed:
 *
 *   (func (export "minhash") (param $hashes $count $coefficients $groups $out i32)
 *     for g in 0..$groups:                          ;; 16 permutations per group
 *       a0..a3, b0..b3 = v128.load $coefficients + g*128 (+0,+16,…,+112)
 *       m0..m3 = i32x4.splat(0xffffffff)
 *       for p = $hashes; p < $hashes + 4*$count; p += 4:
 *         h = v128.load32_splat p
 *         mK = i32x4.min_u(mK, i32x4.add(i32x4.mul(aK, h), bK))   ;; K = 0..3
 *       v128.store $out + g*64 (+0,+16,+32,+48) m0..m3)
 *   (memory (export "mem") 1)
 */

const SIMD = 0xfd;
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  i32GeU: [0x4f],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32x4Splat: [SIMD, 0x11],
  i32x4Add: [SIMD, 0xae, 0x01],
  i32x4Mul: [SIMD, 0xb5, 0x01],
  i32x4MinU: [SIMD, 0xb7, 0x01],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32Const: (value: number) => [0x41, ...sleb128(value)],
  v128Load: (offset: number) => [SIMD, 0x00, 4, ...uleb128(offset)],
  v128Load32Splat: [SIMD, 0x09, 2, 0],
  v128Store: (offset: number) => [SIMD, 0x0b, 4, ...uleb128(offset)],
};

// Locals: params 0–4, then i32 g/end/ptr, then v128 a0–a3, b0–b3, m0–m3, h.
const HASHES = 0, COUNT = 1, COEFFS = 2, GROUPS = 3, OUT = 4;
const G = 5, END = 6, PTR = 7, A = 8, B = 12, M = 16, H = 20;
const LANES = [0, 1, 2, 3];

function uleb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function sleb128(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

function functionBody(): number[] {
  return [
    2, 3, I32, 13, V128,
    ...op.block, ...op.loop,
    ...op.get(G), ...op.get(GROUPS), ...op.i32GeU, ...op.brIf(1),
    ...op.get(COEFFS), ...op.get(G), ...op.i32Const(7), ...op.i32Shl, ...op.i32Add, ...op.set(PTR),
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((k) => [...op.get(PTR), ...op.v128Load(16 * k), ...op.set(A + k)]),
    ...op.i32Const(-1), ...op.i32x4Splat, ...op.tee(M), ...op.tee(M + 1), ...op.tee(M + 2), ...op.set(M + 3),
    ...op.get(HASHES), ...op.set(PTR),
    ...op.get(HASHES), ...op.get(COUNT), ...op.i32Const(2), ...op.i32Shl, ...op.i32Add, ...op.set(END),
    ...op.block, ...op.loop,
    ...op.get(PTR), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    ...op.get(PTR), ...op.v128Load32Splat, ...op.set(H),
    ...LANES.flatMap((k) => [
      ...op.get(M + k), ...op.get(A + k), ...op.get(H), ...op.i32x4Mul, ...op.get(B + k), ...op.i32x4Add,
      ...op.i32x4MinU, ...op.set(M + k),
    ]),
    ...op.get(PTR), ...op.i32Const(4), ...op.i32Add, ...op.set(PTR),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.get(OUT), ...op.get(G), ...op.i32Const(6), ...op.i32Shl, ...op.i32Add, ...op.set(PTR),
    ...LANES.flatMap((k) => [...op.get(PTR), ...op.get(M + k), ...op.v128Store(16 * k)]),
    ...op.get(G), ...op.i32Const(1), ...op.i32Add, ...op.set(G),
    ...op.br(0),
    ...op.end, ...op.end,
    ...op.end,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb128(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...Buffer.from(text, 'ascii')];
}

export function minhashWasmBytes(): Uint8Array {
  const body = functionBody();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [2, ...name('mem'), 0x02, 0, ...name('minhash'), 0x00, 0]),
    ...section(10, [1, ...uleb128(body.length), ...body]),
  ]);
}

/** Permutations handled per call of the inner loop; coefficient tables are padded to a multiple. */
export const WASM_GROUP_SIZE = 16;

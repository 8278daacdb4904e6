/** Log-softmax over one row of float32 logits, in float64 (as the torch scorer computes it). */
export function logSoftmaxRow(logits: Float32Array, offset: number, size: number): Float64Array {
  let max = -Infinity;
  for (let j = 0; j < size; j++) if (logits[offset + j] > max) max = logits[offset + j];
  let sum = 0;
  for (let j = 0; j < size; j++) sum += Math.exp(logits[offset + j] - max);
  const lse = max + Math.log(sum);
  const out = new Float64Array(size);
  for (let j = 0; j < size; j++) out[j] = logits[offset + j] - lse;
  return out;
}

/** Index of the largest value (the first one on a tie, as torch.argmax). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
  return best;
}

/** The k largest entries as [index, value], largest first. */
export function topK(values: ArrayLike<number>, k: number): [number, number][] {
  const top: [number, number][] = [];
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (top.length < k || v > top[top.length - 1][1]) {
      let at = top.length;
      while (at > 0 && top[at - 1][1] < v) at--;
      top.splice(at, 0, [j, v]);
      if (top.length > k) top.pop();
    }
  }
  return top;
}

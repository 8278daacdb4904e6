/**
 * Levenshtein distance over Unicode code points (so a CJK Extension B character is one edit, not two), divided
 * by the longer text's length: 0 = identical, 1 = nothing in common.
 */
export function editRatio(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const longest = Math.max(x.length, y.length);
  return longest === 0 ? 0 : levenshtein(x, y) / longest;
}

export function levenshtein(x: readonly string[], y: readonly string[]): number {
  if (x.length < y.length) [x, y] = [y, x];
  let prev = new Uint32Array(y.length + 1);
  let cur = new Uint32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitution = prev[j - 1] + (xi === y[j - 1] ? 0 : 1);
      cur[j] = Math.min(substitution, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

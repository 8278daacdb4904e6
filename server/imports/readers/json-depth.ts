/**
 * Deepest nesting of arrays and objects a JSON record may have. JSON.parse takes any depth, but everything after it
 * (the text policy, the adapters, the error excerpt's JSON.stringify) walks a record recursively, and a few thousand
 * levels overflow the stack and fail the whole import; no instruction record nests anywhere near this deep.
 */
export const MAX_JSON_DEPTH = 256;

/** Whether a parsed value nests deeper than `max` (counted without recursion, so any depth is safe to ask about). */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        nodes.push(child as object);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

export const tooDeepReason = (max = MAX_JSON_DEPTH) => `JSON nested more than ${max} levels deep`;

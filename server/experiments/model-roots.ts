import { realpath } from 'node:fs/promises';
import { dirname, isAbsolute, sep } from 'node:path';
import { env } from '../config/env';

/** The one answer for every path outside the model roots, existing or not, so a caller learns nothing about the rest of the disk. */
export const OUTSIDE_MODEL_ROOTS = 'path: must be a model folder under one of the configured model roots (PACE_MODEL_ROOTS)';

/** Where a path lies against the model roots, after `realpath` (so neither `..` nor a symlink leads out of them). */
export type ModelRootCheck = { under: true; realPath: string } | { under: false; missingInside: boolean };

/**
 * Whether `path` is strictly under one of `roots` once every symlink is resolved. A path that does not exist is
 * `missingInside` when its nearest existing ancestor is inside a root (a typo there may be named; outside, it may not).
 */
export async function checkModelRoots(path: string, roots: readonly string[] = env().modelRoots): Promise<ModelRootCheck> {
  if (!isAbsolute(path)) return { under: false, missingInside: false };
  const realRoots = (await Promise.all(roots.map((r) => realpath(r).catch(() => null)))).filter((r): r is string => r !== null);
  const inside = (p: string, strictly: boolean) => realRoots.some((r) => p.startsWith(r.endsWith(sep) ? r : r + sep) || (!strictly && p === r));
  const real = await realpath(path).catch(() => null);
  if (real !== null) return inside(real, true) ? { under: true, realPath: real } : { under: false, missingInside: false };
  for (let up = dirname(path); ; up = dirname(up)) {
    const existing = await realpath(up).catch(() => null);
    if (existing !== null) return { under: false, missingInside: inside(existing, false) };
    if (up === dirname(up)) return { under: false, missingInside: false };
  }
}

/**
 * For the workers: the real path of a stored base model, refused unless it is under this process's model roots (a row
 * written before the roots existed, or a worker configured with other roots, must not open an arbitrary folder).
 */
export async function baseModelPathForWorker(path: string, roots: readonly string[] = env().modelRoots): Promise<string> {
  const check = await checkModelRoots(path, roots);
  if (check.under) return check.realPath;
  if (check.missingInside) throw new Error(`The base model is not on this worker: ${path} does not exist`);
  throw new Error(
    `The base model's folder ${path} is not under this worker's model roots (PACE_MODEL_ROOTS: ${roots.join(', ')}); ` +
      'move it under one of them or add its folder to PACE_MODEL_ROOTS on the server and the workers',
  );
}

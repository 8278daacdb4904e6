import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseModelPathForWorker, checkModelRoots } from './model-roots';

/** issue 14 item 5: the workers open a stored base model only under their own model roots, resolved with realpath. */
describe(baseModelPathForWorker.name, () => {
  let tmp: string;
  let root: string;
  let outside: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'pace-model-roots-'));
    root = join(tmp, 'root');
    outside = join(tmp, 'outside');
    await mkdir(join(root, 'llama'), { recursive: true });
    await mkdir(join(outside, 'llama'), { recursive: true });
    await symlink(join(outside, 'llama'), join(root, 'escape'));
    await symlink(join(root, 'llama'), join(root, 'alias'));
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('gives the real path of a folder under a root, through a symlink that stays inside', async () => {
    expect(await baseModelPathForWorker(join(root, 'llama'), [root])).toBe(join(root, 'llama'));
    expect(await baseModelPathForWorker(join(root, 'alias'), [root])).toBe(join(root, 'llama'));
  });

  it('refuses a stored path outside the roots, by `..`, by a symlink out, or with no roots that exist', async () => {
    await expect(baseModelPathForWorker(join(outside, 'llama'), [root])).rejects.toThrow(/is not under this worker's model roots \(PACE_MODEL_ROOTS/);
    await expect(baseModelPathForWorker(join(root, '..', 'outside', 'llama'), [root])).rejects.toThrow(/not under this worker's model roots/);
    await expect(baseModelPathForWorker(join(root, 'escape'), [root])).rejects.toThrow(/not under this worker's model roots/);
    await expect(baseModelPathForWorker(join(root, 'llama'), [join(tmp, 'no-such-root')])).rejects.toThrow(/not under this worker's model roots/);
    // a root whose name is a prefix of another folder's is no parent of it
    await expect(baseModelPathForWorker(join(outside, 'llama'), [join(tmp, 'out')])).rejects.toThrow(/not under/);
  });

  it('names a missing folder only when it would be inside a root', async () => {
    await expect(baseModelPathForWorker(join(root, 'gone'), [root])).rejects.toThrow(/is not on this worker: .*gone does not exist/);
    expect(await checkModelRoots(join(root, 'gone', 'deeper'), [root])).toEqual({ under: false, missingInside: true });
    expect(await checkModelRoots(join(outside, 'gone'), [root])).toEqual({ under: false, missingInside: false });
    expect(await checkModelRoots('relative/path', [root])).toEqual({ under: false, missingInside: false });
  });
});

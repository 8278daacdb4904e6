import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { FileUnusableError } from './file-unusable-error';

async function statOrThrow(path: string): Promise<Stats> {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileUnusableError(path, 'no such file or folder');
    if (code === 'EACCES' || code === 'EPERM') throw new FileUnusableError(path, 'permission denied');
    throw new FileUnusableError(path, `cannot be read (${code ?? String(err)})`);
  }
}

/** Size of a regular, non-empty file; throws FileUnusableError otherwise. */
export async function requireFile(path: string): Promise<number> {
  const st = await statOrThrow(path);
  if (st.isDirectory()) throw new FileUnusableError(path, 'is a folder, expected a file');
  if (!st.isFile()) throw new FileUnusableError(path, 'is not a regular file');
  if (st.size === 0) throw new FileUnusableError(path, 'the file is empty');
  return st.size;
}

export async function requireFolder(path: string): Promise<void> {
  const st = await statOrThrow(path);
  if (!st.isDirectory()) throw new FileUnusableError(path, 'is a file, expected a folder of Markdown files');
}

export async function isFolder(path: string): Promise<boolean> {
  return (await statOrThrow(path)).isDirectory();
}

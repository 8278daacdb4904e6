import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

/**
 * A tar.gz of the export's files, the same bytes for the same files: entries in path order under one folder, every
 * entry with the same mtime (the version's freeze time), owner 0:0 and mode 0644, gzip at a fixed level (Node's zlib
 * writes no timestamp in the gzip header).
 */
export function archiveStream(dir: string, files: Array<{ path: string; bytes: number }>, folder: string, mtime: Date): Readable {
  const tar = pack();
  const out = new PassThrough();
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const fill = async () => {
    for (const f of sorted) {
      const entry = tar.entry({ name: `${folder}/${f.path}`, size: f.bytes, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', type: 'file' });
      await pipeline(createReadStream(join(dir, f.path)), entry);
    }
    tar.finalize();
  };
  fill().catch((e: Error) => tar.destroy(e));
  pipeline(tar, createGzip({ level: 6 }), out).catch((e: Error) => out.destroy(e));
  return out;
}

import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { archiveStream } from './archive';

describe('archiveStream', () => {
  it('packs the same files into the same bytes, sorted, with one mtime and owner 0:0', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pace-archive-'));
    await mkdir(join(dir, 'hf'), { recursive: true });
    await writeFile(join(dir, 'manifest.json'), '{}\n');
    await writeFile(join(dir, 'hf', 'README.md'), '# 数据集\n');
    const files = [{ path: 'manifest.json', bytes: 3 }, { path: 'hf/README.md', bytes: Buffer.byteLength('# 数据集\n') }];
    const mtime = new Date('2026-01-02T03:04:05Z');
    const a = await buffer(archiveStream(dir, files, 'pace-v1', mtime));
    const b = await buffer(archiveStream(dir, [...files].reverse(), 'pace-v1', mtime));
    expect(b.equals(a)).toBe(true);

    const entries: Array<{ name: string; mtime?: Date; uid?: number; gid?: number; body: string }> = [];
    const x = extract();
    x.on('entry', (header, stream, next) => {
      void buffer(stream).then((body) => {
        entries.push({ name: header.name, mtime: header.mtime, uid: header.uid, gid: header.gid, body: body.toString() });
        next();
      });
    });
    await new Promise<void>((resolve, reject) => Readable.from([a]).pipe(createGunzip()).pipe(x).on('finish', () => resolve()).on('error', reject));
    expect(entries).toEqual([
      { name: 'pace-v1/hf/README.md', mtime, uid: 0, gid: 0, body: '# 数据集\n' },
      { name: 'pace-v1/manifest.json', mtime, uid: 0, gid: 0, body: '{}\n' },
    ]);
  });
});

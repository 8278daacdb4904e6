import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seedFrozenVersion } from '../../bench/export-seed';
import { startExport, waitForExport } from '../utils/exports';
import { createTestApp, TestApp } from '../utils/test-app';

const ABILITIES = ['code', 'ethics', 'history'];
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
const jsonl = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('exports: files, determinism, Parquet read back', () => {
  let t: TestApp;
  let token: string;
  let versionId: number;
  let first: { id: string; manifest: { files: Array<{ path: string; sha256: string; bytes: number; rows?: number }> }; manifestSha256: string };
  const dirOf = (id: string) => join(t.dataDir, 'exports', id);

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.tokenFor('researcher');
    ({ versionId } = await seedFrozenVersion(t.db, { name: 'v-export', perAbility: { train: 30, valid: 5, test: 6 }, abilities: ABILITIES }));
    const { id } = await startExport(t, token, { versionId, recipe: 'curated-40', seed: 1, formats: ['openai', 'hf', 'doit'] });
    first = await waitForExport(t, token, id);
    expect(first, JSON.stringify(first)).toMatchObject({ status: 'completed', formats: ['doit', 'hf', 'openai'] });
  });
  afterAll(() => t.close());

  it('writes the DoIT, Hugging Face and OpenAI layouts and a manifest of every file with its SHA-256', async () => {
    const dir = dirOf(first.id);
    const files = await listFiles(dir);
    const expected = [
      ...ABILITIES.map((a) => `doit/curated-40/${a}.json`),
      ...ABILITIES.map((a) => `doit/curated/test/${a}.json`),
      ...ABILITIES.map((a) => `doit/curated/valid/${a}.json`),
      'hf/README.md',
      ...['test', 'train', 'validation'].flatMap((s) => [`hf/data/${s}.jsonl`, `hf/data/${s}.parquet`]),
      'manifest.json',
      'openai/train.jsonl',
      'openai/validation.jsonl',
    ].sort();
    expect(files).toEqual(expected);
    const manifestBytes = await readFile(join(dir, 'manifest.json'));
    expect(sha256(manifestBytes)).toBe(first.manifestSha256);
    const manifest = JSON.parse(manifestBytes.toString());
    expect(manifest).toMatchObject({
      format: 'pace-export/1',
      version: { id: versionId, name: 'v-export' },
      recipe: { name: 'curated-40', revision: 1 },
      seed: 1,
      formats: ['doit', 'hf', 'openai'],
    });
    expect(manifest.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.recipe.spec).toBeTruthy();
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(expected.filter((p) => p !== 'manifest.json'));
    for (const f of manifest.files) {
      const bytes = await readFile(join(dir, f.path));
      expect({ path: f.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual({ path: f.path, bytes: f.bytes, sha256: f.sha256 });
    }
    expect(manifestBytes.toString()).not.toMatch(/20\d\d-\d\d-\d\dT/); // no timestamps
  });

  it('writes DoIT records: messages, type, question_format, choices [gold, fine, coarse] for open-ended items', async () => {
    const dir = dirOf(first.id);
    for (const ability of ABILITIES) {
      const train = await jsonl(join(dir, `doit/curated-40/${ability}.json`));
      expect(train).toHaveLength(4);
      const valid = await jsonl(join(dir, `doit/curated/valid/${ability}.json`));
      expect(valid).toHaveLength(5);
      for (const r of [...train, ...valid]) {
        expect(r.type).toBe(ability);
        expect(r.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
        if (r.question_format === 1) {
          expect(Object.keys(r)).toEqual(['messages', 'type', 'question_format', 'choices']);
          expect(r.choices).toHaveLength(3);
          expect(r.choices[0]).toBe(r.messages[1].content);
          expect(r.choices[1]).toMatch(/^公元前206年/);
        } else {
          expect(Object.keys(r)).toEqual(['messages', 'type', 'question_format', 'answer']);
          expect(r.answer).toMatch(/^[A-D]$/);
        }
      }
    }
  });

  it('writes a dataset card whose YAML metadata parses and whose counts match the files', async () => {
    const dir = dirOf(first.id);
    const card = await readFile(join(dir, 'hf/README.md'), 'utf8');
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(card)!;
    const meta = parse(front);
    expect(meta.language).toEqual(['zh', 'en']);
    expect(meta.license).toBe('other'); // two sources, cc-by-4.0 and MIT
    expect(meta.configs[0].data_files).toEqual([
      { split: 'train', path: 'data/train.parquet' },
      { split: 'validation', path: 'data/validation.parquet' },
      { split: 'test', path: 'data/test.parquet' },
    ]);
    expect(meta.dataset_info.splits).toEqual([
      { name: 'train', num_examples: 12 },
      { name: 'validation', num_examples: 15 },
      { name: 'test', num_examples: 18 },
    ]);
    expect(meta.dataset_info.features.map((f: { name: string }) => f.name)).toEqual(['id', 'type', 'question_format', 'messages', 'choices', 'answer']);
    for (const [split, n] of [['train', 12], ['validation', 15], ['test', 18]] as const) {
      expect(await jsonl(join(dir, `hf/data/${split}.jsonl`))).toHaveLength(n);
    }
    expect(body).toContain('| code | 4 | 5 | 6 |');
    expect(body).toContain('| **total** | 12 | 15 | 18 |');
    expect(body).toContain('Recipe (train split): curated-40 (revision 1)');
    expect(body).toContain('Seed: 1');
    expect(body).toMatch(/\| v-export-\w+-curated \| curation \| cc-by-4.0 \|/);
  });

  it('writes OpenAI fine-tuning lines with messages only', async () => {
    const dir = dirOf(first.id);
    const train = await jsonl(join(dir, 'openai/train.jsonl'));
    const hfTrain = await jsonl(join(dir, 'hf/data/train.jsonl'));
    expect(train).toHaveLength(12);
    expect(train.every((r) => Object.keys(r).join() === 'messages')).toBe(true);
    expect(train.map((r) => r.messages)).toEqual(hfTrain.map((r) => r.messages));
    expect(await jsonl(join(dir, 'openai/validation.jsonl'))).toHaveLength(15);
  });

  it('exports the same version + recipe + seed to byte-identical files, manifest and archive', async () => {
    const again = await waitForExport(t, token, (await startExport(t, token, { versionId, recipe: 'curated-40', seed: 1 })).id);
    expect(again.status).toBe('completed');
    expect(again.manifestSha256).toBe(first.manifestSha256);
    for (const f of first.manifest.files) {
      const [a, b] = await Promise.all([readFile(join(dirOf(first.id), f.path)), readFile(join(dirOf(again.id), f.path))]);
      expect(sha256(b), f.path).toBe(sha256(a));
    }
    const archive = async (id: string) => {
      const res = await t.http.get(`/api/exports/${id}/archive`).set('Authorization', `Bearer ${token}`).buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="pace-v-export-curated-40-seed1.tar.gz"');
      return res.body as Buffer;
    };
    const [a, b] = [await archive(first.id), await archive(again.id)];
    expect(a.length).toBeGreaterThan(1000);
    expect(sha256(b)).toBe(sha256(a));
  });

  it('samples another train split with another seed, keeping valid and test', async () => {
    const other = await waitForExport(t, token, (await startExport(t, token, { versionId, recipe: 'curated-40', seed: 2, formats: ['hf'] })).id);
    const shaOf = (m: typeof first.manifest, path: string) => m.files.find((f) => f.path === path)!.sha256;
    expect(shaOf(other.manifest, 'hf/data/train.jsonl')).not.toBe(shaOf(first.manifest, 'hf/data/train.jsonl'));
    expect(shaOf(other.manifest, 'hf/data/validation.jsonl')).toBe(shaOf(first.manifest, 'hf/data/validation.jsonl'));
    expect(other.manifestSha256).not.toBe(first.manifestSha256);
  });

  it('writes Parquet that an independent reader (DuckDB) reads back as the JSONL rows', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    for (const split of ['train', 'validation', 'test']) {
      const base = join(dirOf(first.id), `hf/data/${split}`);
      const result = await db.runAndReadAll(`SELECT * FROM read_parquet('${base}.parquet')`);
      const fromParquet = result.getRowObjectsJson().map((r) => ({ ...r, id: Number(r.id) }));
      expect(fromParquet, split).toEqual(await jsonl(`${base}.jsonl`));
    }
    db.closeSync();
  });
});

#!/usr/bin/env node
// Smoke test of the built server on the node that runs this script (`npm run smoke`: the current node;
// `npm run smoke:node24`: scripts/smoke-node24.sh runs it on the Node 24 that scripts/setup.sh installs).
//
//   node scripts/smoke.mjs [--expect-major 24]      after `npm run build:server`; needs PACE_SHARED_DATA
//
// 1. Loads every native dependency in this process: argon2 (hash + verify), onnxruntime-node (a session on an
//    ONNX graph built here byte by byte, run once), @duckdb/node-api (in memory, `select 42`).
// 2. Starts dist/server/main.js on this node from a fresh data folder (a temporary PACE_DATA_DIR, no DATABASE_URL:
//    the embedded PostgreSQL starts and migrates) on free ports, and over real HTTP: signs in as the first admin
//    (the password the server prints once), creates two annotators, imports a shared sample, has both annotators
//    approve one item (accepted), freezes a version, exports it and finds the item in the downloaded archive.
// 3. Stops the server with SIGTERM (it stops its PostgreSQL) and checks nothing of its process group is left.
//
// Prints each step and its time, then `smoke on Node vX.Y.Z: passed in N s`. A failure names the step, prints the
// server log's tail and exits 1; the server and its PostgreSQL are killed (process group) whatever happens.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const SAMPLE = { path: 'raw/prm800k/phase2_train.sample.jsonl', adapter: 'prm800k' };
const SERVER_START_MS = 120_000;
const JOB_WAIT_MS = 120_000;
const STOP_MS = 30_000;

const started = performance.now();
const label = `smoke on Node ${process.version}`;
/** The server's stdout and stderr, line by line, for the tail printed on failure. */
const serverLog = [];
let server; // the server's ChildProcess, leader of its own process group
let dataDir;

class StepFailure extends Error {
  constructor(step, cause) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.step = step;
    this.cause = cause;
  }
}

async function step(name, fn) {
  const t = performance.now();
  try {
    const result = await fn();
    const detail = typeof result === 'string' ? result : result?.detail;
    console.log(`  ✓ ${name} (${seconds(t)} s)${detail ? `: ${detail}` : ''}`);
    return result;
  } catch (e) {
    throw new StepFailure(name, e);
  }
}

function seconds(since) {
  return ((performance.now() - since) / 1000).toFixed(1);
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function main() {
  console.log(`${label} (${process.execPath})`);
  const major = argValue('--expect-major');
  await step('node version', () => {
    check(!major || process.versions.node.split('.')[0] === major, `expected Node ${major}, this is ${process.version}`);
    return process.version;
  });

  await step('argon2: hash and verify', async () => {
    const argon2 = require('argon2');
    const hash = await argon2.hash('pace smoke 密码');
    check(await argon2.verify(hash, 'pace smoke 密码'), 'argon2.verify refused the right password');
    check(!(await argon2.verify(hash, 'wrong')), 'argon2.verify accepted a wrong password');
    return hash.split('$').slice(0, 3).join('$');
  });

  await step('onnxruntime-node: run a session', async () => {
    const ort = require('onnxruntime-node');
    const session = await ort.InferenceSession.create(addModel());
    const feeds = { x: new ort.Tensor('float32', Float32Array.of(1, 2, 3), [3]), y: new ort.Tensor('float32', Float32Array.of(10, 20, 30), [3]) };
    const { z } = await session.run(feeds);
    check(JSON.stringify([...z.data]) === '[11,22,33]', `Add gave ${JSON.stringify([...z.data])}, not [11,22,33]`);
    await session.release();
    const providers = ort.listSupportedBackends().map((b) => b.name);
    return `x + y = [${[...z.data]}]; backends ${providers.join(', ')}`;
  });

  await step('@duckdb/node-api: select 42', async () => {
    const { DuckDBInstance } = require('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    const rows = (await db.runAndReadAll('SELECT 42 AS answer')).getRows();
    db.closeSync();
    instance.closeSync();
    check(Number(rows[0][0]) === 42, `select 42 gave ${JSON.stringify(rows)}`);
    return 'DuckDB ' + require('@duckdb/node-api/package.json').version;
  });

  const shared = process.env.PACE_SHARED_DATA;
  const samplePath = shared ? join(shared, SAMPLE.path) : '';
  await step('shared sample', () => {
    check(shared, `PACE_SHARED_DATA is not set: the smoke imports ${SAMPLE.path} from it (.ci/run sets it to ../shared/data)`);
    check(existsSync(samplePath), `${samplePath} is missing (PACE_SHARED_DATA=${shared})`);
    return samplePath;
  });

  const entry = join(ROOT, 'dist/server/main.js');
  const { base, adminPassword } = await step('start the server (fresh data folder, embedded PostgreSQL, migrations)', async () => {
    check(existsSync(entry), `${entry} is missing: run \`npm run build:server\` first (npm run smoke does)`);
    dataDir = await mkdtemp(join(tmpdir(), 'pace-smoke-'));
    const [port, pgPort] = [await freePort(), await freePort()];
    const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), PACE_DATA_DIR: dataDir, PACE_ADMIN_EMAIL: 'admin@smoke.pace', NO_COLOR: '1' };
    delete env.DATABASE_URL;
    delete env.JWT_SECRET;
    server = spawn(process.execPath, [entry], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const password = new Promise((resolvePassword, reject) => {
      const onLine = (line) => {
        serverLog.push(line);
        const m = /password:\s+(\S+)/.exec(line);
        if (m) resolvePassword(m[1]);
      };
      collectLines(server.stdout, onLine);
      collectLines(server.stderr, onLine);
      server.once('exit', (code, signal) => reject(new Error(`the server exited (${signal ?? `code ${code}`}) before it was ready`)));
      server.once('error', reject);
    });
    const base = `http://127.0.0.1:${port}/api`;
    const adminPassword = await withTimeout(password, SERVER_START_MS, 'the server printed no first-admin password');
    await until(async () => (await fetch(`${base}/health`).catch(() => null))?.ok, SERVER_START_MS, 'GET /api/health never answered 200');
    return { base, adminPassword, detail: `port ${port}, PostgreSQL on ${pgPort}, data in ${dataDir}` };
  });
  const api = client(base);

  await step('the admin UI', async () => {
    if (!existsSync(join(ROOT, 'dist/admin-ui/index.html'))) return 'not built (npm run build:ui; the tests build it): API only';
    const res = await fetch(base.replace(/\/api$/, '/workspace/review'));
    const html = await res.text();
    check(res.ok && /<div id="root">/.test(html), `GET /workspace/review: ${res.status}, not the UI's index.html`);
    return 'index.html served for /workspace/review';
  });

  const admin = await step('sign in as the first admin', async () => {
    const res = await api.post('/auth/login', null, { email: 'admin@smoke.pace', password: adminPassword });
    check(res.user.role === 'admin', `signed in as ${res.user.role}`);
    return { token: res.accessToken, detail: res.user.email };
  });

  const annotators = await step('create two annotators and sign them in', async () => {
    const people = [];
    for (const n of [1, 2]) {
      const email = `annotator${n}@smoke.pace`;
      const password = randomBytes(12).toString('base64url');
      await api.post('/users', admin.token, { email, name: `标注员 ${n}`, role: 'annotator', password });
      const res = await api.post('/auth/login', null, { email, password });
      check(res.user.role === 'annotator', `${email} signed in as ${res.user.role}`);
      people.push({ email, token: res.accessToken });
    }
    return Object.assign(people, { detail: people.map((p) => p.email).join(', ') });
  });

  const imported = await step(`import ${SAMPLE.path} (${SAMPLE.adapter})`, async () => {
    const form = new FormData();
    form.append('file', await openAsBlob(samplePath), SAMPLE.path.split('/').pop());
    form.append('adapter', SAMPLE.adapter);
    const { id } = await api.post('/imports', admin.token, form);
    const done = await waitFor(() => api.get(`/imports/${id}`, admin.token), (i) => i.status !== 'queued' && i.status !== 'running', `import ${id}`);
    check(done.status === 'completed', `import ${id} ended ${done.status}: ${done.failureReason ?? ''}`);
    check(done.itemsCreated > 0, `import ${id} created no item for review: ${JSON.stringify(done)}`);
    return { ...done, detail: `${done.itemsCreated} items for review, ${done.exactDuplicates} exact duplicates, ${done.errorCount} errors` };
  });

  const item = await step('two annotators approve one item', async () => {
    const leases = [];
    for (const a of annotators) leases.push(await api.post('/reviews/next', a.token, {}));
    check(leases.every(Boolean), 'an annotator got no work (204)');
    check(leases[0].item.id === leases[1].item.id, `the annotators got different items (${leases[0].item.id}, ${leases[1].item.id}) while a round was open`);
    for (const [i, a] of annotators.entries()) {
      await api.post(`/reviews/${leases[i].lease.id}/decision`, a.token, { decision: 'approve', reasons: [], idempotencyKey: `smoke-${i}` });
    }
    const it = await api.get(`/items/${leases[0].item.id}`, admin.token);
    check(it.status === 'accepted', `item ${it.id} is ${it.status} after two approvals, not accepted`);
    return { ...it, detail: `item ${it.id} accepted (of import ${imported.id})` };
  });

  const version = await step('freeze a version', async () => {
    const { id } = await api.post('/datasets/versions', admin.token, { name: 'smoke', splits: { valid: 0, test: 0 } });
    const v = await waitFor(() => api.get(`/datasets/versions/${id}`, admin.token), (x) => x.status !== 'freezing', `version ${id}`);
    check(v.status === 'frozen', `version ${id} ended ${v.status}: ${v.failureReason ?? ''}`);
    check(v.itemCount === 1, `version ${id} holds ${v.itemCount} items, not the 1 accepted`);
    return { ...v, detail: `version ${v.id} "${v.name}", ${v.itemCount} item, ${v.contentHash}` };
  });

  await step('export it and find the accepted item in the archive', async () => {
    const { id } = await api.post('/exports', admin.token, { versionId: version.id, seed: 1 });
    const e = await waitFor(() => api.get(`/exports/${id}`, admin.token), (x) => x.status === 'completed' || x.status === 'failed' || x.status === 'cancelled', `export ${id}`);
    check(e.status === 'completed', `export ${id} ended ${e.status}: ${e.failureReason ?? ''}`);
    const res = await fetch(`${base}/exports/${id}/archive`, { headers: { Authorization: `Bearer ${admin.token}` } });
    if (!res.ok) throw new Error(`GET /api/exports/${id}/archive: ${res.status} ${await res.text()}`);
    const files = await untar(gunzipSync(Buffer.from(await res.arrayBuffer())));
    const manifest = files.get('manifest.json');
    check(manifest, `the archive has no manifest.json (entries: ${[...files.keys()].join(', ')})`);
    const listed = JSON.parse(manifest.toString('utf8')).files;
    for (const f of listed) {
      check(files.has(f.path), `the manifest lists ${f.path}, the archive has no such file`);
      const sha256 = createHash('sha256').update(files.get(f.path)).digest('hex');
      check(sha256 === f.sha256, `${f.path}: SHA-256 ${sha256} in the archive, ${f.sha256} in the manifest`);
    }
    const question = item.messages.find((m) => m.role === 'user').content;
    const holds = (text) => text.split('\n').some((l) => l && JSON.parse(l).messages?.some((m) => m.content === question));
    const holding = [...files].filter(([name, bytes]) => name !== 'manifest.json' && /\.jsonl?$/.test(name) && holds(bytes.toString('utf8'))).map(([name]) => name);
    check(holding.length > 0, `no file of the archive holds item ${item.id} (entries: ${[...files.keys()].join(', ')})`);
    return `${files.size} files, ${listed.length} checked against the manifest's SHA-256; item ${item.id} in ${holding.join(', ')}`;
  });

  await step('stop the server (SIGTERM) and its PostgreSQL', async () => {
    const exited = new Promise((r) => server.once('exit', (code, signal) => r({ code, signal })));
    server.kill('SIGTERM');
    const { code, signal } = await withTimeout(exited, STOP_MS, `the server did not exit within ${STOP_MS / 1000} s of SIGTERM`);
    check(code === 0, `the server exited with ${signal ?? `code ${code}`}`);
    await until(() => !groupAlive(server.pid), 10_000, `processes of the server's group ${server.pid} (its PostgreSQL) outlived it`);
    return 'exit 0, nothing left';
  });
}

/** A one-node ONNX graph, z = x + y over float[3], protobuf-encoded by hand (onnx.proto field numbers). */
function addModel() {
  const varint = (n) => {
    const out = [];
    for (; n > 127; n >>>= 7) out.push((n & 127) | 128);
    out.push(n);
    return Buffer.from(out);
  };
  const int = (field, n) => Buffer.concat([varint(field << 3), varint(n)]);
  const bytes = (field, ...parts) => {
    const body = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    return Buffer.concat([varint((field << 3) | 2), varint(body.length), body]);
  };
  // ValueInfoProto{name=1, type=2}, TypeProto{tensor_type=1}, Tensor{elem_type=1 (FLOAT), shape=2}, Shape{dim=1}, Dim{dim_value=1}
  const valueInfo = (name) => Buffer.concat([bytes(1, name), bytes(2, bytes(1, int(1, 1), bytes(2, bytes(1, int(1, 3)))))]);
  const node = Buffer.concat([bytes(1, 'x'), bytes(1, 'y'), bytes(2, 'z'), bytes(3, 'add'), bytes(4, 'Add')]); // NodeProto{input, output, name, op_type}
  const graph = Buffer.concat([bytes(1, node), bytes(2, 'pace-smoke'), bytes(11, valueInfo('x')), bytes(11, valueInfo('y')), bytes(12, valueInfo('z'))]);
  // ModelProto{ir_version=1, producer_name=2, graph=7, opset_import=8: OperatorSetIdProto{version=2}}
  return new Uint8Array(Buffer.concat([int(1, 8), bytes(2, 'pace-smoke'), bytes(7, graph), bytes(8, int(2, 13))]));
}

/** Path → bytes of every file in the export's tar archive, without the archive's top folder. */
async function untar(buffer) {
  const tar = require('tar-stream');
  const extract = tar.extract();
  extract.end(buffer);
  const files = new Map();
  for await (const entry of extract) {
    const chunks = [];
    for await (const c of entry) chunks.push(c);
    if (entry.header.type === 'file') files.set(entry.header.name.replace(/^[^/]+\//, ''), Buffer.concat(chunks));
  }
  return files;
}

function client(base) {
  const call = async (method, path, token, body) => {
    const headers = token ? { Authorization: `Bearer ${token}` } : {};
    const init = { method, headers };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const res = await fetch(base + path, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /api${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return { get: (path, token) => call('GET', path, token), post: (path, token, body) => call('POST', path, token, body) };
}

async function waitFor(get, done, what) {
  let last;
  await until(async () => done((last = await get())), JOB_WAIT_MS, () => `${what} still ${last?.status} after ${JOB_WAIT_MS / 1000} s: ${JSON.stringify(last?.progress ?? null)}`);
  return last;
}

async function until(condition, ms, message) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(typeof message === 'function' ? message() : message);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

function collectLines(stream, onLine) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    lines.forEach(onLine);
  });
  stream.on('end', () => rest && onLine(rest));
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

/** Whether any process is left in the server's process group (the server, PostgreSQL and its backends). */
function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Kills whatever is left of the server's process group: SIGTERM, then SIGKILL after 5 s. */
async function killServerGroup() {
  if (!server?.pid || !groupAlive(server.pid)) return;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
  const deadline = Date.now() + 5000;
  while (groupAlive(server.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(server.pid)) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

// Last resort if this process dies some other way: no server or PostgreSQL is left behind.
process.once('exit', () => {
  if (server?.pid && groupAlive(server.pid)) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
});
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    interrupted = true;
    console.error(`${label}: interrupted (${signal})`);
    await killServerGroup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    process.exit(130);
  });
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  if (interrupted) await new Promise(() => undefined); // the signal handler cleans up and exits
  const stepName = e instanceof StepFailure ? e.step : '(outside a step)';
  console.error(`  ✗ ${stepName}: ${e.message}`);
  if (serverLog.length) console.error(`--- server log, last 40 of ${serverLog.length} lines ---\n${serverLog.slice(-40).join('\n')}\n---`);
  console.error(`${label}: FAILED at "${stepName}" after ${seconds(started)} s`);
} finally {
  await killServerGroup();
  if (dataDir) await rm(dataDir, { recursive: true, force: true }).catch((e) => console.error(`could not remove ${dataDir}: ${e.message}`));
}
if (!failed) {
  // Not a failure, but worth seeing: what this node warns about while running the server (deprecations and such).
  const warnings = serverLog.filter((l) => /\((node|Use `node)|DeprecationWarning|ExperimentalWarning|\bWARN\b/.test(l));
  if (warnings.length) console.log(`  server warnings on ${process.version}:\n${warnings.map((w) => `    ${w}`).join('\n')}`);
  console.log(`${label}: passed in ${seconds(started)} s`);
}
process.exit(failed ? 1 : 0);

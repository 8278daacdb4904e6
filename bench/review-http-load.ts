import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/**
 * The review-http bench's load generator, a process of its own so its CPU is not the server's: each annotator asks
 * for the next item, thinks, submits, thinks (think time uniform 0–2T), over keep-alive HTTP connections. Reads
 * its config from the JSON file named by its argument; writes one JSON line of results to stdout.
 */
export interface LoadConfig {
  base: string;
  tokens: string[];
  thinkMs: number;
  seconds: number;
}

export interface LoadResult {
  next: number[];
  submit: number[];
  /** Submissions answered 200. */
  decisions: number;
  errors: number;
  /** The first few errors, for the report. */
  errorSamples: string[];
  empty: number;
  /** Requests sent again after the server had closed their idle keep-alive connection. */
  retried: number;
  seconds: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

let retried = 0;

/**
 * One POST over the keep-alive pool. A request sent on a reused connection that the server closed as it went idle
 * (its keepAliveTimeout) fails with ECONNRESET before any answer; like a browser, and as Node's documentation advises,
 * it is sent once more on a fresh connection (counted in `retried`). Both routes are safe to repeat.
 */
function post(url: URL, token: string, body: unknown, retry = true): Promise<{ status: number; text: string }> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { Authorization: token, 'Content-Type': 'application/json', 'Content-Length': payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (retry && req.reusedSocket && e.code === 'ECONNRESET') {
        retried++;
        post(url, token, body, false).then(resolve, reject);
      } else reject(e);
    });
    req.end(payload);
  });
}

async function run(c: LoadConfig): Promise<LoadResult> {
  const out: LoadResult = { next: [], submit: [], decisions: 0, errors: 0, errorSamples: [], empty: 0, retried: 0, seconds: c.seconds };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const think = () => sleep(Math.random() * 2 * c.thinkMs);
  const failed = (what: string) => {
    out.errors++;
    if (out.errorSamples.length < 5) out.errorSamples.push(what.slice(0, 300));
  };
  const started = Date.now();
  const deadline = started + c.seconds * 1000;
  await Promise.all(
    c.tokens.map(async (token, i) => {
      await think(); // arrivals spread over the first cycle
      for (let k = 0; Date.now() < deadline; k++) {
        let t0 = performance.now();
        let lease: string;
        try {
          const n = await post(new URL(`${c.base}/reviews/next`), token, {});
          out.next.push(performance.now() - t0);
          if (n.status === 204) {
            out.empty++;
            await think();
            continue;
          }
          if (n.status !== 200) throw new Error(`next: ${n.status} ${n.text}`);
          lease = (JSON.parse(n.text) as { lease: { id: string } }).lease.id;
        } catch (e) {
          failed((e as Error).message);
          await think();
          continue;
        }
        await think();
        const approve = Math.random() < 0.9;
        t0 = performance.now();
        try {
          const s = await post(new URL(`${c.base}/reviews/${lease}/decision`), token, {
            decision: approve ? 'approve' : 'reject',
            reasons: approve ? [] : ['incorrect_answer'],
            idempotencyKey: `http-${process.pid}-${i}-${k}`,
          });
          out.submit.push(performance.now() - t0);
          if (s.status !== 200) throw new Error(`submit: ${s.status} ${s.text}`);
          out.decisions++;
        } catch (e) {
          failed((e as Error).message);
        }
        await think();
      }
    }),
  );
  out.seconds = (Date.now() - started) / 1000;
  out.retried = retried;
  return out;
}

if (require.main === module) {
  const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadConfig;
  run(config).then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + '\n', () => process.exit(0));
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}

import type { ResvgRenderOptions } from '@resvg/resvg-js';
import { Worker } from 'node:worker_threads';

/**
 * Outlines an SVG's text (resvg's usvg writes each glyph as a path) on a thread of its own: laying out a chart's
 * text with a 10 MB CJK font takes ~0.5 s of CPU, which on the main thread would stall every other request (an
 * annotator's next item among them). One worker, started on first use, kept unref'd so it never holds the process open.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const { Resvg } = require(${JSON.stringify(require.resolve('@resvg/resvg-js'))});
parentPort.on('message', ({ id, svg, options }) => {
  try {
    parentPort.postMessage({ id, svg: new Resvg(svg, options).toString() });
  } catch (err) {
    parentPort.postMessage({ id, error: err && err.message ? err.message : String(err) });
  }
});
`;

interface Reply {
  id: number;
  svg?: string;
  error?: string;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (svg: string) => void; reject: (err: Error) => void }>();

function start(): Worker {
  const w = new Worker(SOURCE, { eval: true });
  w.unref();
  w.on('message', ({ id, svg, error }: Reply) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error !== undefined) p.reject(new Error(`Chart SVG: resvg could not outline the text: ${error}`));
    else p.resolve(svg!);
    if (!pending.size) w.unref();
  });
  const fail = (err: Error) => {
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(`Chart SVG: the outlining thread stopped: ${err.message}`));
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  return w;
}

/** The SVG with its text as paths, drawn with `options.font` only. */
export function outlineSvgText(svg: string, options: ResvgRenderOptions): Promise<string> {
  worker ??= start();
  const w = worker;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // while a reply is awaited the thread holds the process open, as any pending I/O would
    w.ref();
    w.postMessage({ id, svg, options });
  });
}

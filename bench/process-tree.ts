import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Kernel clock ticks per second, the unit of /proc's CPU times (100 on every Linux this runs on). */
const TICKS = 100;

function readOr(path: string, fallback = ''): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback; // the process or thread ended between listing and reading
  }
}

/** utime + stime in seconds, from a /proc/…/stat line (fields after the command name, which may hold spaces). */
function cpuSecondsOfStat(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Resident set size in bytes (VmRSS), 0 if the process is gone. */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`));
  return m ? Number(m[1]) * 1024 : 0;
}

/**
 * Proportional set size in bytes (Pss of smaps_rollup): each page shared by n processes counts 1/n to each, so
 * summed over processes it counts shared memory once. 0 if the process is gone, null if it is there but its
 * memory map may not be read (another user's process, without the right to trace it).
 */
export function pssOf(pid: number | 'self'): number | null {
  const m = /Pss:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/smaps_rollup`));
  if (m) return Number(m[1]) * 1024;
  return existsSync(`/proc/${pid}`) ? null : 0;
}

export function cpuSecondsOf(pid: number): number {
  const stat = readOr(`/proc/${pid}/stat`);
  return stat ? cpuSecondsOfStat(stat) : 0;
}

/** CPU seconds of each of this process's threads; the main thread's id is the process id. */
export function threadCpuSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readOr(`/proc/self/task/${tid}/stat`);
    if (stat) out.set(Number(tid), cpuSecondsOfStat(stat));
  }
  return out;
}

/** The embedded PostgreSQL's processes: the postmaster (first line of postmaster.pid) and its children. */
export function postgresPids(pgData: string): number[] {
  const postmaster = Number(readOr(join(pgData, 'postmaster.pid')).split('\n')[0]);
  if (!postmaster) return [];
  const children = readdirSync(`/proc/${postmaster}/task`).flatMap((tid) =>
    readOr(`/proc/${postmaster}/task/${tid}/children`).split(' ').filter(Boolean).map(Number),
  );
  return [postmaster, ...children];
}

/**
 * Peak memory of this process (its RSS includes its worker threads) plus the embedded PostgreSQL's processes.
 * Summed RSS counts memory that processes share (PostgreSQL's shared buffers) once per process that touched it,
 * an upper bound; summed PSS counts it once. RSS is sampled every `everyMs`, PSS (dearer to read) every tenth
 * time; PostgreSQL's processes are listed again every second (connections come and go).
 */
export class TreeMemorySampler {
  rss = { peak: 0, node: 0, postgres: 0 };
  pss = { peak: 0, node: 0, postgres: 0 };
  /** PostgreSQL processes whose PSS could not be read (another user's, without the right to): PSS is then short. */
  pssUnreadable = 0;
  private pids: number[] = [];
  private listedAt = 0;
  private samples = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pgData: string) {}

  start(everyMs = 50): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  private sample(): void {
    if (Date.now() - this.listedAt > 1000) {
      this.pids = postgresPids(this.pgData);
      this.listedAt = Date.now();
    }
    peakOf(this.rss, process.memoryUsage.rss(), this.pids.reduce((sum, pid) => sum + rssOf(pid), 0));
    if (this.samples++ % 10 !== 0) return;
    const pss = this.pids.map(pssOf);
    this.pssUnreadable = Math.max(this.pssUnreadable, pss.filter((p) => p === null).length);
    peakOf(this.pss, pssOf('self') ?? 0, pss.reduce((sum: number, p) => sum + (p ?? 0), 0));
  }
}

function peakOf(p: { peak: number; node: number; postgres: number }, node: number, postgres: number): void {
  p.node = Math.max(p.node, node);
  p.postgres = Math.max(p.postgres, postgres);
  p.peak = Math.max(p.peak, node + postgres);
}

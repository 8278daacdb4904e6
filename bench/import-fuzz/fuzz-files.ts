import fc from 'fast-check';
import type { FuzzCase } from './fuzz-cases';
import { framingSafePositions, jsonWithDuplicateKey, mutateBytes, mutateValue, mutationArb, nestedJson, VALUE_KINDS, type Mutation } from './fuzz-mutations';

/** One record of a fuzzed file: a sample record, untouched (a control, tagged to be unique) or mutated. */
export interface FuzzEntry {
  source: number;
  control: boolean;
  mutations: Mutation[];
}

export interface FuzzFile {
  entries: FuzzEntry[];
  bom: boolean;
  lineEnds: 'lf' | 'crlf' | 'mixed';
  /** JSON arrays: pretty-printed elements, one element per line, or the whole array on one line. */
  arrayLayout: 'pretty' | 'per-line' | 'one-line';
}

/** Which sample records may be controls (never duplicates of another sample record) and which may be mutated. */
export interface CasePools {
  controls: number[];
  mutants: number[];
}

export interface FileSize {
  controls: number;
  mutants: number;
  /** Longest string a hugeString mutation appends. */
  hugeMax: number;
  /** JSON arrays: the layouts to draw from (default: all three). */
  arrayLayouts?: Array<FuzzFile['arrayLayout']>;
}

export function fuzzFileArb(pools: CasePools, size: FileSize): fc.Arbitrary<FuzzFile> {
  const controls = Math.min(size.controls, pools.controls.length);
  const mutant = fc.record({
    source: fc.constantFrom(...pools.mutants),
    control: fc.constant(false),
    mutations: fc.array(mutationArb(size.hugeMax), { minLength: 1, maxLength: 3 }),
  });
  return fc
    .record({
      controls: fc.shuffledSubarray(pools.controls, { minLength: controls, maxLength: controls }),
      at: fc.array(fc.nat({ max: size.mutants }), { minLength: controls, maxLength: controls }),
      mutants: fc.array(mutant, { minLength: size.mutants, maxLength: size.mutants }),
      bom: fc.boolean(),
      lineEnds: fc.constantFrom('lf' as const, 'crlf' as const, 'mixed' as const),
      arrayLayout: fc.constantFrom(...(size.arrayLayouts ?? (['pretty', 'per-line', 'one-line'] as const))),
    })
    .map(({ controls: chosen, at, mutants, bom, lineEnds, arrayLayout }) => {
      const entries: FuzzEntry[] = [...mutants];
      // from the back, so earlier insertion points keep their meaning
      chosen
        .map((source, i) => ({ source, at: at[i] }))
        .sort((a, b) => b.at - a.at)
        .forEach(({ source, at: pos }) => entries.splice(pos, 0, { source, control: true, mutations: [] }));
      return { entries, bom, lineEnds, arrayLayout };
    });
}

/** The token written into control `i` of a file: letters and digits only, so text normalization leaves it whole. */
export const controlToken = (run: string, i: number) => `FZCTL${run}X${i}Q`;

export interface BuiltFile {
  bytes: Buffer;
  controls: Array<{ token: string; entry: number }>;
  /** Line on which each entry starts. */
  startLines: number[];
  /** Records (lines, array elements, rows) the reader must yield, each one outcome; null when not known up front. */
  units: number | null;
}

/** The file's bytes: each entry serialized and mutated, laid out in the case's format. */
export function buildFile(c: FuzzCase, f: FuzzFile, run: string, maxLineBytes: number): BuiltFile {
  const csv = c.format === 'csv';
  const container = c.format !== 'jsonl';
  let lineNo = 0;
  const eol = () => {
    lineNo++;
    const crlf = f.lineEnds === 'crlf' || (f.lineEnds === 'mixed' && ((lineNo * 2654435761) >>> 7) % 2 === 1);
    return crlf ? '\r\n' : '\n';
  };
  const controls: BuiltFile['controls'] = [];
  const last = f.entries.length - 1;
  const parts = f.entries.map((e, i) => {
    let record = c.records[e.source];
    if (e.control) {
      const token = controlToken(run, controls.length);
      controls.push({ token, entry: i });
      record = c.tag(record, token);
    }
    for (const m of e.mutations) if (VALUE_KINDS.has(m.kind)) record = mutateValue(record, m, csv);
    const dup = e.mutations.find((m): m is Extract<Mutation, { kind: 'duplicateKey' }> => m.kind === 'duplicateKey');
    let text: string;
    if (csv) {
      const cells = (record as unknown[]).map(String);
      if (e.mutations.some((m) => m.kind === 'bom') && cells.length > 0) cells[0] = `\ufeff${cells[0]}`;
      text = cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');
    } else {
      text = dup ? jsonWithDuplicateKey(record, dup) : f.arrayLayout === 'pretty' && container ? JSON.stringify(record, null, 2) : JSON.stringify(record);
      for (const m of e.mutations) if (m.kind === 'deepNest') text = nestedJson(text, m);
      if (e.mutations.some((m) => m.kind === 'bom')) text = `\ufeff${text}`;
      // JSON.stringify writes no raw newline inside a string: every one here is layout
      text = text.replace(/\n/g, () => eol());
    }
    let bytes: Buffer = Buffer.from(text, 'utf8');
    for (const m of e.mutations) {
      if (VALUE_KINDS.has(m.kind) || m.kind === 'duplicateKey' || m.kind === 'deepNest' || m.kind === 'bom') continue;
      // In an array or CSV file a cut record swallows what follows: only the file's last record is cut there.
      if (m.kind === 'truncate' && container && i !== last) continue;
      bytes = mutateBytes(bytes, m, container ? framingSafePositions(bytes, csv) : null);
    }
    return bytes;
  });
  const truncatedTail = container && f.entries[last]?.mutations.some((m) => m.kind === 'truncate');
  const chunks: Buffer[] = [];
  const startLines: number[] = [];
  let line = 1;
  const push = (b: Buffer) => {
    chunks.push(b);
    for (let k = b.indexOf(0x0a); k !== -1; k = b.indexOf(0x0a, k + 1)) line++;
  };
  const text = (s: string) => push(Buffer.from(s, 'utf8'));
  const entry = (p: Buffer) => {
    startLines.push(line);
    push(p);
  };
  if (f.bom) chunks.push(Buffer.from([0xef, 0xbb, 0xbf]));
  if (c.format === 'jsonl') {
    parts.forEach((p) => (entry(p), text(eol())));
  } else if (csv) {
    text(c.header!.map((h) => (/[",\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',') + eol());
    parts.forEach((p, i) => (entry(p), i !== last || !truncatedTail ? text(eol()) : undefined));
  } else {
    const oneLine = f.arrayLayout === 'one-line';
    text(oneLine ? '[' : `[${eol()}`);
    parts.forEach((p, i) => {
      entry(p);
      if (i < last) text(oneLine ? ',' : `,${eol()}`);
    });
    if (!truncatedTail) text(oneLine ? ']' : `${eol()}]${eol()}`);
  }
  const bytes = Buffer.concat(chunks);
  return { bytes, controls, startLines, units: c.format === 'jsonl' ? jsonlUnits(bytes, maxLineBytes) : f.entries.length };
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Non-blank lines of a JSON Lines file, each of which the importer must apply or report (an oracle apart from the reader). */
export function jsonlUnits(bytes: Buffer, maxLineBytes: number): number {
  let units = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    let line = bytes.subarray(start, end);
    if (line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, line.length - 1);
    if (start === 0 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    start = end + 1;
    if (line.length > maxLineBytes) {
      units++;
      continue;
    }
    let text: string;
    try {
      text = strict.decode(line);
    } catch {
      units++;
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== '') units++;
  }
  return units;
}

/** Parsing and resolving the paths used in adapter specs (syntax in adapter-spec.types.ts). */

export type PathRoot =
  | { kind: 'record' }
  | { kind: 'parent' }
  | { kind: 'index' }
  | { kind: 'file' }
  | { kind: 'var'; name: string }
  | { kind: 'column'; name: string };

export type PathSegment = { key: string } | { index: number } | { wildcard: true };

export interface ParsedPath {
  source: string;
  root: PathRoot;
  segments: PathSegment[];
  /** Whether a segment is `[*]` (the path may resolve to any number of values). */
  wildcard: boolean;
}

/** Where a path is evaluated: the record (or exploded element), its parent, computed vars, CSV columns. */
export interface PathScope {
  record: unknown;
  parent?: unknown;
  index?: number;
  /** Prefix naming the element inside the raw record in error paths, e.g. `[1][0]`; '' when not exploded. */
  elementPrefix: string;
  vars: Map<string, unknown>;
  /** The raw-record field each var was computed from, so errors about `@gold` can name `output`. */
  varFields?: Map<string, string | null>;
  /** `$file`: the base name of the file the record came from, as the user knows it (`chinese_history.csv`). */
  file?: string;
  /** CSV: logical column → real column name. */
  columns?: Map<string, { column: string; explicit: boolean }>;
}

const NAME = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff-]*/;

export class PathSyntaxError extends Error {}

// Specs are fixed at load time, so paths are parsed once per source text.
const parsed = new Map<string, ParsedPath>();

export function parsePath(source: string): ParsedPath {
  let path = parsed.get(source);
  if (!path) {
    path = parseUncached(source);
    parsed.set(source, path);
  }
  return path;
}

function parseUncached(source: string): ParsedPath {
  let rest = source;
  let root: PathRoot = { kind: 'record' };
  if (rest === '$index') return { source, root: { kind: 'index' }, segments: [], wildcard: false };
  if (rest === '$file') return { source, root: { kind: 'file' }, segments: [], wildcard: false };
  if (rest.startsWith('$parent')) {
    root = { kind: 'parent' };
    rest = rest.slice('$parent'.length);
    if (rest.startsWith('.')) rest = rest.slice(1);
  } else if (rest.startsWith('$col.')) {
    const name = NAME.exec(rest.slice(5));
    if (!name) throw new PathSyntaxError(`bad column name in path '${source}'`);
    root = { kind: 'column', name: name[0] };
    rest = rest.slice(5 + name[0].length);
  } else if (rest.startsWith('@')) {
    const name = NAME.exec(rest.slice(1));
    if (!name) throw new PathSyntaxError(`bad variable name in path '${source}'`);
    root = { kind: 'var', name: name[0] };
    rest = rest.slice(1 + name[0].length);
  } else if (rest.startsWith('$')) {
    throw new PathSyntaxError(`unknown path root in '${source}' (known: $parent, $index, $file, $col.<name>, @<var>)`);
  }
  const segments = parseSegments(rest, source, root.kind === 'record' || root.kind === 'parent');
  if (root.kind === 'record' && segments.length === 0) throw new PathSyntaxError('empty path');
  return { source, root, segments, wildcard: segments.some((s) => 'wildcard' in s) };
}

function parseSegments(text: string, source: string, bareKeyFirst: boolean): PathSegment[] {
  const segments: PathSegment[] = [];
  let rest = text;
  let first = true;
  while (rest.length > 0) {
    const bracket = /^\[(\d+|\*)\]/.exec(rest);
    if (bracket) {
      segments.push(bracket[1] === '*' ? { wildcard: true } : { index: Number(bracket[1]) });
      rest = rest.slice(bracket[0].length);
    } else {
      const dotted = first && bareKeyFirst ? rest : rest.startsWith('.') ? rest.slice(1) : null;
      const name = dotted === null ? null : NAME.exec(dotted);
      if (!name || dotted === null) throw new PathSyntaxError(`bad path '${source}' near '${rest}'`);
      segments.push({ key: name[0] });
      rest = dotted.slice(name[0].length);
    }
    first = false;
  }
  return segments;
}

export function renderSegments(segments: PathSegment[]): string {
  return segments
    .map((s, i) => ('key' in s ? (i === 0 ? s.key : `.${s.key}`) : 'index' in s ? `[${s.index}]` : '[*]'))
    .join('');
}

/** Joins a prefix and a relative path the way paths are written: `[1][0]` + `answer` → `[1][0].answer`. */
export function joinPath(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

/** A resolved value with the path naming it in the raw record (for error messages). */
export interface Located {
  where: string;
  value: unknown;
}

/** Resolves a path, expanding `[*]` into one result per element. */
export function resolveAll(path: ParsedPath, scope: PathScope): Located[] {
  const start = startOf(path, scope);
  let current: Located[] = [start];
  path.segments.forEach((segment, i) => {
    const next: Located[] = [];
    for (const { where, value } of current) {
      if ('wildcard' in segment) {
        if (Array.isArray(value)) value.forEach((v, j) => next.push({ where: `${where}[${j}]`, value: v }));
      } else if ('index' in segment) {
        next.push({ where: `${where}[${segment.index}]`, value: Array.isArray(value) ? value[segment.index] : undefined });
      } else {
        const v = isPlainObject(value) ? value[segment.key] : undefined;
        next.push({ where: i === 0 && !where ? segment.key : `${where}.${segment.key}`, value: v });
      }
    }
    current = next;
  });
  return current;
}

export function resolve(path: ParsedPath, scope: PathScope): Located {
  if (path.wildcard) return resolveAll(path, scope)[0] ?? { where: path.source, value: undefined };
  // resolveAll without its arrays: this runs several times per field of every imported record
  let { where, value } = startOf(path, scope);
  for (let i = 0; i < path.segments.length; i++) {
    const segment = path.segments[i] as Exclude<PathSegment, { wildcard: true }>;
    if ('index' in segment) {
      where = `${where}[${segment.index}]`;
      value = Array.isArray(value) ? value[segment.index] : undefined;
    } else {
      where = i === 0 && !where ? segment.key : `${where}.${segment.key}`;
      value = isPlainObject(value) ? value[segment.key] : undefined;
    }
  }
  return { where, value };
}

function startOf(path: ParsedPath, scope: PathScope): Located {
  switch (path.root.kind) {
    case 'record':
      return { where: scope.elementPrefix, value: scope.record };
    case 'parent':
      return { where: '', value: scope.parent };
    case 'index':
      return { where: '$index', value: scope.index };
    case 'file':
      return { where: '$file', value: scope.file ?? null };
    case 'var':
      return { where: scope.varFields?.get(path.root.name) ?? `@${path.root.name}`, value: scope.vars.get(path.root.name) };
    case 'column': {
      const column = scope.columns?.get(path.root.name)?.column ?? path.root.name;
      const row = isPlainObject(scope.record) ? scope.record : {};
      return { where: column, value: row[column] };
    }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

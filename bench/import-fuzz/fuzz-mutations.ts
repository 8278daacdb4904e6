import fc from 'fast-check';

/**
 * Mutations of one record, as plain data (so a failing case prints and shrinks): where a mutation acts is a fraction
 * `at` of the candidate places, resolved when it is applied. Value mutations change the parsed record; text mutations
 * its serialized text; byte mutations its UTF-8 bytes.
 */
export type Mutation =
  // value level
  | { kind: 'wrongType'; at: number; to: 'number' | 'null' | 'boolean' | 'object' | 'array' | 'string' }
  | { kind: 'nest'; at: number; as: 'array' | 'object' }
  | { kind: 'drop'; at: number }
  | { kind: 'hugeString'; at: number; length: number; cjk: boolean }
  | { kind: 'insertChars'; at: number; pos: number; chars: string }
  | { kind: 'cutString'; at: number; pos: number }
  | { kind: 'wrapInArray' }
  // text level
  | { kind: 'duplicateKey'; at: number; last: boolean; to: 'number' | 'null' | 'string' }
  | { kind: 'deepNest'; depth: number; field: boolean }
  | { kind: 'bom' }
  // byte level
  | { kind: 'truncate'; pos: number }
  | { kind: 'byteFlip'; pos: number; mask: number }
  | { kind: 'invalidUtf8'; pos: number; bytes: number[] }
  | { kind: 'rawNul'; pos: number };

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** Control characters, NUL and lone surrogates, as a string value would hold them (JSON writes them as escapes). */
const oddChars = fc
  .array(
    fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\n', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'),
    { minLength: 1, maxLength: 4 },
  )
  .map((cs) => cs.join(''));

const invalidSequences = fc.constantFrom<number[]>([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe4, 0xb8], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80]);

export function mutationArb(hugeMax: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc.record({ kind: fc.constant('wrongType' as const), at: fraction, to: fc.constantFrom('number' as const, 'null' as const, 'boolean' as const, 'object' as const, 'array' as const, 'string' as const) }),
    fc.record({ kind: fc.constant('nest' as const), at: fraction, as: fc.constantFrom('array' as const, 'object' as const) }),
    fc.record({ kind: fc.constant('drop' as const), at: fraction }),
    fc.record({ kind: fc.constant('hugeString' as const), at: fraction, length: fc.integer({ min: 1000, max: hugeMax }), cjk: fc.boolean() }),
    fc.record({ kind: fc.constant('insertChars' as const), at: fraction, pos: fraction, chars: oddChars }),
    fc.record({ kind: fc.constant('cutString' as const), at: fraction, pos: fraction }),
    fc.constant({ kind: 'wrapInArray' as const }),
    fc.record({ kind: fc.constant('duplicateKey' as const), at: fraction, last: fc.boolean(), to: fc.constantFrom('number' as const, 'null' as const, 'string' as const) }),
    fc.record({ kind: fc.constant('deepNest' as const), depth: fc.integer({ min: 2, max: 20_000 }), field: fc.boolean() }),
    fc.constant({ kind: 'bom' as const }),
    fc.record({ kind: fc.constant('truncate' as const), pos: fraction }),
    fc.record({ kind: fc.constant('byteFlip' as const), pos: fraction, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant('invalidUtf8' as const), pos: fraction, bytes: invalidSequences }),
    fc.record({ kind: fc.constant('rawNul' as const), pos: fraction }),
  );
}

export const VALUE_KINDS = new Set(['wrongType', 'nest', 'drop', 'hugeString', 'insertChars', 'cutString', 'wrapInArray']);

// ---- value level -------------------------------------------------------------------------------------------------

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), pathsOf(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      pathsOf(v, [...prefix, k], out);
    }
  }
  return out;
}

const pick = <T>(xs: T[], at: number): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(at * xs.length)]);

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  return node;
}

function otherValue(to: string, old: unknown): unknown {
  switch (to) {
    case 'number':
      return typeof old === 'number' ? String(old) : 42;
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'object':
      return { value: old };
    case 'array':
      return Array.isArray(old) ? {} : [old];
    default:
      return typeof old === 'string' ? 7 : String(old);
  }
}

/** A record with one value mutation applied (records are cloned first; CSV rows are arrays of cells). */
export function mutateValue(record: unknown, m: Mutation, csv: boolean): unknown {
  let root = structuredClone(record);
  if (m.kind === 'wrapInArray') return csv ? [...(root as string[]), 'extra cell'] : [root];
  const paths = pathsOf(root);
  const strings = paths.filter((p) => typeof parentOf(root, p)[p[p.length - 1]] === 'string');
  const apply = (path: Path | undefined, f: (old: unknown) => unknown): void => {
    if (!path) return;
    const parent = parentOf(root, path);
    const key = path[path.length - 1];
    parent[key] = f(parent[key]);
  };
  switch (m.kind) {
    case 'wrongType':
      // a CSV cell is always text: an out-of-place value stands in for a wrong type
      apply(pick(paths, m.at), (old) => (csv ? 'E' : otherValue(m.to, old)));
      break;
    case 'nest':
      if (csv) root = [...(root as string[]), '[nested]'];
      else apply(pick(paths, m.at), (old) => (m.as === 'array' ? [old] : { nested: old }));
      break;
    case 'drop': {
      const path = pick(paths, m.at);
      if (!path) break;
      const parent = parentOf(root, path);
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
      else delete parent[path[path.length - 1]];
      break;
    }
    case 'hugeString':
      apply(pick(strings, m.at), (old) => `${String(old)}${(m.cjk ? '长' : 'x').repeat(m.length)}`);
      break;
    case 'insertChars':
      apply(pick(strings, m.at), (old) => {
        const s = String(old);
        const at = Math.floor(m.pos * (s.length + 1));
        return s.slice(0, at) + m.chars + s.slice(at);
      });
      break;
    case 'cutString':
      apply(pick(strings, m.at), (old) => String(old).slice(0, Math.floor(m.pos * String(old).length)));
      break;
  }
  return root;
}

// ---- text level ----------------------------------------------------------------------------------------------------

/** JSON text of `value` with one object's key written twice: the duplicate (of another type) before or after the real one. */
export function jsonWithDuplicateKey(value: unknown, m: Extract<Mutation, { kind: 'duplicateKey' }>): string {
  const objects: object[] = [];
  (function collect(v: unknown) {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') {
      if (Object.keys(v).length > 0) objects.push(v);
      Object.values(v).forEach(collect);
    }
  })(value);
  const target = pick(objects, m.at);
  if (!target) return JSON.stringify(value);
  const key = Object.keys(target)[0];
  const dup = JSON.stringify(m.to === 'number' ? 1 : m.to === 'null' ? null : 'duplicate');
  const write = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    const fields = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`);
    if (v === target) {
      const extra = `${JSON.stringify(key)}:${dup}`;
      if (m.last) fields.push(extra);
      else fields.unshift(extra);
    }
    return `{${fields.join(',')}}`;
  };
  return write(value);
}

/** JSON text nested `depth` levels deeper: the record wrapped in arrays, or an extra field of nested arrays. */
export function nestedJson(text: string, m: Extract<Mutation, { kind: 'deepNest' }>): string {
  const deep = `${'['.repeat(m.depth)}0${']'.repeat(m.depth)}`;
  if (m.field && text.startsWith('{')) return `{"deep":${deep}${text.length > 2 ? ',' : ''}${text.slice(1)}`;
  return `${'['.repeat(m.depth)}${text}${']'.repeat(m.depth)}`;
}

// ---- byte level ----------------------------------------------------------------------------------------------------

/**
 * Byte positions where a byte may be inserted or changed without moving the record's framing: inside a JSON string
 * (not right after its escaping backslash) or a quoted CSV cell (not at a quote). Changing a quote, a backslash or a
 * newline there would shift where every later record of an array or CSV file starts.
 */
export function framingSafePositions(bytes: Buffer, csv: boolean): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (!inString) {
      if (b === 0x22) inString = true;
      continue;
    }
    if (csv) {
      if (b === 0x22) {
        if (bytes[i + 1] === 0x22) i++;
        else inString = false;
        continue;
      }
    } else if (b === 0x5c) {
      i++;
      continue;
    } else if (b === 0x22) {
      inString = false;
      continue;
    }
    if (b !== 0x0a && b !== 0x0d) out.push(i);
  }
  return out;
}

const FRAMING = new Set([0x22, 0x5c, 0x0a, 0x0d]);

/** Applies a byte mutation; `safe` limits it to framing-safe positions (null: anywhere). */
export function mutateBytes(bytes: Buffer, m: Mutation, safe: number[] | null): Buffer {
  const positions = safe ?? Array.from({ length: bytes.length + 1 }, (_, i) => i);
  const at = pick(positions, 'pos' in m ? m.pos : 0);
  if (at === undefined) return bytes;
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'byteFlip': {
      if (at >= bytes.length) return bytes;
      const out = Buffer.from(bytes);
      out[at] ^= m.mask;
      if (safe && FRAMING.has(out[at])) out[at] = 0xff;
      return out;
    }
    case 'invalidUtf8':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    case 'rawNul':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
    default:
      return bytes;
  }
}

/**
 * What text an import accepts, decided in one place. Every record a reader yields and every item an adapter makes
 * goes through `unsafeTextIn` (in standardizeRecord, right before an item is staged for the binary COPY), and every
 * error row and failure reason goes through `quoteSafely` on its way into PostgreSQL (ImportsRepository).
 *
 * Refused, and the record reported (file, line, field, reason), never silently changed:
 * - U+0000: PostgreSQL stores it in neither text nor jsonb, and refused the whole batch;
 * - an unpaired UTF-16 surrogate (`"\ud800"` in JSON): not a Unicode character, no UTF-8 form; jsonb refuses it and
 *   text would get U+FFFD in its place;
 * - the other C0 control characters except tab, line feed and carriage return: PostgreSQL would store them, but in
 *   instruction text they are corruption (a binary blob, a bad conversion), and stripping them would change a record
 *   without a word.
 * Tab, LF and CR, DEL and everything above U+001F that is a character are kept as they are.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** String.prototype.isWellFormed (ES2024, in Node since 20): no unpaired surrogate. Not yet in the project's TypeScript lib. */
type WellFormedString = string & { isWellFormed(): boolean };

const NAMES: Record<number, string> = { 0: 'NUL', 7: 'BEL', 8: 'BS', 0x0b: 'VT', 0x0c: 'FF', 0x1b: 'ESC' };

export interface UnsafeText {
  /** Path of the string in the value (`messages[1].content`, `[0][2]`), or null for the value itself. */
  field: string | null;
  reason: string;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Why `s` cannot be imported, or null when it can. */
export function unsafeCharIn(s: string): string | null {
  // Nearly every string is fine: two quick scans say so in half the time of the one regex that also finds where.
  if ((s as WellFormedString).isWellFormed() && !CONTROL.test(s)) return null;
  const m = UNSAFE.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const at = `at character ${m.index + 1}`;
  if (code >= 0xd800) return `unpaired UTF-16 surrogate U+${hex(code)} ${at} (not a Unicode character; PostgreSQL cannot store it)`;
  if (code === 0) return `NUL character (U+0000) ${at} (PostgreSQL cannot store it)`;
  const name = NAMES[code] ? ` (${NAMES[code]})` : '';
  return `control character U+${hex(code)}${name} ${at} (only tab, line feed and carriage return are accepted)`;
}

const IDENTIFIER = /^[A-Za-z_\u0080-\uffff][\w\u0080-\uffff-]*$/;

function keyPath(prefix: string, key: string): string {
  if (IDENTIFIER.test(key)) return prefix ? `${prefix}.${key}` : key;
  return `${prefix}[${JSON.stringify(quoteSafely(key))}]`;
}

/** The first string (or object key) in a parsed record that cannot be imported, depth first; null when all can. */
export function unsafeTextIn(value: unknown, path = ''): UnsafeText | null {
  if (typeof value === 'string') {
    const reason = unsafeCharIn(value);
    return reason ? { field: path || null, reason } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const where = keyPath(path, key);
    const inKey = unsafeCharIn(key);
    if (inKey) return { field: where, reason: `the key: ${inKey}` };
    const found = unsafeTextIn((value as Record<string, unknown>)[key], where);
    if (found) return found;
  }
  return null;
}

/** `s` with every character unsafeCharIn refuses written as a visible `\uXXXX` escape: storable, and shows what was there. */
export function quoteSafely(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : s;
}

/** Null-preserving quoteSafely, for optional columns. */
export function quoteSafelyOrNull(s: string | null | undefined): string | null {
  return s == null ? null : quoteSafely(s);
}

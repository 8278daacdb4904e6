/** Space separators other than U+0020 and U+3000, plus vertical tab and form feed. */
const OTHER_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\v\f]/g;
const LEAD = /^[ \t\u3000]*/;
/** Anything the function below would change; most spans have none. */
const WORK = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\v\f\t\u3000]| {2}| \n|\n{3}/;

/**
 * Whitespace of one prose span: other spaces → ' '; at a line start, ASCII indentation (spaces,
 * tabs) is kept and U+3000 (Chinese paragraph indent) dropped; elsewhere tabs and U+3000 → ' ' and
 * space runs → one; trailing spaces cut; 3+ newlines → 2. The span's last line is not trimmed:
 * it goes on into the next (kept) span on the same line.
 */
export function normalizeProseWhitespace(s: string, startsLine: boolean): string {
  if (!WORK.test(s)) return s;
  const lines = s.replace(OTHER_SPACES, ' ').split('\n');
  for (let k = 0; k < lines.length; k++) {
    let line = lines[k];
    let lead = '';
    if (k > 0 || startsLine) {
      const m = (LEAD.exec(line) as RegExpExecArray)[0];
      lead = m.includes('\u3000') ? m.replace(/\u3000/g, '') : m;
      line = line.slice(m.length);
    }
    line = line.replace(/[\t\u3000]/g, ' ').replace(/ {2,}/g, ' ');
    if (k < lines.length - 1) {
      line = line.replace(/ +$/, '');
      if (line === '') lead = '';
    }
    lines[k] = lead + line;
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Full-width ASCII letters and digits (Ａ-Ｚ, ａ-ｚ, ０-９) → half-width. */
export function halfWidthAlnum(s: string): string {
  return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

import type { ImportErrorCode } from '../import-error-codes';
import type { ResumePoint } from '../import-types';

export type SplitEvent =
  /** `bytes` is null when the element is over the size limit (then `head` holds its first bytes). */
  /** `offset` is where the element's first byte is in the input, whatever line it shares with others. */
  | { kind: 'element'; line: number; offset: number; bytes: Buffer | null; head?: Buffer; size: number; next: ResumePoint }
  | { kind: 'error'; line: number; code: ImportErrorCode; reason: string; next: ResumePoint; fatal: boolean }
  /** The file does not start with `[`; `found` is null when it holds only whitespace. */
  | { kind: 'not-array'; found: string | null };

const BEFORE = 0; // before the opening '['
const EXPECT_VALUE = 1; // after '[' or a top-level ','
const IN_ELEMENT = 2;
const EXPECT_SEP = 3; // resumed at a top-level ',' or ']'
const AFTER = 4; // after the closing ']'
const DONE = 5; // stopped by a fatal problem

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NL = 0x0a;
const COMMA = 0x2c;
const OPEN_SQ = 0x5b;
const CLOSE_SQ = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const HEAD_BYTES = 1024;

function isSpace(b: number): boolean {
  return b === 0x20 || b === NL || b === 0x0d || b === 0x09;
}

/**
 * Splits a top-level JSON array into its elements' bytes without parsing them: it tracks only
 * strings, escapes and bracket nesting. An element is everything between two top-level separators,
 * so a broken element is contained and the next one starts cleanly. Two heuristics keep a break
 * local: a closing bracket that skips unclosed openers closes them too, and a raw newline inside a
 * string (never valid JSON) ends the string.
 *
 * `next.offset` of an element is the offset of the separator after it; a splitter created with that
 * point as `resume` continues from there.
 */
export class JsonArraySplitter {
  private state: number;
  private line: number;
  private base: number;
  private inString = false;
  private escapePending = false;
  private readonly stack: number[] = [];
  private elemStart = 0;
  private elemLine = 0;
  private pieces: Buffer[] = [];
  private collected = 0;
  private head: Buffer | undefined;

  constructor(
    private readonly maxBytes: number,
    resume?: ResumePoint,
  ) {
    this.state = resume ? EXPECT_SEP : BEFORE;
    this.line = resume ? resume.line : 1;
    this.base = resume ? resume.offset : 0;
  }

  get stopped(): boolean {
    return this.state === DONE;
  }

  push(chunk: Buffer): SplitEvent[] {
    const out: SplitEvent[] = [];
    const n = chunk.length;
    let i = 0;
    if (this.escapePending && n > 0) {
      this.escapePending = false;
      if (chunk[0] === NL) this.line++;
      i = 1;
    }
    for (; i < n && this.state !== DONE; i++) {
      let b = chunk[i];
      if (this.state === IN_ELEMENT) {
        if (this.inString) {
          while (b !== QUOTE && b !== BACKSLASH && b !== NL && ++i < n) b = chunk[i];
          if (i === n) break;
          if (b === QUOTE) this.inString = false;
          else if (b === NL) {
            this.line++;
            this.inString = false;
          } else if (i + 1 < n) {
            i++;
            if (chunk[i] === NL) this.line++;
          } else this.escapePending = true;
          continue;
        }
        if (b === QUOTE) this.inString = true;
        else if (b === NL) this.line++;
        else if (b === OPEN_CURLY || b === OPEN_SQ) this.stack.push(b);
        else if (b === CLOSE_CURLY) this.closeBracket(OPEN_CURLY);
        else if (b === CLOSE_SQ) {
          if (!this.closeBracket(OPEN_SQ)) {
            this.finishElement(chunk, i, out);
            this.state = AFTER;
          }
        } else if (b === COMMA && this.stack.length === 0) {
          this.finishElement(chunk, i, out);
          this.state = EXPECT_VALUE;
        }
        continue;
      }
      if (b === NL) {
        this.line++;
        continue;
      }
      if (isSpace(b)) continue;
      switch (this.state) {
        case BEFORE:
          if (b === 0xef && this.base + i === 0 && chunk[i + 1] === 0xbb && chunk[i + 2] === 0xbf) i += 2;
          else if (b === OPEN_SQ) this.state = EXPECT_VALUE;
          else {
            out.push({ kind: 'not-array', found: String.fromCharCode(b) });
            this.state = DONE;
          }
          break;
        case EXPECT_VALUE:
          if (b === CLOSE_SQ) this.state = AFTER;
          else if (b === COMMA) {
            out.push({ kind: 'error', line: this.line, code: 'empty_element', reason: 'empty array element (two commas in a row)', next: this.point(i), fatal: false });
          } else {
            this.state = IN_ELEMENT;
            this.elemStart = this.base + i;
            this.elemLine = this.line;
            i--; // let IN_ELEMENT see this byte
          }
          break;
        case EXPECT_SEP:
          if (b === COMMA) this.state = EXPECT_VALUE;
          else if (b === CLOSE_SQ) this.state = AFTER;
          else this.fatal(out, 'resume_mismatch', 'the resume point is not between two array elements; was the file replaced?', i);
          break;
        case AFTER:
          this.fatal(out, 'trailing_content', 'unexpected content after the end of the top-level array', i);
          break;
      }
    }
    if (this.state === IN_ELEMENT) this.keep(chunk.subarray(Math.max(0, this.elemStart - this.base)));
    this.base += n;
    return out;
  }

  end(): SplitEvent[] {
    const out: SplitEvent[] = [];
    const eof = { offset: this.base, line: this.line };
    if (this.state === BEFORE) out.push({ kind: 'not-array', found: null });
    else if (this.state === IN_ELEMENT && (this.inString || this.escapePending || this.stack.length > 0)) {
      const reason = `the element starting here is not closed at the end of the file (line ${this.line}); the file may be truncated`;
      out.push({ kind: 'error', line: this.elemLine, code: 'truncated', reason, next: eof, fatal: true });
    } else if (this.state === IN_ELEMENT || this.state === EXPECT_VALUE || this.state === EXPECT_SEP) {
      if (this.state === IN_ELEMENT) this.finishElement(Buffer.alloc(0), 0, out);
      const reason = `the top-level array is not closed at the end of the file (line ${this.line}); the file may be truncated`;
      out.push({ kind: 'error', line: this.line, code: 'truncated', reason, next: eof, fatal: true });
    }
    this.state = DONE;
    return out;
  }

  private point(i: number): ResumePoint {
    return { offset: this.base + i, line: this.line };
  }

  private fatal(out: SplitEvent[], code: ImportErrorCode, reason: string, i: number): void {
    out.push({ kind: 'error', line: this.line, code, reason, next: this.point(i), fatal: true });
    this.state = DONE;
  }

  /** Pops up to the matching opener; false when there is none (a ']' then closes the top-level array). */
  private closeBracket(opener: number): boolean {
    const s = this.stack;
    const at = s.lastIndexOf(opener);
    if (at === -1) {
      if (opener === OPEN_SQ) {
        s.length = 0;
        return false;
      }
      return true; // stray '}': left for JSON.parse to report
    }
    s.length = at;
    return true;
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.collected += part.length;
    if (this.head !== undefined) return;
    this.pieces.push(part);
    if (this.collected > this.maxBytes) {
      this.head = Buffer.from(Buffer.concat(this.pieces).subarray(0, HEAD_BYTES));
      this.pieces = [];
    }
  }

  /** Emits the element that ends just before chunk[i] (a separator, or the end of the input). */
  private finishElement(chunk: Buffer, i: number, out: SplitEvent[]): void {
    const sepOffset = this.base + i;
    const size = sepOffset - this.elemStart;
    const next = { offset: sepOffset, line: this.line };
    if (size > this.maxBytes) {
      const head = this.head ?? Buffer.from(Buffer.concat([...this.pieces, chunk.subarray(Math.max(0, this.elemStart - this.base), i)]).subarray(0, HEAD_BYTES));
      out.push({ kind: 'element', line: this.elemLine, offset: this.elemStart, bytes: null, head, size, next });
    } else {
      const tail = chunk.subarray(Math.max(0, this.elemStart - this.base), i);
      const bytes = this.pieces.length === 0 ? tail : Buffer.concat([...this.pieces, tail]);
      out.push({ kind: 'element', line: this.elemLine, offset: this.elemStart, bytes, size, next });
    }
    this.pieces = [];
    this.collected = 0;
    this.head = undefined;
    this.inString = false;
  }
}

import type { LineKind } from './record-sql';

/**
 * The JSON lines of record-sql.ts built in Node from a snapshot's jsonb text (as PostgreSQL prints it), byte for byte
 * the same, without decoding it: the database then only looks the snapshot up and prints it, which costs about half
 * of rendering the line itself. PostgreSQL escapes a string in jsonb's text exactly as to_json(text) does (both go
 * through escape_json), so a string's literal is copied as it stands, quotes included.
 *
 * Only the shape a freeze writes is rendered here: `messages` an array of objects whose role and content are strings,
 * `questionFormat` 0 or 1, `gold`, `reviewMode`, and the distractors' `fine` and `coarse` strings or null (or
 * missing). For anything else `append` returns false and the caller asks the database for that line (lineSql), so
 * odd content comes out exactly as before, errors included.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const bytes = (s: string) => Buffer.from(s, 'utf8');
const KEY = {
  messages: bytes('"messages"'),
  questionFormat: bytes('"questionFormat"'),
  gold: bytes('"gold"'),
  distractors: bytes('"distractors"'),
  reviewMode: bytes('"reviewMode"'),
  role: bytes('"role"'),
  content: bytes('"content"'),
  fine: bytes('"fine"'),
  coarse: bytes('"coarse"'),
  assistant: bytes('"assistant"'),
  null: bytes('null'),
};

/** A growing output buffer; `take()` hands over what was written and starts a new one. */
export class LineBuffer {
  private buf: Buffer;
  private at = 0;

  constructor(private readonly initial = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  get length(): number {
    return this.at;
  }

  copy(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.at + n > this.buf.length) this.grow(n);
    if (n < 32) {
      const buf = this.buf;
      let at = this.at;
      for (let i = start; i < end; i++) buf[at++] = src[i];
    } else {
      this.buf.set(src.subarray(start, end), this.at);
    }
    this.at += n;
  }

  put(src: Uint8Array): void {
    this.copy(src, 0, src.length);
  }

  /** Takes back the last `n` bytes written (a line abandoned halfway). */
  rewind(to: number): void {
    this.at = to;
  }

  take(): Buffer {
    const out = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(Math.max(this.initial, this.at));
    this.at = 0;
    return out;
  }

  private grow(n: number): void {
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }
}

class Odd extends Error {}
const ODD = new Odd();

/**
 * A snapshot's fields read from its jsonb text, each as [start, end) of its literal in the source (-1: absent or JSON
 * null). `read` throws ODD for a snapshot not of the shape a freeze writes. Reused from row to row.
 */
export class SnapshotFields {
  roles: number[] = [];
  contents: number[] = [];
  messages = 0;
  questionFormat = -1;
  gold = -1;
  goldEnd = -1;
  /** 0: no distractors (missing or null), 1: an object, 2: any other value. */
  distractors = 0;
  fine = -1;
  fineEnd = -1;
  coarse = -1;
  coarseEnd = -1;
  reviewMode = -1;
  reviewModeEnd = -1;

  /** False when the snapshot is not of the shape a freeze writes. */
  tryRead(src: Buffer, start: number, end: number): boolean {
    try {
      this.read(src, start, end);
      return true;
    } catch (e) {
      if (e === ODD) return false;
      throw e;
    }
  }

  /** The index of the last message whose role is "assistant", or -1. */
  lastAssistant(b: Buffer): number {
    for (let m = this.messages - 1; m >= 0; m--) if (sameBytes(b, this.roles[2 * m], this.roles[2 * m + 1], KEY.assistant)) return m;
    return -1;
  }

  private read(b: Buffer, start: number, end: number): void {
    this.messages = -1;
    this.questionFormat = -1;
    this.gold = this.fine = this.coarse = this.reviewMode = -1;
    this.distractors = 0;
    let i = ws(b, start, end);
    if (b[i] !== OPEN_OBJECT) throw ODD;
    i = ws(b, i + 1, end);
    if (b[i] === CLOSE_OBJECT) throw ODD;
    for (;;) {
      if (b[i] !== QUOTE) throw ODD;
      const key = i;
      const keyEnd = stringEnd(b, i, end);
      i = ws(b, keyEnd, end);
      if (b[i] !== COLON) throw ODD;
      const value = ws(b, i + 1, end);
      let valueEnd: number;
      if (sameBytes(b, key, keyEnd, KEY.messages)) valueEnd = this.readMessages(b, value, end);
      else {
        valueEnd = skipValue(b, value, end);
        if (sameBytes(b, key, keyEnd, KEY.questionFormat)) {
          if (valueEnd !== value + 1 || (b[value] !== 0x30 && b[value] !== 0x31)) throw ODD;
          this.questionFormat = b[value] - 0x30;
        } else if (sameBytes(b, key, keyEnd, KEY.gold)) {
          [this.gold, this.goldEnd] = stringOrNull(b, value, valueEnd);
        } else if (sameBytes(b, key, keyEnd, KEY.reviewMode)) {
          [this.reviewMode, this.reviewModeEnd] = stringOrNull(b, value, valueEnd);
        } else if (sameBytes(b, key, keyEnd, KEY.distractors)) {
          if (b[value] === OPEN_OBJECT) this.readDistractors(b, value, valueEnd);
          else if (!sameBytes(b, value, valueEnd, KEY.null)) this.distractors = 2;
        }
      }
      i = ws(b, valueEnd, end);
      if (b[i] === COMMA) i = ws(b, i + 1, end);
      else if (b[i] === CLOSE_OBJECT) break;
      else throw ODD;
    }
    if (this.messages < 0 || this.questionFormat < 0) throw ODD;
  }

  /** `[{"role": "…", "content": "…", …}, …]`; returns the end of the array. */
  private readMessages(b: Buffer, i: number, end: number): number {
    if (b[i] !== OPEN_ARRAY) throw ODD;
    const roles = this.roles;
    const contents = this.contents;
    let n = 0;
    i = ws(b, i + 1, end);
    if (b[i] === CLOSE_ARRAY) {
      this.messages = 0;
      return i + 1;
    }
    for (;;) {
      if (b[i] !== OPEN_OBJECT) throw ODD;
      let role = -1;
      let roleEnd = -1;
      let content = -1;
      let contentEnd = -1;
      i = ws(b, i + 1, end);
      if (b[i] !== CLOSE_OBJECT) {
        for (;;) {
          if (b[i] !== QUOTE) throw ODD;
          const key = i;
          const keyEnd = stringEnd(b, i, end);
          i = ws(b, keyEnd, end);
          if (b[i] !== COLON) throw ODD;
          const value = ws(b, i + 1, end);
          const valueEnd = skipValue(b, value, end);
          if (sameBytes(b, key, keyEnd, KEY.role)) {
            if (b[value] !== QUOTE) throw ODD;
            role = value;
            roleEnd = valueEnd;
          } else if (sameBytes(b, key, keyEnd, KEY.content)) {
            if (b[value] !== QUOTE) throw ODD;
            content = value;
            contentEnd = valueEnd;
          }
          i = ws(b, valueEnd, end);
          if (b[i] === COMMA) i = ws(b, i + 1, end);
          else if (b[i] === CLOSE_OBJECT) break;
          else throw ODD;
        }
      }
      if (role < 0 || content < 0) throw ODD;
      roles[2 * n] = role;
      roles[2 * n + 1] = roleEnd;
      contents[2 * n] = content;
      contents[2 * n + 1] = contentEnd;
      n++;
      i = ws(b, i + 1, end);
      if (b[i] === COMMA) i = ws(b, i + 1, end);
      else if (b[i] === CLOSE_ARRAY) break;
      else throw ODD;
    }
    this.messages = n;
    return i + 1;
  }

  /** `{"fine": "…", "coarse": "…", …}`, each string, null or missing. */
  private readDistractors(b: Buffer, i: number, end: number): void {
    this.distractors = 1;
    i = ws(b, i + 1, end);
    if (b[i] === CLOSE_OBJECT) return;
    for (;;) {
      if (b[i] !== QUOTE) throw ODD;
      const key = i;
      const keyEnd = stringEnd(b, i, end);
      i = ws(b, keyEnd, end);
      if (b[i] !== COLON) throw ODD;
      const value = ws(b, i + 1, end);
      const valueEnd = skipValue(b, value, end);
      if (sameBytes(b, key, keyEnd, KEY.fine)) [this.fine, this.fineEnd] = stringOrNull(b, value, valueEnd);
      else if (sameBytes(b, key, keyEnd, KEY.coarse)) [this.coarse, this.coarseEnd] = stringOrNull(b, value, valueEnd);
      i = ws(b, valueEnd, end);
      if (b[i] === COMMA) i = ws(b, i + 1, end);
      else if (b[i] === CLOSE_OBJECT) return;
      else throw ODD;
    }
  }

}

/** Renders one kind of line for one ability (not reentrant: it reuses its scratch space). */
export class LineRenderer {
  private readonly head: Buffer;
  private readonly type: Buffer;
  private readonly f = new SnapshotFields();

  constructor(
    private readonly kind: LineKind,
    ability: string,
  ) {
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(ability)) throw new Error(`not an ability key: ${JSON.stringify(ability)}`);
    this.type = bytes(`,"type":${JSON.stringify(ability)},"question_format":`);
    this.head = bytes(kind === 'hf' ? '{"id":' : '{"messages":');
  }

  /**
   * Appends the line of item `id` (its snapshot's jsonb text is `src[start, end)`) and a newline to `out`; false
   * (and nothing appended) when the snapshot is not of the shape rendered here.
   */
  append(src: Buffer, start: number, end: number, id: string, out: LineBuffer): boolean {
    if (!this.f.tryRead(src, start, end)) return false;
    this.write(src, id, out);
    return true;
  }

  private write(b: Buffer, id: string, out: LineBuffer): void {
    out.put(this.head);
    if (this.kind === 'hf') {
      out.put(Buffer.from(id, 'latin1'));
      out.put(this.type);
      out.put(this.f.questionFormat ? ONE : ZERO);
      out.put(MESSAGES);
      this.writeMessages(b, out);
      out.put(CHOICES);
      if (!this.writeChoices(b, out)) out.put(KEY.null);
      out.put(ANSWER);
      if (this.f.gold >= 0) out.copy(b, this.f.gold, this.f.goldEnd);
      else out.put(KEY.null);
      out.put(END_LINE);
      return;
    }
    this.writeMessages(b, out);
    if (this.kind === 'openai') {
      out.put(END_LINE);
      return;
    }
    out.put(this.type);
    out.put(this.f.questionFormat ? ONE : ZERO);
    const choicesAt = out.length;
    out.put(CHOICES);
    if (!this.writeChoices(b, out)) out.rewind(choicesAt);
    if (this.f.gold >= 0) {
      out.put(ANSWER);
      out.copy(b, this.f.gold, this.f.goldEnd);
    }
    if (this.f.reviewMode >= 0) {
      out.put(REVIEW_MODE);
      out.copy(b, this.f.reviewMode, this.f.reviewModeEnd);
    }
    out.put(END_LINE);
  }

  private writeMessages(b: Buffer, out: LineBuffer): void {
    out.put(OPEN);
    for (let m = 0; m < this.f.messages; m++) {
      out.put(m ? NEXT_ROLE : ROLE);
      out.copy(b, this.f.roles[2 * m], this.f.roles[2 * m + 1]);
      out.put(CONTENT);
      out.copy(b, this.f.contents[2 * m], this.f.contents[2 * m + 1]);
      out.put(CLOSE);
    }
    out.put(CLOSE_LIST);
  }

  /** DoIT's open-ended choices `[gold or the last assistant turn or "", fine, coarse]`; false when there are none. */
  private writeChoices(b: Buffer, out: LineBuffer): boolean {
    if (this.f.questionFormat !== 1 || this.f.distractors !== 1) return false;
    out.put(OPEN);
    if (this.f.gold >= 0) out.copy(b, this.f.gold, this.f.goldEnd);
    else {
      const last = this.f.lastAssistant(b);
      if (last >= 0) out.copy(b, this.f.contents[2 * last], this.f.contents[2 * last + 1]);
      else out.put(EMPTY_STRING);
    }
    out.put(SEPARATOR);
    if (this.f.fine >= 0) out.copy(b, this.f.fine, this.f.fineEnd);
    else out.put(KEY.null);
    out.put(SEPARATOR);
    if (this.f.coarse >= 0) out.copy(b, this.f.coarse, this.f.coarseEnd);
    else out.put(KEY.null);
    out.put(CLOSE_LIST);
    return true;
  }
}

const OPEN = bytes('[');
const CLOSE_LIST = bytes(']');
const ROLE = bytes('{"role":');
const NEXT_ROLE = bytes(',{"role":');
const CONTENT = bytes(',"content":');
const CLOSE = bytes('}');
const SEPARATOR = bytes(',');
const ZERO = bytes('0');
const ONE = bytes('1');
const MESSAGES = bytes(',"messages":');
const CHOICES = bytes(',"choices":');
const ANSWER = bytes(',"answer":');
const REVIEW_MODE = bytes(',"review_mode":');
const EMPTY_STRING = bytes('""');
const END_LINE = bytes('}\n');

function ws(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
  throw ODD;
}

/** `i` at a string's opening quote: the index after its closing quote. */
function stringEnd(b: Buffer, i: number, end: number): number {
  for (let at = i + 1; ; ) {
    const q = b.indexOf(QUOTE, at);
    if (q < 0 || q >= end) throw ODD;
    let slashes = 0;
    while (b[q - 1 - slashes] === BACKSLASH) slashes++;
    if ((slashes & 1) === 0) return q + 1;
    at = q + 1;
  }
}

/** The end of the value starting at `i` (a string, an object, an array or a scalar). */
function skipValue(b: Buffer, i: number, end: number): number {
  const c = b[i];
  if (c === QUOTE) return stringEnd(b, i, end);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    while (i < end) {
      const d = b[i];
      if (d === QUOTE) {
        i = stringEnd(b, i, end);
        continue;
      }
      if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        if (--depth === 0) return i + 1;
      }
      i++;
    }
    throw ODD;
  }
  while (i < end) {
    const d = b[i];
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || d === 0x20) return i;
    i++;
  }
  throw ODD;
}

/** A string's literal, or [-1, -1] for JSON null; anything else is odd. */
function stringOrNull(b: Buffer, start: number, end: number): [number, number] {
  if (b[start] === QUOTE) return [start, end];
  if (sameBytes(b, start, end, KEY.null)) return [-1, -1];
  throw ODD;
}

/** Whether `b[start, end)` holds the bytes of `key`. */
export function sameBytes(b: Buffer, start: number, end: number, key: Buffer): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (b[start + k] !== key[k]) return false;
  return true;
}

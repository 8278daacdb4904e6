import type { SnapshotContent } from '../export-types';
import { sameBytes, SnapshotFields } from './line-render';
import { hfRow, type HfRow } from './records';

const BACKSLASH = 0x5c;
const ROLES = ['user', 'assistant', 'system'].map((role) => ({ role, literal: Buffer.from(JSON.stringify(role)) }));

/**
 * Hugging Face rows (records.ts's hfRow) read from the snapshots' jsonb text: only the strings a row holds are
 * decoded, the rest of the snapshot is skipped, and the common roles are shared strings; the same row as
 * `hfRow` of the parsed snapshot. A snapshot of another shape than a freeze writes is parsed whole and given to hfRow.
 */
export class HfRowReader {
  private readonly f = new SnapshotFields();

  constructor(private readonly ability: string) {}

  /** The row of item `id`, whose snapshot's jsonb text is `src[start, end)`. */
  row(src: Buffer, start: number, end: number, id: string): HfRow {
    const f = this.f;
    // records.ts takes any truthy distractors and keeps a missing fine or coarse as undefined: those go the long way
    if (!f.tryRead(src, start, end) || f.distractors === 2 || (f.distractors === 1 && (f.fine < 0 || f.coarse < 0))) {
      return hfRow({ id, ability: this.ability, content: JSON.parse(src.toString('utf8', start, end)) as SnapshotContent });
    }
    const messages = new Array<{ role: string; content: string }>(f.messages);
    for (let m = 0; m < f.messages; m++) {
      messages[m] = { role: role(src, f.roles[2 * m], f.roles[2 * m + 1]), content: text(src, f.contents[2 * m], f.contents[2 * m + 1]) };
    }
    const gold = f.gold >= 0 ? text(src, f.gold, f.goldEnd) : null;
    let choices: string[] | null = null;
    if (f.questionFormat === 1 && f.distractors === 1) {
      const last = f.lastAssistant(src);
      choices = [gold ?? (last >= 0 ? messages[last].content : ''), text(src, f.fine, f.fineEnd), text(src, f.coarse, f.coarseEnd)];
    }
    return { id: Number(id), type: this.ability, question_format: f.questionFormat, messages, choices, answer: gold };
  }
}

/** A string literal's value: decoded straight from UTF-8 unless it holds an escape. */
function text(b: Buffer, start: number, end: number): string {
  const slash = b.indexOf(BACKSLASH, start + 1);
  if (slash < 0 || slash >= end) return b.toString('utf8', start + 1, end - 1);
  return JSON.parse(b.toString('utf8', start, end)) as string;
}

function role(b: Buffer, start: number, end: number): string {
  for (const r of ROLES) if (sameBytes(b, start, end, r.literal)) return r.role;
  return text(b, start, end);
}

import type { ExportItem, Message } from '../export-types';

/**
 * The three record shapes. Keys are written in a fixed order and values come only from the snapshot, so the same
 * snapshot always serialises to the same bytes. Parquet rows are built with hfRow; the JSON lines are rendered by
 * the database (record-sql.ts), and these functions are the definition that rendering is tested against.
 */

function messages(item: ExportItem): Message[] {
  return item.content.messages.map((m) => ({ role: m.role, content: m.content }));
}

/** DoIT's open-ended (format 1) choices: the gold answer first, then the fine and the coarse distractor. */
function doitChoices(item: ExportItem): string[] | null {
  const { questionFormat, distractors } = item.content;
  if (questionFormat !== 1 || !distractors) return null;
  const gold = item.content.gold ?? lastAssistant(item.content.messages);
  return [gold, distractors.fine, distractors.coarse];
}

function lastAssistant(list: Message[]): string {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].role === 'assistant') return list[i].content;
  return '';
}

/**
 * `{"messages":[…],"type":…,"question_format":0|1,"choices":[gold,fine,coarse] (format 1),"answer":… (when known),
 * "review_mode":"single"|"none" (only for an item of a synthetic source that was not dual-reviewed)}`. The DoIT
 * format has no per-item meta, so the review mode is a last key of its own; dual items have none, so their lines are
 * as before. The Hugging Face rows (every column on every row, as the Parquet schema) and OpenAI's fine-tuning lines
 * (messages only) carry no review mode.
 */
export function doitRecord(item: ExportItem): Record<string, unknown> {
  const record: Record<string, unknown> = {
    messages: messages(item),
    type: item.ability,
    question_format: item.content.questionFormat,
  };
  const choices = doitChoices(item);
  if (choices) record.choices = choices;
  if (item.content.gold != null) record.answer = item.content.gold;
  if (item.content.reviewMode) record.review_mode = item.content.reviewMode;
  return record;
}

/** Hugging Face rows have every column on every row (null where absent), as in the Parquet schema. */
export interface HfRow {
  id: number;
  type: string;
  question_format: number;
  messages: Message[];
  choices: string[] | null;
  answer: string | null;
}

export function hfRow(item: ExportItem): HfRow {
  return {
    id: Number(item.id),
    type: item.ability,
    question_format: item.content.questionFormat,
    messages: messages(item),
    choices: doitChoices(item),
    answer: item.content.gold ?? null,
  };
}

/** OpenAI fine-tuning: `{"messages":[…]}` and nothing else. */
export function openaiRecord(item: ExportItem): { messages: Message[] } {
  return { messages: messages(item) };
}

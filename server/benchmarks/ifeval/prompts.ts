// IFEval prompt records ({"key", "prompt", "instruction_id_list", "kwargs"}, one JSON object a line, as in the
// reference's data/input_data.jsonl and evaluation_lib.read_prompt_list), parsed and checked against the checkers'
// kwargs so that a malformed record is refused with an error naming the record and the field, before any scoring.
import { CHECKERS, RELATIONS, keywordRegExp, type ArgKind, type ArgValue, type CheckerArgs } from './checkers';

export interface IfevalInstruction {
  id: string;
  kwargs: CheckerArgs;
}

export interface IfevalPrompt {
  key: number;
  prompt: string;
  instructions: IfevalInstruction[];
}

export class IfevalPromptError extends Error {
  constructor(
    /** Where the record is, e.g. "input_data.jsonl line 3 (key 1001)". */
    readonly where: string,
    /** The field at fault, e.g. "kwargs[1].num_words". */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${where}: ${field}: ${reason}`);
    this.name = 'IfevalPromptError';
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}

/** Checks one kwarg against its kind; returns the reason it is wrong, or null. */
function argProblem(kind: ArgKind, value: unknown): string | null {
  switch (kind) {
    case 'count':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? null : `must be a whole number ≥ 0, not ${describe(value)}`;
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? null : `must be a non-empty string, not ${describe(value)}`;
    case 'strings':
      return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '')
        ? null
        : `must be a non-empty list of non-empty strings, not ${Array.isArray(value) ? JSON.stringify(value) : describe(value)}`;
    case 'relation':
      return (RELATIONS as readonly unknown[]).includes(value) ? null : `must be one of ${RELATIONS.map((r) => `"${r}"`).join(', ')}, not ${describe(value)}`;
    case 'letter':
      return typeof value === 'string' && [...value].length === 1 ? null : `must be a single letter, not ${describe(value)}`;
  }
}

/** The kwargs used as regular expressions by the reference (Python re); they must compile here too. */
const PATTERN_ARGS = new Set(['keywords', 'keyword', 'forbidden_words', 'section_spliter', 'postscript_marker']);

/**
 * One record → an IfevalPrompt, or an IfevalPromptError naming `where` and the field. kwargs entries that are null
 * are dropped (as the reference's loaders do for the Hugging Face copy, where every key of every instruction is
 * present and unused ones are null); a kwarg the instruction does not take, or one it needs that is missing, is an
 * error (the reference would raise a TypeError, or draw a random value, for those).
 */
export function parseIfevalPrompt(raw: unknown, where: string): IfevalPrompt {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new IfevalPromptError(where, 'record', `must be a JSON object, not ${describe(raw)}`);
  const rec = raw as Record<string, unknown>;
  const key = rec.key;
  if (typeof key !== 'number' || !Number.isInteger(key)) throw new IfevalPromptError(where, 'key', `must be an integer, not ${describe(key)}`);
  const at = `${where} (key ${key})`;
  if (typeof rec.prompt !== 'string' || rec.prompt.trim() === '') throw new IfevalPromptError(at, 'prompt', `must be a non-empty string, not ${describe(rec.prompt)}`);
  const ids = rec.instruction_id_list;
  if (!Array.isArray(ids) || ids.length === 0) throw new IfevalPromptError(at, 'instruction_id_list', `must be a non-empty list, not ${describe(ids)}`);
  const kwargsList = rec.kwargs;
  if (!Array.isArray(kwargsList)) throw new IfevalPromptError(at, 'kwargs', `must be a list, not ${describe(kwargsList)}`);
  if (kwargsList.length !== ids.length)
    throw new IfevalPromptError(at, 'kwargs', `has ${kwargsList.length} entries but instruction_id_list has ${ids.length}; they must align`);

  const instructions = ids.map((id, i): IfevalInstruction => {
    if (typeof id !== 'string' || !(id in CHECKERS))
      throw new IfevalPromptError(at, `instruction_id_list[${i}]`, `${describe(id)} is not an IFEval instruction id (known: the 25 ids of instructions_registry.py)`);
    const given = kwargsList[i] ?? {};
    if (typeof given !== 'object' || Array.isArray(given)) throw new IfevalPromptError(at, `kwargs[${i}]`, `must be an object, not ${describe(given)}`);
    const spec = CHECKERS[id].args;
    const kwargs: CheckerArgs = {};
    for (const [name, value] of Object.entries(given as Record<string, unknown>)) {
      if (value === null) continue;
      if (!(name in spec)) throw new IfevalPromptError(at, `kwargs[${i}].${name}`, `is not an argument of ${id} (it takes ${Object.keys(spec).join(', ') || 'none'})`);
    }
    for (const [name, kind] of Object.entries(spec)) {
      const value = (given as Record<string, unknown>)[name] ?? undefined;
      if (value === undefined) throw new IfevalPromptError(at, `kwargs[${i}].${name}`, `is missing; ${id} needs it`);
      const problem = argProblem(kind, value);
      if (problem) throw new IfevalPromptError(at, `kwargs[${i}].${name}`, problem);
      if (PATTERN_ARGS.has(name)) {
        for (const p of Array.isArray(value) ? value : [value]) {
          try {
            keywordRegExp(p as string);
          } catch (e) {
            throw new IfevalPromptError(at, `kwargs[${i}].${name}`, `${JSON.stringify(p)} is used as a regular expression by the reference and does not compile: ${(e as Error).message}`);
          }
        }
      }
      kwargs[name] = value as ArgValue;
    }
    if (id === 'length_constraints:nth_paragraph_first_word' && ((kwargs.nth_paragraph as number) < 1 || (kwargs.nth_paragraph as number) > (kwargs.num_paragraphs as number)))
      throw new IfevalPromptError(at, `kwargs[${i}].nth_paragraph`, `must be between 1 and num_paragraphs (${kwargs.num_paragraphs}), not ${kwargs.nth_paragraph}`);
    return { id, kwargs };
  });
  return { key, prompt: rec.prompt, instructions };
}

export interface ParsedPromptFile {
  prompts: IfevalPrompt[];
  errors: IfevalPromptError[];
}

/** A JSONL prompt file: every good line parsed, every bad line reported (with its line number), none dropped silently. */
export function parseIfevalJsonl(text: string, file: string): ParsedPromptFile {
  const prompts: IfevalPrompt[] = [];
  const errors: IfevalPromptError[] = [];
  const seen = new Map<number, number>();
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file} line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      errors.push(new IfevalPromptError(where, 'record', `is not valid JSON: ${(e as Error).message}`));
      return;
    }
    try {
      const prompt = parseIfevalPrompt(raw, where);
      const first = seen.get(prompt.key);
      if (first !== undefined) throw new IfevalPromptError(`${where} (key ${prompt.key})`, 'key', `repeats the key of line ${first}`);
      seen.set(prompt.key, i + 1);
      prompts.push(prompt);
    } catch (e) {
      if (e instanceof IfevalPromptError) errors.push(e);
      else throw e;
    }
  });
  return { prompts, errors };
}

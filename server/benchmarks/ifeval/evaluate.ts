// Strict and loose evaluation of one response, and the four IFEval metrics, as in the reference
// (google-research instruction_following_eval/evaluation_lib.py: test_instruction_following_strict / _loose and
// print_report).
import { CHECKERS } from './checkers';
import type { IfevalPrompt } from './prompts';
import { pyStrip } from './text-util';

export interface IfevalCheck {
  /** One entry per instruction of the prompt, in order. */
  strict: boolean[];
  loose: boolean[];
}

/**
 * The 8 variants the loose test tries (evaluation_lib.test_instruction_following_loose): the response; with every
 * "*" removed; without its first line, its last line, or both (each then stripped); and those three without "*".
 */
export function looseVariants(response: string): string[] {
  const lines = response.split('\n');
  const removeFirst = pyStrip(lines.slice(1).join('\n'));
  const removeLast = pyStrip(lines.slice(0, -1).join('\n'));
  const removeBoth = pyStrip(lines.slice(1, -1).join('\n'));
  const noStars = (s: string) => s.replaceAll('*', '');
  return [response, noStars(response), removeFirst, removeLast, removeBoth, noStars(removeFirst), noStars(removeLast), noStars(removeBoth)];
}

/** An empty (all-white-space) response follows nothing, in both tests. */
function follows(id: string, kwargs: IfevalPrompt['instructions'][number]['kwargs'], response: string): boolean {
  return pyStrip(response) !== '' && CHECKERS[id].check(response, kwargs);
}

/** reference: evaluation_lib.test_instruction_following_strict and test_instruction_following_loose. */
export function checkResponse(prompt: IfevalPrompt, response: string): IfevalCheck {
  const variants = looseVariants(response);
  return {
    strict: prompt.instructions.map(({ id, kwargs }) => follows(id, kwargs, response)),
    loose: prompt.instructions.map(({ id, kwargs }) => variants.some((v) => follows(id, kwargs, v))),
  };
}

export interface IfevalResult extends IfevalCheck {
  instructionIds: string[];
}

export interface InstructionAccuracy {
  total: number;
  strict: number;
  loose: number;
}

export interface IfevalMetrics {
  prompts: number;
  instructions: number;
  /** Share of prompts whose every instruction is followed (strict / loose). */
  promptStrict: number;
  promptLoose: number;
  /** Share of all instructions followed (strict / loose). */
  instructionStrict: number;
  instructionLoose: number;
  /** Per instruction id (the reference's tier 1) and per category before the colon (tier 0): accuracies. */
  byInstruction: Record<string, InstructionAccuracy>;
  byCategory: Record<string, InstructionAccuracy>;
}

export class IfevalMetricsError extends Error {}

/** reference: evaluation_lib.print_report, once over the strict and once over the loose outputs. */
export function ifevalMetrics(results: IfevalResult[]): IfevalMetrics {
  if (results.length === 0) throw new IfevalMetricsError('IFEval metrics need at least one scored prompt; none were given');
  const counts = { promptStrict: 0, promptLoose: 0, instructions: 0, strict: 0, loose: 0 };
  const tally = (into: Record<string, { total: number; strict: number; loose: number }>, key: string, s: boolean, l: boolean) => {
    const t = (into[key] ??= { total: 0, strict: 0, loose: 0 });
    t.total++;
    t.strict += Number(s);
    t.loose += Number(l);
  };
  const byId: Record<string, InstructionAccuracy> = {};
  const byCat: Record<string, InstructionAccuracy> = {};
  results.forEach((r, p) => {
    if (r.strict.length !== r.instructionIds.length || r.loose.length !== r.instructionIds.length)
      throw new IfevalMetricsError(`result ${p}: ${r.instructionIds.length} instruction ids but ${r.strict.length} strict and ${r.loose.length} loose outcomes`);
    counts.promptStrict += Number(r.strict.every(Boolean));
    counts.promptLoose += Number(r.loose.every(Boolean));
    r.instructionIds.forEach((id, i) => {
      counts.instructions++;
      counts.strict += Number(r.strict[i]);
      counts.loose += Number(r.loose[i]);
      tally(byId, id, r.strict[i], r.loose[i]);
      tally(byCat, id.split(':')[0], r.strict[i], r.loose[i]);
    });
  });
  const rates = (t: Record<string, InstructionAccuracy>) =>
    Object.fromEntries(
      Object.keys(t)
        .sort()
        .map((k) => [k, { total: t[k].total, strict: t[k].strict / t[k].total, loose: t[k].loose / t[k].total }]),
    );
  return {
    prompts: results.length,
    instructions: counts.instructions,
    promptStrict: counts.promptStrict / results.length,
    promptLoose: counts.promptLoose / results.length,
    instructionStrict: counts.strict / counts.instructions,
    instructionLoose: counts.loose / counts.instructions,
    byInstruction: rates(byId),
    byCategory: rates(byCat),
  };
}

export interface IfevalRun {
  /** One per prompt that had a response, in prompt order. */
  results: (IfevalResult & { key: number })[];
  /** Keys of prompts with no response: reported, not scored as failures (the reference requires a response for each). */
  missing: number[];
  /** Null when no prompt had a response. */
  metrics: IfevalMetrics | null;
}

/**
 * Scores a whole run: each prompt against its response, looked up by the prompt's key (the reference looks
 * responses up by prompt text; keys are unique in the prompt file, prompt texts need not be).
 */
export function evaluateIfeval(prompts: IfevalPrompt[], responses: ReadonlyMap<number, string>): IfevalRun {
  const results: IfevalRun['results'] = [];
  const missing: number[] = [];
  for (const prompt of prompts) {
    const response = responses.get(prompt.key);
    if (response === undefined) {
      missing.push(prompt.key);
      continue;
    }
    results.push({ key: prompt.key, instructionIds: prompt.instructions.map((i) => i.id), ...checkResponse(prompt, response) });
  }
  return { results, missing, metrics: results.length ? ifevalMetrics(results) : null };
}

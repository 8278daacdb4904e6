/**
 * The named filters specs may use in `pipe` steps and `{path|filter:arg}` placeholders. They are
 * the only code in an adapter: small pure functions, here given a name, an input kind and argument kinds.
 * A null or missing input gives null without calling the function (absence flows through a pipe).
 */
import { answerTypeOf, boxed, lastLineLetters, statedChoice } from './transforms/answer.transform';
import { chosenSteps, lastAssistant } from './transforms/conversation.transform';
import { htmlToMarkdown } from './transforms/html-to-markdown.transform';
import { ifevalKwargs } from './transforms/ifeval.transform';
import { codeBlock, frontMatter } from './transforms/markdown.transform';
import { mcqAnswer, mcqOptions } from './transforms/mcq.transform';
import {
  between,
  indexIn,
  int,
  itemAt,
  join,
  keys,
  letter,
  lettered,
  regex,
  scalarText,
  singleSpaces,
  trim,
  unlettered,
} from './transforms/text.transform';
import { TransformError, describeValue } from './transforms/transform-error';
import { isPlainObject } from './spec-path.util';

export { TransformError } from './transforms/transform-error';

type InputKind = 'string' | 'number' | 'array' | 'string[]' | 'object' | 'scalar' | 'any';

/** 'text' and 'number' are literal arguments; a 'path' argument is resolved against the record first. */
export type ArgKind = 'text' | 'number' | 'path';

export interface TransformDef {
  input: InputKind;
  args: ArgKind[];
  /** How many trailing arguments may be left out. */
  optional?: number;
  /** The last argument kind may repeat. */
  variadic?: boolean;
  apply: (value: never, args: never[]) => unknown;
}

function def<V, A extends unknown[]>(
  input: InputKind,
  args: ArgKind[],
  apply: (value: V, ...args: A) => unknown,
  extra: { optional?: number; variadic?: boolean } = {},
): TransformDef {
  return { input, args, ...extra, apply: (value: never, rest: never[]) => apply(value as V, ...(rest as unknown as A)) };
}

export const TRANSFORMS: Readonly<Record<string, TransformDef>> = {
  trim: def('string', [], trim),
  singleSpaces: def('string', [], singleSpaces),
  join: def('array', ['text'], join, { optional: 1 }),
  letter: def('number', [], letter),
  lettered: def('string[]', [], lettered),
  unlettered: def('string[]', [], unlettered),
  indexIn: def('any', ['path'], (value: unknown, list: unknown) => {
    if (!Array.isArray(list)) throw new TransformError(`indexIn: expected an array to search, got ${describeValue(list)}`);
    return indexIn(value, list);
  }),
  itemAt: def('array', ['path'], itemAt),
  between: def('string', ['text', 'text'], between),
  regex: def('string', ['text', 'number'], regex, { optional: 1 }),
  int: def('scalar', [], int),
  keys: def('object', [], keys),
  count: def('array', [], (list: unknown[]) => list.length),
  string: def('scalar', [], (value: unknown) => scalarText(value)),
  lastLineLetters: def('string', [], lastLineLetters),
  statedChoice: def('string', [], statedChoice),
  answerTypeOf: def('string', [], answerTypeOf),
  boxed: def('string', [], boxed),
  htmlToMarkdown: def('string', [], htmlToMarkdown),
  frontMatter: def('string', ['text'], frontMatter),
  codeBlock: def('string', ['text'], codeBlock, { optional: 1, variadic: true }),
  lastAssistant: def('array', [], lastAssistant),
  chosenSteps: def('array', [], chosenSteps),
  ifevalKwargs: def('array', ['path'], ifevalKwargs),
  mcqOptions: def('array', [], mcqOptions),
  mcqAnswer: def('string', ['path'], mcqAnswer),
};

/** Problems with a filter's name or argument count, for spec validation; empty when fine. */
export function checkTransformCall(name: string, argCount: number): string | null {
  const transform = TRANSFORMS[name];
  if (!transform) return `unknown filter '${name}' (known: ${Object.keys(TRANSFORMS).join(', ')})`;
  const min = transform.args.length - (transform.optional ?? 0);
  const max = transform.variadic ? Infinity : transform.args.length;
  if (argCount < min || argCount > max) {
    const expected = max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min}–${max}`;
    return `filter '${name}' takes ${expected} argument(s), got ${argCount}`;
  }
  return null;
}

export function argKindAt(name: string, index: number): ArgKind {
  const args = TRANSFORMS[name].args;
  return args[Math.min(index, args.length - 1)];
}

/** Runs one filter on a value whose arguments are already resolved. */
export function runTransform(name: string, value: unknown, args: unknown[]): unknown {
  const transform = TRANSFORMS[name];
  if (value === null || value === undefined) return null;
  if (!fitsInput(transform.input, value)) {
    throw new TransformError(`${name}: expected ${transform.input}, got ${describeValue(value)}`);
  }
  return transform.apply(value as never, args as never[]);
}

function fitsInput(kind: InputKind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isPlainObject(value);
    case 'scalar':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    case 'any':
      return true;
  }
}

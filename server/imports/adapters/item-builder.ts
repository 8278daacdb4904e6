import { ANSWER_TYPES, type AnswerType, type QuestionFormat, type StandardizedItem } from '../import-types';
import type { AdapterContext, AdapterSpec } from './adapter-spec.types';
import { evalAbility } from './ability-rule';
import { FieldFailure, asText, evalExpr, fieldOf, holds, renderTemplate } from './expr-evaluator';
import type { FieldError } from './field-check.util';
import { buildMessages } from './messages-builder';
import type { PathScope } from './spec-path.util';
import { describeValue } from './transforms/transform-error';

export type ItemOutcome = { item: StandardizedItem } | { skip: string } | { errors: FieldError[] };

const GOLD_SHAPES: Partial<Record<AnswerType, { test: RegExp; text: string }>> = {
  single_choice: { test: /^[A-F]$/, text: 'one letter A–F' },
  multi_choice: { test: /^(?:([A-F])(?!.*\1)){2,6}$/, text: 'two or more distinct letters A–F' },
  true_false: { test: /^(?:正确|错误|对|错)$/, text: '正确/错误/对/错' },
};

/** Builds one item from a record (or exploded element) whose declared fields already passed. */
export function buildItem(spec: AdapterSpec, scope: PathScope, ctx: AdapterContext): ItemOutcome {
  try {
    scope.varFields ??= new Map();
    for (const [name, expr] of Object.entries(spec.vars ?? {})) {
      scope.varFields.set(name, fieldOf(expr, scope));
      scope.vars.set(name, evalExpr(expr, scope));
    }
    const unmet = spec.when?.find((rule) => !holds(rule.require, scope));
    if (unmet) return { skip: renderTemplate(unmet.reason, scope) };
    const ability = evalAbility(spec.ability, scope, ctx);
    if ('skip' in ability) return ability;
    return assemble(spec, scope, ability.ability);
  } catch (error) {
    if (error instanceof FieldFailure) return { errors: [{ field: error.field, code: error.code, reason: error.reason }] };
    throw error;
  }
}

function assemble(spec: AdapterSpec, scope: PathScope, ability: string | null): ItemOutcome {
  const needsAnswer = spec.needsAnswer ? holds(spec.needsAnswer, scope) : false;
  const { messages, errors } = buildMessages(spec.messages, scope, needsAnswer);
  const questionFormat = evalExpr(spec.questionFormat, scope);
  const answerType = evalExpr(spec.answerType, scope);
  const goldField = fieldOf(spec.gold, scope) ?? 'gold';
  const gold = asText(evalExpr(spec.gold, scope), goldField)?.trim() || null;
  const goldMissing = questionFormat === 0 && !gold;
  if (questionFormat !== 0 && questionFormat !== 1) {
    errors.push({ field: fieldOf(spec.questionFormat, scope), code: 'value_not_allowed', reason: `expected question format 0 or 1, got ${JSON.stringify(questionFormat)}` });
  }
  if (goldMissing) {
    errors.push({ field: goldField, code: 'bad_answer', reason: 'no gold answer for an exact-match (question format 0) item' });
  } else if (!ANSWER_TYPES.includes(answerType as AnswerType)) {
    errors.push({ field: fieldOf(spec.answerType, scope), code: 'value_not_allowed', reason: `expected an answer type (${ANSWER_TYPES.join(', ')}), got ${JSON.stringify(answerType)}` });
  } else if ((questionFormat === 1) !== (answerType === 'open')) {
    errors.push({ field: fieldOf(spec.questionFormat, scope), code: 'value_not_allowed', reason: `answer type '${String(answerType)}' does not fit question format ${String(questionFormat)}` });
  }
  if (!goldMissing) errors.push(...checkGold(spec, scope, questionFormat, answerType as AnswerType, gold, goldField));
  const choices = spec.choices ? evalExpr(spec.choices, scope) : null;
  if (choices !== null && choices !== undefined && !isChoiceTriple(choices)) {
    errors.push({ field: fieldOf(spec.choices!, scope) ?? 'choices', code: 'wrong_type', reason: `expected array of 3 strings (gold, fine, coarse), got ${describeValue(choices)}` });
  }
  if (errors.length > 0) return { errors };

  const item: StandardizedItem = {
    messages,
    ability,
    questionFormat: questionFormat as QuestionFormat,
    answerType: answerType as AnswerType,
    gold,
    sourceRecordId: asText(evalExpr(spec.sourceRecordId, scope), fieldOf(spec.sourceRecordId, scope)),
  };
  if (isChoiceTriple(choices)) item.choices = choices;
  const context = spec.context ? asText(evalExpr(spec.context, scope), fieldOf(spec.context, scope) ?? 'context')?.trim() : null;
  if (context) item.context = context;
  const meta = evalMeta(spec, scope);
  if (meta) item.meta = meta;
  if (needsAnswer) item.needsAnswer = true;
  return { item };
}

function checkGold(
  spec: AdapterSpec,
  scope: PathScope,
  questionFormat: unknown,
  answerType: AnswerType,
  gold: string | null,
  goldField: string,
): FieldError[] {
  if (questionFormat !== 0 || !gold) return [];
  const shape = GOLD_SHAPES[answerType];
  if (shape && !shape.test.test(gold)) return [{ field: goldField, code: 'bad_answer', reason: `gold '${gold}' is not ${shape.text} as ${answerType} needs` }];
  if ((answerType === 'single_choice' || answerType === 'multi_choice') && spec.choiceCount) {
    const count = evalExpr(spec.choiceCount, scope);
    const outside = [...gold].filter((letter) => typeof count === 'number' && letter.charCodeAt(0) - 65 >= count);
    if (outside.length > 0) return [{ field: goldField, code: 'bad_answer', reason: `gold letter ${outside.join('')} is outside the ${String(count)} choices` }];
  }
  return [];
}

function evalMeta(spec: AdapterSpec, scope: PathScope): Record<string, unknown> | null {
  const entries = Object.entries(spec.meta ?? {})
    .map(([key, expr]) => [key, evalExpr(expr, scope)] as const)
    .filter(([, value]) => value !== null && value !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function isChoiceTriple(value: unknown): value is string[] {
  return Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string');
}

import type { ChatMessage } from '../import-types';
import type { ChatRole, MessagesRule, TurnRule } from './adapter-spec.types';
import { FieldFailure, asText, evalExpr, fieldOf } from './expr-evaluator';
import type { FieldError } from './field-check.util';
import { isPlainObject, parsePath, resolve, type PathScope } from './spec-path.util';
import { describeValue } from './transforms/transform-error';

const CHAT_ROLES: readonly ChatRole[] = ['system', 'user', 'assistant'];

/** A built turn with the raw-record fields it came from, so structure errors can name them. */
interface Turn {
  role: ChatRole;
  rawRole: string;
  content: string;
  roleField: string | null;
  contentField: string;
}

export interface MessagesOutcome {
  messages: ChatMessage[];
  errors: FieldError[];
}

/**
 * Builds the chat turns and checks their shape: an optional leading system turn, then user and
 * assistant alternating, ending on the assistant; contents trimmed and non-empty (the last
 * assistant turn may be empty when the item needs an answer).
 */
export function buildMessages(rule: MessagesRule, scope: PathScope, allowEmptyAnswer: boolean): MessagesOutcome {
  const errors: FieldError[] = [];
  const turns =
    'turns' in rule
      ? fromTurnRules(rule.turns, scope, errors)
      : [...fromTurnRules(rule.prepend ?? [], scope, errors), ...fromRecordList(rule, scope, errors)];
  if (errors.length > 0) return { messages: [], errors };
  const listField = 'turns' in rule ? 'messages' : resolve(parsePath(rule.fromPath), scope).where;
  checkStructure(turns, listField, expectedText(rule), errors);
  checkContents(turns, allowEmptyAnswer, errors);
  return { messages: turns.map(({ role, content }) => ({ role, content })), errors };
}

function fromTurnRules(rules: TurnRule[], scope: PathScope, errors: FieldError[]): Turn[] {
  const turns: Turn[] = [];
  for (const rule of rules) {
    const field = fieldOf(rule.content, scope) ?? `messages[${turns.length}].content`;
    try {
      const content = (asText(evalExpr(rule.content, scope), field) ?? '').trim();
      if (rule.optional && content === '') continue;
      turns.push({ role: rule.role, rawRole: rule.role, content, roleField: null, contentField: field });
    } catch (error) {
      errors.push(toFieldError(error, field));
    }
  }
  return turns;
}

function fromRecordList(rule: Extract<MessagesRule, { fromPath: string }>, scope: PathScope, errors: FieldError[]): Turn[] {
  const { where, value } = resolve(parsePath(rule.fromPath), scope);
  if (!Array.isArray(value)) {
    errors.push({ field: where, code: 'wrong_type', reason: `expected array of turns, got ${describeValue(value)}` });
    return [];
  }
  const turns: Turn[] = [];
  value.forEach((element, i) => {
    const at = `${where}[${i}]`;
    if (!isPlainObject(element)) {
      errors.push({ field: at, code: 'wrong_type', reason: `expected object, got ${describeValue(element)}` });
      return;
    }
    const rawRole = element[rule.roleKey];
    const content = element[rule.contentKey];
    const role = typeof rawRole === 'string' ? mapRole(rawRole, rule.roleMap) : undefined;
    if (!role) {
      const known = rule.roleMap ? Object.keys(rule.roleMap) : CHAT_ROLES;
      errors.push({ field: `${at}.${rule.roleKey}`, code: 'value_not_allowed', reason: `expected one of ${known.join(', ')}, got ${describeRaw(rawRole)}` });
    }
    if (typeof content !== 'string') {
      errors.push({ field: `${at}.${rule.contentKey}`, code: 'wrong_type', reason: `expected string, got ${describeValue(content)}` });
    }
    if (role && typeof content === 'string') {
      turns.push({ role, rawRole: String(rawRole), content: content.trim(), roleField: `${at}.${rule.roleKey}`, contentField: `${at}.${rule.contentKey}` });
    }
  });
  return turns;
}

function mapRole(raw: string, roleMap: Record<string, ChatRole> | undefined): ChatRole | undefined {
  if (roleMap) return Object.hasOwn(roleMap, raw) ? roleMap[raw] : undefined;
  return (CHAT_ROLES as readonly string[]).includes(raw) ? (raw as ChatRole) : undefined;
}

/** How an expected role is written in the source: `'assistant'`, or `'assistant' (gpt/assistant)` when mapped. */
function expectedText(rule: MessagesRule): (role: ChatRole) => string {
  if ('turns' in rule || !rule.roleMap) return (role) => `'${role}'`;
  const roleMap = rule.roleMap;
  return (role) => `'${role}' (${Object.keys(roleMap).filter((raw) => roleMap[raw] === role).join('/')})`;
}

function checkStructure(turns: Turn[], listField: string, expected: (role: ChatRole) => string, errors: FieldError[]): void {
  const start = turns[0]?.role === 'system' ? 1 : 0;
  if (turns.length - start < 2) {
    errors.push({ field: listField, code: 'bad_conversation', reason: `expected a user turn and an assistant turn, got ${turns.length} turn(s)` });
    return;
  }
  for (let i = start; i < turns.length; i += 1) {
    const want: ChatRole = (i - start) % 2 === 0 ? 'user' : 'assistant';
    const turn = turns[i];
    if (turn.role !== want) {
      errors.push({ field: turn.roleField ?? listField, code: 'bad_conversation', reason: `expected ${expected(want)}, got '${turn.rawRole}'` });
      return;
    }
  }
  const last = turns[turns.length - 1];
  if (last.role !== 'assistant') {
    errors.push({ field: listField, code: 'bad_conversation', reason: `expected the last turn to be ${expected('assistant')}, got '${last.rawRole}'` });
  }
}

function checkContents(turns: Turn[], allowEmptyAnswer: boolean, errors: FieldError[]): void {
  turns.forEach((turn, i) => {
    if (turn.content !== '') return;
    if (allowEmptyAnswer && turn.role === 'assistant' && i === turns.length - 1) return;
    errors.push({ field: turn.contentField, code: 'empty_text', reason: `empty ${turn.role} message` });
  });
}

function describeRaw(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : describeValue(value);
}

function toFieldError(error: unknown, field: string): FieldError {
  if (error instanceof FieldFailure) return { field: error.field ?? field, code: error.code, reason: error.reason };
  throw error;
}

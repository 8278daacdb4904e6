/**
 * Load-time checks of adapter specs, so a typo in a path, filter or rule fails when the spec is
 * defined, not on some record in the middle of an import. Record paths must start at a field the
 * spec declares (in `fields`, or `explode.fields` for exploded elements).
 */
import type { AbilityRule, AdapterSpec, ChatRole, Condition, Expr, FieldCheck, MessagesRule, PipeStep, TurnRule } from './adapter-spec.types';
import { parsePath, renderSegments, type ParsedPath } from './spec-path.util';
import { parseTemplate } from './spec-template.util';
import { argKindAt, checkTransformCall } from './transforms';

export class AdapterSpecError extends Error {}

interface Where {
  problems: string[];
  /** Field roots record paths may start from; for exploded specs, those of an element. */
  recordRoots: Set<string>;
  /** Field roots of the raw record, for `$parent` paths; null when the spec does not explode. */
  parentRoots: Set<string> | null;
  vars: Set<string>;
  columns: Set<string> | null;
  allowWildcard: boolean;
}

const FORMATS = ['jsonl', 'json-array', 'json-any', 'csv', 'markdown-files'];
const KINDS = ['curation', 'synthetic', 'benchmark', 'generic'];
const ROLES: ChatRole[] = ['system', 'user', 'assistant'];
const PREDICATES = ['equals', 'in', 'matches', 'nonEmpty', 'exists'];
const FIELD_TYPES = ['any', 'string', 'nonEmptyString', 'number', 'integer', 'boolean', 'object', 'array', 'string[]', 'scalar'];

/** Every problem found in a spec (empty when it is sound). */
export function validateSpec(spec: AdapterSpec): string[] {
  const problems: string[] = [];
  checkHeader(spec, problems);
  const columns = spec.columns ? new Set(Object.keys(spec.columns)) : null;
  const rootWhere: Where = { problems, recordRoots: rootsOf(spec.fields, problems), parentRoots: null, vars: new Set(), columns, allowWildcard: true };
  spec.fields.forEach((check, i) => checkField(check, `fields[${i}]`, rootWhere));

  let item: Where = { ...rootWhere, allowWildcard: false };
  if (spec.explode) {
    checkPath(spec.explode.path, 'explode.path', item);
    const elementWhere: Where = { ...rootWhere, recordRoots: rootsOf(spec.explode.fields, problems), parentRoots: rootWhere.recordRoots };
    spec.explode.fields.forEach((check, i) => checkField(check, `explode.fields[${i}]`, elementWhere));
    item = { ...elementWhere, allowWildcard: false };
  }
  const vars = new Set<string>();
  for (const [name, expr] of Object.entries(spec.vars ?? {})) {
    checkExpr(expr, `vars.${name}`, { ...item, vars: new Set(vars) });
    vars.add(name);
  }
  item = { ...item, vars };
  spec.when?.forEach((rule, i) => {
    checkCondition(rule.require, `when[${i}].require`, item);
    checkTemplate(rule.reason, `when[${i}].reason`, item);
  });
  checkAbility(spec.ability, 'ability', item);
  checkMessages(spec.messages, item);
  if (spec.context) checkExpr(spec.context, 'context', item);
  for (const key of ['questionFormat', 'answerType', 'gold', 'sourceRecordId'] as const) checkExpr(spec[key], key, item);
  if (spec.choices) checkExpr(spec.choices, 'choices', item);
  if (spec.choiceCount) checkExpr(spec.choiceCount, 'choiceCount', item);
  for (const [key, expr] of Object.entries(spec.meta ?? {})) checkExpr(expr, `meta.${key}`, item);
  if (spec.needsAnswer) checkCondition(spec.needsAnswer, 'needsAnswer', item);
  return problems;
}

/** Validates a spec and freezes it; throws AdapterSpecError listing every problem. */
export function defineAdapter(spec: AdapterSpec): Readonly<AdapterSpec> {
  const problems = validateSpec(spec);
  if (problems.length > 0) {
    throw new AdapterSpecError(`Adapter spec '${spec.key}' is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return deepFreeze(spec);
}

function checkHeader(spec: AdapterSpec, problems: string[]): void {
  if (!/^[a-z][a-z0-9_]*$/.test(spec.key)) problems.push(`key: expected a snake_case key, got '${spec.key}'`);
  if (!spec.title?.trim()) problems.push('title: empty');
  if (!spec.description?.trim()) problems.push('description: empty');
  if (!FORMATS.includes(spec.format)) problems.push(`format: expected one of ${FORMATS.join(', ')}, got '${spec.format}'`);
  if (!spec.source?.name?.trim()) problems.push('source.name: empty');
  if (!KINDS.includes(spec.source?.kind)) problems.push(`source.kind: expected one of ${KINDS.join(', ')}`);
  if ((spec.format === 'csv') !== Boolean(spec.columns)) problems.push('columns: required for, and only for, format csv');
  if (spec.fileName && spec.format !== 'markdown-files') problems.push('fileName: only for format markdown-files');
}

function rootsOf(checks: FieldCheck[], problems: string[]): Set<string> {
  const roots = new Set<string>();
  for (const check of checks) {
    for (const source of Array.isArray(check.path) ? check.path : [check.path]) {
      const path = tryParse(source, 'fields', problems);
      if (path?.root.kind === 'record') roots.add(renderSegments(path.segments.slice(0, 1)));
    }
  }
  return roots;
}

function checkField(check: FieldCheck, at: string, where: Where): void {
  const paths = Array.isArray(check.path) ? check.path : [check.path];
  if (paths.length === 0) where.problems.push(`${at}.path: empty`);
  paths.forEach((source) => checkPath(source, `${at}.path`, where));
  if (!FIELD_TYPES.includes(check.type)) where.problems.push(`${at}.type: unknown type '${check.type}'`);
  if (check.inPath) checkPath(check.inPath, `${at}.inPath`, where);
  if (check.when) checkCondition(check.when, `${at}.when`, where);
}

function tryParse(source: string, at: string, problems: string[]): ParsedPath | null {
  try {
    return parsePath(source);
  } catch (error) {
    problems.push(`${at}: ${(error as Error).message}`);
    return null;
  }
}

function checkPath(source: string, at: string, where: Where): void {
  const path = tryParse(source, at, where.problems);
  if (!path) return;
  if (!where.allowWildcard && path.segments.some((s) => 'wildcard' in s)) where.problems.push(`${at}: '[*]' is only for field checks ('${source}')`);
  const first = renderSegments(path.segments.slice(0, 1));
  switch (path.root.kind) {
    case 'record':
      if (!where.recordRoots.has(first)) where.problems.push(`${at}: path '${source}' starts at '${first}', which is not a declared field`);
      break;
    case 'parent':
      if (!where.parentRoots) where.problems.push(`${at}: '$parent' needs explode ('${source}')`);
      else if (path.segments.length > 0 && !where.parentRoots.has(first)) where.problems.push(`${at}: path '${source}' reads undeclared parent field '${first}'`);
      break;
    case 'index':
      if (!where.parentRoots) where.problems.push(`${at}: '$index' needs explode`);
      break;
    case 'file':
      break;
    case 'var':
      if (!where.vars.has(path.root.name)) where.problems.push(`${at}: '@${path.root.name}' is not a variable defined before this point`);
      break;
    case 'column':
      if (!where.columns?.has(path.root.name)) where.problems.push(`${at}: '$col.${path.root.name}' is not a declared column`);
      break;
  }
}

function checkExpr(expr: Expr, at: string, where: Where): void {
  const forms = ['const', 'path', 'template', 'first', 'list', 'if'].filter((k) => k in expr);
  if (forms.length !== 1) {
    where.problems.push(`${at}: expected exactly one of const, path, template, first, list, if; got ${forms.join(', ') || 'none'}`);
    return;
  }
  if ('path' in expr) checkPath(expr.path, at, where);
  if ('template' in expr) checkTemplate(expr.template, at, where);
  if ('first' in expr) expr.first.forEach((e, i) => checkExpr(e, `${at}.first[${i}]`, where));
  if ('list' in expr) expr.list.forEach((e, i) => checkExpr(e, `${at}.list[${i}]`, where));
  if ('if' in expr) {
    checkCondition(expr.if, `${at}.if`, where);
    checkExpr(expr.then, `${at}.then`, where);
    if (expr.else) checkExpr(expr.else, `${at}.else`, where);
  }
  if ('pipe' in expr && expr.pipe) checkPipe(expr.pipe, at, where);
}

function checkTemplate(template: string, at: string, where: Where): void {
  try {
    for (const part of parseTemplate(template)) {
      if ('path' in part) {
        checkPath(part.path, at, where);
        checkPipe(part.pipe, at, where);
      }
    }
  } catch (error) {
    where.problems.push(`${at}: ${(error as Error).message}`);
  }
}

function checkPipe(pipe: PipeStep[], at: string, where: Where): void {
  for (const step of pipe) {
    const [name, ...args] = typeof step === 'string' ? [step] : step;
    const problem = checkTransformCall(name, args.length);
    if (problem) {
      where.problems.push(`${at}: ${problem}`);
      continue;
    }
    args.forEach((arg, i) => {
      const kind = argKindAt(name, i);
      if (kind === 'path') checkPath(String(arg), `${at} (${name} argument)`, where);
      if (kind === 'number' && !Number.isFinite(Number(arg))) where.problems.push(`${at}: ${name} argument ${i + 1} must be a number, got '${arg}'`);
    });
    if (name === 'regex') checkRegex(String(args[0]), 'm', `${at} (regex)`, where);
  }
}

function checkRegex(pattern: string, flags: string, at: string, where: Where): void {
  if (/[gy]/.test(flags)) where.problems.push(`${at}: flags g and y are not allowed (stateful)`);
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    where.problems.push(`${at}: ${(error as Error).message}`);
  }
}

function checkCondition(condition: Condition, at: string, where: Where): void {
  if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, `${at}.all[${i}]`, where));
  if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, `${at}.any[${i}]`, where));
  if ('not' in condition) return checkCondition(condition.not, `${at}.not`, where);
  const subjects = ['path', 'value'].filter((k) => k in condition);
  const predicates = PREDICATES.filter((k) => k in condition);
  if (subjects.length !== 1) where.problems.push(`${at}: expected exactly one of path, value`);
  if (predicates.length !== 1) where.problems.push(`${at}: expected exactly one of ${PREDICATES.join(', ')}; got ${predicates.join(', ') || 'none'}`);
  if ('path' in condition) checkPath(condition.path, at, where);
  if ('value' in condition) checkExpr(condition.value, `${at}.value`, where);
  if ('matches' in condition) checkRegex(condition.matches, condition.flags ?? '', `${at}.matches`, where);
}

function checkAbility(rule: AbilityRule, at: string, where: Where): void {
  if ('const' in rule) {
    if (!rule.const?.trim()) where.problems.push(`${at}.const: empty ability key`);
  } else if ('default' in rule) {
    if (rule.default !== true) where.problems.push(`${at}.default: must be true`);
  } else if ('rules' in rule) {
    rule.rules.forEach((r, i) => {
      checkCondition(r.if, `${at}.rules[${i}].if`, where);
      checkAbility(r.then, `${at}.rules[${i}].then`, where);
    });
    checkAbility(rule.else, `${at}.else`, where);
  } else if ('from' in rule) {
    checkExpr(rule.from, `${at}.from`, where);
    if (!rule.label?.trim()) where.problems.push(`${at}.label: empty`);
    if (!['skip', 'error', 'default'].includes(rule.otherwise)) where.problems.push(`${at}.otherwise: expected skip, error or default`);
    for (const [key, value] of Object.entries(rule.map ?? {})) {
      if (typeof value !== 'string' || !value.trim()) where.problems.push(`${at}.map.${key}: empty ability key`);
    }
  } else {
    where.problems.push(`${at}: expected one of const, default, rules, from`);
  }
}

function checkMessages(rule: MessagesRule, where: Where): void {
  if ('turns' in rule) {
    checkTurns(rule.turns, 'messages.turns', where);
    if (rule.turns.some((t) => t.optional && t.role !== 'system')) where.problems.push('messages.turns: only a system turn may be optional');
    const roles = rule.turns.map((t) => t.role);
    const body = roles[0] === 'system' ? roles.slice(1) : roles;
    const alternates = body.length >= 2 && body.every((role, i) => role === (i % 2 === 0 ? 'user' : 'assistant')) && body.length % 2 === 0;
    if (!alternates) where.problems.push(`messages.turns: expected [system?], user, assistant, … alternating and ending with assistant; got ${roles.join(', ')}`);
    return;
  }
  checkPath(rule.fromPath, 'messages.fromPath', where);
  if (!rule.roleKey || !rule.contentKey) where.problems.push('messages: roleKey and contentKey are required with fromPath');
  for (const [raw, role] of Object.entries(rule.roleMap ?? {})) {
    if (!ROLES.includes(role)) where.problems.push(`messages.roleMap.${raw}: '${role}' is not a chat role`);
  }
  if (rule.prepend) {
    checkTurns(rule.prepend, 'messages.prepend', where);
    if (rule.prepend.some((t) => t.role !== 'system' || !t.optional)) where.problems.push('messages.prepend: only optional system turns may come before the record’s turns');
  }
}

function checkTurns(turns: TurnRule[], at: string, where: Where): void {
  turns.forEach((turn, i) => {
    if (!ROLES.includes(turn.role)) where.problems.push(`${at}[${i}].role: '${turn.role}' is not a chat role`);
    checkExpr(turn.content, `${at}[${i}].content`, where);
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

import { basename } from 'node:path';
import type { AdapterResult, StandardizedItem } from '../import-types';
import type { AdapterContext, AdapterSpec, FieldCheck } from './adapter-spec.types';
import { holds } from './expr-evaluator';
import { checkFields, type FieldError } from './field-check.util';
import { buildItem } from './item-builder';
import { parsePath, resolve, type PathScope } from './spec-path.util';
import { describeValue } from './transforms/transform-error';

/**
 * Turns one raw record into items by evaluating an adapter spec: declared fields are checked
 * (→ 'invalid' naming each bad field), exploded elements become one item each, skip rules and
 * ability rules may skip a record, and the built items are checked for shape. An exploded record
 * with any invalid element is invalid as a whole, so nothing of it is half-imported.
 */
export function applyAdapter(spec: AdapterSpec, value: unknown, ctx: AdapterContext = {}): AdapterResult {
  const root: PathScope = { record: value, elementPrefix: '', vars: new Map(), columns: columnsFor(spec, ctx) };
  if (ctx.fileName) root.file = basename(ctx.fileName);
  const fieldErrors = checkScopeFields(spec.fields, root);
  if (fieldErrors.length > 0) return { kind: 'invalid', errors: fieldErrors };
  if (!spec.explode) return single(spec, root, ctx);

  const { where, value: elements } = resolve(parsePath(spec.explode.path), root);
  if (!Array.isArray(elements)) return invalid([{ field: where, code: 'wrong_type', reason: `expected array, got ${describeValue(elements)}` }]);
  if (elements.length === 0) return { kind: 'skipped', reason: `${where} is empty` };

  const items: StandardizedItem[] = [];
  const errors: FieldError[] = [];
  const skips: string[] = [];
  elements.forEach((element, index) => {
    const scope: PathScope = { ...root, record: element, parent: value, index, elementPrefix: `${where}[${index}]`, vars: new Map() };
    const elementErrors = checkScopeFields(spec.explode!.fields, scope);
    if (elementErrors.length > 0) {
      errors.push(...elementErrors);
      return;
    }
    const outcome = buildItem(spec, scope, ctx);
    if ('item' in outcome) items.push(outcome.item);
    else if ('skip' in outcome) skips.push(outcome.skip);
    else errors.push(...outcome.errors);
  });
  if (errors.length > 0) return invalid(errors);
  if (items.length > 0) return { kind: 'items', items };
  return { kind: 'skipped', reason: [...new Set(skips)].join('; ') };
}

function single(spec: AdapterSpec, scope: PathScope, ctx: AdapterContext): AdapterResult {
  const outcome = buildItem(spec, scope, ctx);
  if ('item' in outcome) return { kind: 'items', items: [outcome.item] };
  if ('skip' in outcome) return { kind: 'skipped', reason: outcome.skip };
  return invalid(outcome.errors);
}

function checkScopeFields(checks: FieldCheck[], scope: PathScope): FieldError[] {
  return checkFields(checks, scope, (check) => holds(check.when!, scope));
}

function invalid(errors: FieldError[]): AdapterResult {
  return { kind: 'invalid', errors };
}

/**
 * CSV: each logical column reads the file column the import's mapping names, or the column of the
 * same name when unmapped. A mapping key the adapter does not know is a setup mistake, not a bad row.
 */
function columnsFor(spec: AdapterSpec, ctx: AdapterContext): PathScope['columns'] {
  if (!spec.columns) return undefined;
  const mapping = ctx.csvMapping ?? {};
  const unknown = Object.keys(mapping).filter((key) => !Object.hasOwn(spec.columns!, key));
  if (unknown.length > 0) {
    throw new Error(
      `CSV mapping for adapter '${spec.key}' names unknown column role(s) ${unknown.join(', ')}; known: ${Object.keys(spec.columns).join(', ')}`,
    );
  }
  const columns = new Map<string, { column: string; explicit: boolean }>();
  for (const name of Object.keys(spec.columns)) {
    const mapped = mapping[name];
    columns.set(name, mapped ? { column: mapped, explicit: true } : { column: name, explicit: false });
  }
  return columns;
}

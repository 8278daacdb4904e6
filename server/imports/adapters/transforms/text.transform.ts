import { TransformError, describeValue } from './transform-error';

export function trim(text: string): string {
  return text.trim();
}

/** Collapses every run of whitespace (NBSP included) to one space: BELLE writes "closed\u00a0qa". */
export function singleSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function join(items: unknown[], separator = '\n'): string {
  return items.map((item, i) => scalarText(item, `element ${i}`)).join(separator);
}

/** 0 → 'A', 1 → 'B', … */
export function letter(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 25) {
    throw new TransformError(`letter: expected an index 0–25, got ${index}`, 'value_not_allowed');
  }
  return String.fromCharCode(65 + index);
}

/** ['x', 'y'] → "A. x\nB. y" */
export function lettered(options: string[]): string {
  return options.map((option, i) => `${letter(i)}. ${option}`).join('\n');
}

/** Drops an option's own letter prefix ("C.也需要…" at index 2 → "也需要…"); LogiQA zh writes some options that way. */
export function unlettered(options: string[]): string[] {
  return options.map((option, i) => option.replace(new RegExp(`^\\s*${letter(i)}\\s*[.．、:：]\\s*`), ''));
}

export function indexIn(value: unknown, list: unknown[]): number | null {
  const i = list.indexOf(value);
  return i < 0 ? null : i;
}

export function itemAt(list: unknown[], index: number): unknown {
  if (!Number.isInteger(index)) throw new TransformError(`itemAt: expected an integer index, got ${describeValue(index)}`);
  return list[index] ?? null;
}

/** The text strictly between the first `start` marker and the next `end` marker, or null. */
export function between(text: string, start: string, end: string): string | null {
  const from = text.indexOf(start);
  if (from < 0) return null;
  const to = text.indexOf(end, from + start.length);
  if (to < 0) return null;
  return text.slice(from + start.length, to);
}

const compiled = new Map<string, RegExp>();

/** Capture group `group` of the first match of `pattern` (multiline), or null. */
export function regex(text: string, pattern: string, group = 1): string | null {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'm');
    compiled.set(pattern, re);
  }
  const match = re.exec(text);
  return match?.[group] ?? null;
}

/** '0011' → 11 */
export function int(value: string | number): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  throw new TransformError(`int: expected an integer, got ${JSON.stringify(value)}`);
}

export function keys(value: Record<string, unknown>): string[] {
  return Object.keys(value);
}

export function scalarText(value: unknown, what = 'value'): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TransformError(`expected text for ${what}, got ${describeValue(value)}`);
}

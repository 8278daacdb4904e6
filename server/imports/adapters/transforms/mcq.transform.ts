import { TransformError } from './transform-error';

/** The option columns a multiple-choice CSV may map, in order. */
export const MCQ_OPTION_COLUMNS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The option texts of a multiple-choice row, from its A…H columns (unmapped or empty trailing ones dropped): at least
 * two, with no empty option between two given ones (the letters would no longer match the columns).
 */
export function mcqOptions(values: unknown[]): string[] {
  let count = values.length;
  while (count > 0 && blank(values[count - 1])) count--;
  const options = values.slice(0, count);
  const gap = options.findIndex(blank);
  if (gap >= 0) throw new TransformError(`option ${MCQ_OPTION_COLUMNS[gap]} is empty while a later option is given`, 'missing_field', MCQ_OPTION_COLUMNS[gap]);
  if (count < 2) throw new TransformError(`a multiple-choice row needs at least two options (columns A and B); it has ${count}`, 'missing_field', 'options');
  return options.map((o) => (typeof o === 'string' ? o : String(o)));
}

/** The answer letter (trimmed, upper case), one of the row's option letters; otherwise an error naming the answer column. */
export function mcqAnswer(answer: string, options: unknown): string {
  const count = Array.isArray(options) ? options.length : 0;
  const letters = MCQ_OPTION_COLUMNS.slice(0, count);
  const letter = answer.trim().toUpperCase();
  if (!(letters as readonly string[]).includes(letter)) {
    throw new TransformError(`answer ${JSON.stringify(answer)} is not among the options' letters ${letters.join(', ') || '(no options)'}`, 'value_not_allowed', 'answer');
  }
  return letter;
}

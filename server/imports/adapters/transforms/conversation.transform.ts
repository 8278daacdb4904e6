import { isPlainObject } from '../spec-path.util';
import { TransformError, describeValue } from './transform-error';

/** Content of the last `{role: 'assistant', content}` element of a messages list, or null. */
export function lastAssistant(messages: unknown[]): string | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (isPlainObject(message) && message.role === 'assistant' && typeof message.content === 'string') return message.content;
  }
  return null;
}

/**
 * The solution a PRM800K labeler settled on: per step, the chosen completion, else the labeler's
 * own (human) completion; the chain ends at the first step with neither. Steps are joined by
 * newlines, the way PRM800K splits solutions into steps.
 */
export function chosenSteps(steps: unknown[]): string | null {
  const texts: string[] = [];
  for (const [i, step] of steps.entries()) {
    if (!isPlainObject(step)) throw new TransformError(`chosenSteps: step ${i} is ${describeValue(step)}, expected object`);
    const text = chosenText(step);
    if (text === null) break;
    texts.push(text);
  }
  return texts.length > 0 ? texts.join('\n') : null;
}

function chosenText(step: Record<string, unknown>): string | null {
  const chosen = step.chosen_completion;
  const completions = step.completions;
  if (typeof chosen === 'number' && Array.isArray(completions)) {
    const completion: unknown = completions[chosen];
    if (isPlainObject(completion) && typeof completion.text === 'string') return completion.text;
  }
  const human = step.human_completion;
  if (isPlainObject(human) && typeof human.text === 'string') return human.text;
  return null;
}

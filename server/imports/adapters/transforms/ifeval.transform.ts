import { IfevalPromptError, parseIfevalPrompt } from '../../../benchmarks/ifeval/prompts';
import { TransformError } from './transform-error';

/**
 * IFEval `kwargs` (one object per instruction) checked against `instruction_id_list` by the IFEval checkers' own parser
 * (server/benchmarks/ifeval/prompts.ts), so an import refuses exactly what scoring would refuse: an unknown instruction
 * id, a kwargs list of another length, a missing or ill-typed argument, a pattern that does not compile. Returns the
 * kwargs with null entries dropped (the Hugging Face copy lists every argument of every instruction, unused ones null),
 * aligned with the ids. A fault is a TransformError naming the field itself, e.g. `kwargs[1].num_words`.
 */
export function ifevalKwargs(kwargs: unknown[], ids: unknown): Array<Record<string, unknown>> {
  try {
    // key and prompt are checked by the adapter's own field checks; placeholders keep the parser on the instructions
    const parsed = parseIfevalPrompt({ key: 0, prompt: '-', instruction_id_list: ids, kwargs }, '');
    return parsed.instructions.map((instruction) => instruction.kwargs);
  } catch (error) {
    if (error instanceof IfevalPromptError) throw new TransformError(error.reason, 'value_not_allowed', error.field);
    throw error;
  }
}

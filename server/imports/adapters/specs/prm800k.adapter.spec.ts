import { describe, expect, it } from 'vitest';
import { noSharedData, readJsonLines, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the prm800k adapter');

const records = () => [...readJsonLines('prm800k', 'phase1_train.sample.jsonl'), ...readJsonLines('prm800k', 'phase2_train.sample.jsonl')];

describe('prm800k adapter on the real sample', () => {
  it.skipIf(noSharedData)('keeps the 8 records with a trusted solution and skips the given-up chain', () => {
    const run = runSample('prm800k', records());
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([8, 1, 0]);
    expect(run.skipped).toEqual(["no trusted solution: no ground_truth_solution and the labeler's chain ended with 'give_up'"]);
    expect(unsoundItems(run.items)).toEqual([]);
    for (const item of run.items) expect(item).toMatchObject({ ability: 'cot_math', questionFormat: 0, answerType: 'math' });
  });

  it.skipIf(noSharedData)('assembles the chosen and human steps of a finished phase-1 chain', () => {
    const { items } = runSample('prm800k', records());
    const item = items.find((i) => i.gold === '40_9');
    expect(item?.messages[0].content).toBe('Compute $58_9 - 18_9.$ Express your answer in base $9.$');
    expect(item?.messages[1].content.split('\n')[0]).toBe('Subtraction works the same in base $9$ as in base $10$.');
    expect(item?.messages[1].content).toContain('The answer is $40_9$.');
    expect(item?.messages[1].content.endsWith('# Answer\n\n40_9')).toBe(true);
    expect(item?.meta).toMatchObject({ finishReason: 'solution', solutionFrom: 'chosen_steps' });
  });

  it.skipIf(noSharedData)('uses the MATH reference solution of phase-2 records whatever the attempt’s rating', () => {
    const { items } = runSample('prm800k', records());
    const item = items.find((i) => i.gold === '\\frac{1}{2}');
    expect(item?.meta).toMatchObject({ finishReason: 'found_error', solutionFrom: 'ground_truth_solution' });
    expect(item?.messages[1].content).toMatch(/\\boxed\{\\frac\{1\}\{2\}\}\$\.$/);
    expect(items.filter((i) => i.gold === '504')).toHaveLength(6);
  });
});

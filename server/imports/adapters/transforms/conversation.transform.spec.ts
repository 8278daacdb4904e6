import { describe, expect, it } from 'vitest';
import { chosenSteps, lastAssistant } from './conversation.transform';

const step = (texts: string[], chosen: number | null, human: string | null = null) => ({
  completions: texts.map((text) => ({ text, rating: 0, flagged: false })),
  human_completion: human === null ? null : { text: human, rating: null, source: 'human', flagged: false },
  chosen_completion: chosen,
});

describe('conversation transforms', () => {
  it('lastAssistant finds the last assistant content', () => {
    const messages = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'a1' },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2' },
    ];
    expect(lastAssistant(messages)).toBe('a2');
    expect(lastAssistant([{ role: 'user', content: 'q' }])).toBeNull();
  });

  it('chosenSteps follows chosen completions, then human completions, and stops at the first step with neither', () => {
    const steps = [step(['a', 'b'], 1), step(['x'], null, 'human step'), step(['# Answer\n\n4'], 0), step(['never'], null)];
    expect(chosenSteps(steps)).toBe('b\nhuman step\n# Answer\n\n4');
    expect(chosenSteps([step(['x'], null)])).toBeNull();
    expect(() => chosenSteps(['not a step'])).toThrow(/step 0/);
  });
});

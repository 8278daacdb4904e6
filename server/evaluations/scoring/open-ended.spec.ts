import { describe, expect, it } from 'vitest';
import { perplexity, scoreOpenEnded } from './open-ended';

describe(scoreOpenEnded.name, () => {
  it('computes PPL as exp of the mean NLL over the answer tokens, end-of-turn included', () => {
    // three answer tokens + <eot>, log-probs −0.5, −1.0, −1.5, −1.0: mean NLL 1.0
    expect(perplexity({ sum: -4, tokens: 4 })).toBeCloseTo(Math.E, 12);
    // answer tokens −1, −1, −1 and a certain <eot> (log-prob 0): the <eot> still counts in the mean
    expect(perplexity({ sum: -3, tokens: 4 })).toBeCloseTo(Math.exp(0.75), 12);
    expect(perplexity({ sum: 0, tokens: 1 })).toBe(1);
  });

  it('scores 1 only when the gold has the lowest perplexity', () => {
    // gold: mean NLL 0.5; fine: 0.6; coarse: 2
    expect(scoreOpenEnded({ sum: -2, tokens: 4 }, { sum: -3, tokens: 5 }, { sum: -4, tokens: 2 })).toEqual({
      perplexities: [Math.exp(0.5), Math.exp(0.6), Math.exp(2)],
      score: 1,
    });
    // a longer fine distractor with a smaller mean NLL wins despite its larger summed NLL
    expect(scoreOpenEnded({ sum: -2, tokens: 4 }, { sum: -4, tokens: 10 }, { sum: -4, tokens: 2 }).score).toBe(0);
    expect(scoreOpenEnded({ sum: -2, tokens: 4 }, { sum: -3, tokens: 5 }, { sum: -1, tokens: 4 }).score).toBe(0);
  });

  it('counts the end-of-turn token: without it the ranking can flip', () => {
    // gold "A<eot>": log-probs −1.2, −0.1; fine "B<eot>": −1.0, −0.9
    expect(scoreOpenEnded({ sum: -1.3, tokens: 2 }, { sum: -1.9, tokens: 2 }, { sum: -9, tokens: 2 }).score).toBe(1);
    expect(scoreOpenEnded({ sum: -1.2, tokens: 1 }, { sum: -1.0, tokens: 1 }, { sum: -9, tokens: 1 }).score).toBe(0);
  });

  it('gives a tie to the gold, as DoIT compares min(ppl) with the gold ppl', () => {
    expect(scoreOpenEnded({ sum: -2, tokens: 2 }, { sum: -3, tokens: 3 }, { sum: -5, tokens: 2 }).score).toBe(1);
    expect(scoreOpenEnded({ sum: -2, tokens: 2 }, { sum: -2, tokens: 2 }, { sum: -2, tokens: 2 }).score).toBe(1);
  });

  it('refuses a continuation without tokens or with a positive log-probability', () => {
    expect(() => perplexity({ sum: -1, tokens: 0 })).toThrow(RangeError);
    expect(() => perplexity({ sum: 0.1, tokens: 2 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCloze, parseMultiChoice, parseSingleChoice, parseTrueFalse } from './choice-parsers';
import fixture from './doit-verdicts.fixture.json';
import { isMathEquiv, parseMathAnswer } from './math-answer';

// The fixture holds the DoIT Python functions' own outputs on these inputs (see its _comment).
const LOGITS_PICK_D = { A: 0, B: 0, C: 0, D: 5 };

describe('DoIT golden verdicts', () => {
  describe(parseSingleChoice.name, () => {
    it.each(fixture.single)('$generation → $parsed', ({ generation, parsed, textMode }) => {
      const both = parseSingleChoice(generation, 4, LOGITS_PICK_D);
      expect(parsed === 'LOGITS' ? both : both.letter ?? 'E').toEqual(parsed === 'LOGITS' ? { letter: 'D', via: 'logits' } : parsed);
      expect(parseSingleChoice(generation).letter ?? 'E').toBe(textMode);
    });
  });

  describe(parseMultiChoice.name, () => {
    it.each(fixture.multi)('$text → $parsed', ({ text, parsed }) => {
      expect(parseMultiChoice(text)).toBe(parsed);
    });
  });

  describe(parseTrueFalse.name, () => {
    it.each(fixture.trueFalse)('$generation → $parsed', ({ generation, parsed }) => {
      expect(parseTrueFalse(generation) ?? 'E').toBe(parsed);
    });
  });

  describe(parseCloze.name, () => {
    it.each(fixture.cloze)('$generation → $parsed', ({ generation, parsed }) => {
      expect(parseCloze(generation)).toBe(parsed);
    });
  });

  describe(parseMathAnswer.name, () => {
    it.each(fixture.math.cases)('$generation → $parsed', ({ generation, parsed, equivalentGolds }) => {
      expect(parseMathAnswer(generation)).toBe(parsed);
      const equivalent = fixture.math.golds.filter((gold) => isMathEquiv(parsed, gold));
      expect(equivalent).toEqual(equivalentGolds);
    });
  });
});

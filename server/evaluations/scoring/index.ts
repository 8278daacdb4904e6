export { aggregate, type AbilityScore, type AggregateScores, type ScoredItem } from './aggregate';
export { argmaxLetter, candidateLetters, parseCloze, parseMultiChoice, parseSingleChoice, parseTrueFalse, trueFalseGold, type LetterLogits } from './choice-parsers';
export { expectedScore, scoreExactMatch, type ExactMatchItem, type ExactMatchType, type ExactMatchVerdict } from './exact-match';
export { isMathEquiv, lastBoxed, normalizeMathAnswer, parseMathAnswer } from './math-answer';
export { perplexity, scoreOpenEnded, type ContinuationLogprob, type OpenEndedVerdict } from './open-ended';

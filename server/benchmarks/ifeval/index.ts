// IFEval (Zhou et al. 2023): verifiable-instruction checkers, strict/loose evaluation and the four metrics — pure.
export { CHECKERS, INSTRUCTION_IDS, RELATIONS, type CheckerSpec, type Relation } from './checkers';
export { checkResponse, evaluateIfeval, ifevalMetrics, looseVariants, IfevalMetricsError, type IfevalCheck, type IfevalMetrics, type IfevalResult, type IfevalRun } from './evaluate';
export { parseIfevalJsonl, parseIfevalPrompt, IfevalPromptError, type IfevalInstruction, type IfevalPrompt, type ParsedPromptFile } from './prompts';

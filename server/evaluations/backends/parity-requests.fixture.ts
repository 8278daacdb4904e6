import { GenerateRequest, LoglikelihoodRequest } from './backend.types';
import { answerContinuation, promptContext } from './chat-format';

const QUESTIONS = [
  '你好，今天天气怎么样？',
  'What is the capital of France?',
  '请用一句话解释什么是机器学习。',
  'Translate "good morning" into Chinese.',
  `${'长'.repeat(60)}的问题，以及 a long English tail ${'word '.repeat(40)}`,
  'A',
];
const ANSWERS = ['很好。', 'Paris', '机器学习是让计算机从数据中学习规律的方法。', '早上好', 'B', `${'答'.repeat(30)} and ${'x'.repeat(25)}`];

/** Chinese and English, one to a few hundred tokens, so a batch mixes lengths (padding) and byte-split characters. */
export function parityRequests(): { loglikelihood: LoglikelihoodRequest[]; generate: GenerateRequest[] } {
  const loglikelihood = QUESTIONS.flatMap((q, i) =>
    ANSWERS.slice(0, 3).map((a, j): LoglikelihoodRequest => ({
      kind: 'loglikelihood',
      id: `ll-${i}-${j}`,
      context: promptContext([{ role: 'user', content: q }]),
      continuation: answerContinuation(j === 2 ? ANSWERS[(i + 3) % ANSWERS.length] : a),
    })),
  );
  const generate = QUESTIONS.map((q, i): GenerateRequest => ({
    kind: 'generate',
    id: `gen-${i}`,
    context: promptContext([{ role: 'user', content: q }]),
    maxTokens: [1, 4, 12, 7, 3, 20][i],
    ...(i % 2 === 0 ? { candidates: ['A', 'B', 'C', 'D'] } : { candidates: ['对', '错'] }),
  }));
  return { loglikelihood, generate };
}

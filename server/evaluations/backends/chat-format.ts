/** The conversation format every back-end and the trainer share (workers/trainer/pace_trainer/chat_format.py). */
export const USER = '<user>';
export const ASSISTANT = '<assistant>';
export const EOT = '<eot>';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export function renderTurn(m: ChatMessage): string {
  if (m.role !== 'user' && m.role !== 'assistant') throw new RangeError(`a message's role is user or assistant, got ${String(m.role)}`);
  return `${m.role === 'user' ? USER : ASSISTANT}${m.content}${EOT}`;
}

/** The context a model answers: every message before the last assistant one, then the assistant's speaker token. */
export function promptContext(messages: readonly ChatMessage[]): string {
  const last = messages.length - 1;
  const upTo = messages[last]?.role === 'assistant' ? last : messages.length;
  return messages.slice(0, upTo).map(renderTurn).join('') + ASSISTANT;
}

/** A candidate answer as a log-likelihood continuation: its perplexity counts the end-of-turn token too. */
export function answerContinuation(answer: string): string {
  return answer + EOT;
}

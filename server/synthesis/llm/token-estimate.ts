import type { ChatMessage } from './chat.types';

// Han, Hiragana, Katakana, Hangul and CJK punctuation: BPE vocabularies give these about one token each (o200k and
// Qwen's somewhat less, cl100k somewhat more); other text averages about four characters a token.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/gu;

/** A rough token count of `text` without a tokenizer: used to reserve limits before a call, corrected after it. */
export function estimateTextTokens(text: string): number {
  if (!text) return 0;
  const cjk = text.match(CJK)?.length ?? 0;
  const rest = text.replace(CJK, '').length;
  return cjk + Math.ceil(rest / 4);
}

/** Per message 4 tokens of framing, and 3 that prime the reply (the OpenAI cookbook's count for chat models). */
export function estimatePromptTokens(messages: ChatMessage[]): number {
  return 3 + messages.reduce((sum, m) => sum + 4 + estimateTextTokens(m.content) + (m.name ? estimateTextTokens(m.name) : 0), 0);
}

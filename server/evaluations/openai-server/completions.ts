import { ChatTokenizer } from '../backends/chat-tokenizer';
import { tokenBytes } from '../backends/token-bytes';
import { OnnxBackend } from '../backends/onnx-backend';
import { CompletionRequest, OpenAiRequestError } from './completion-request';

interface ScoredToken {
  id: number;
  logprob: number | null;
  top: [number, number][];
}

interface Choice {
  index: number;
  text: string;
  logprobs: { tokens: string[]; token_logprobs: (number | null)[]; top_logprobs: Record<string, number>[] | null; text_offset: number[] } | null;
  finish_reason: 'stop' | 'length';
}

/**
 * A token's name in logprobs: its text when it decodes to whole characters, else its bytes as vLLM writes them
 * (`bytes:\xe4\xbd`, a piece of a longer character), so distinct tokens never share a name in top_logprobs.
 */
function tokenName(tokenizer: ChatTokenizer, id: number): string {
  const text = tokenizer.decode([id]);
  if (text && !text.includes('\ufffd')) return text;
  const bytes = tokenBytes(tokenizer.tokenString(id));
  return bytes ? `bytes:${[...bytes].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}` : `token:${tokenizer.tokenString(id)}`;
}

/** Each token's offset in the decoded text; a byte of a longer character starts where that character starts. */
function textOffsets(tokenizer: ChatTokenizer, ids: number[], start: number): { offsets: number[]; text: string } {
  const offsets: number[] = [];
  let text = '';
  let pending: number[] = [];
  for (const id of ids) {
    offsets.push(start + text.length);
    pending.push(id);
    const piece = tokenizer.decode(pending);
    if (!piece.endsWith('\ufffd') || pending.length >= 4) {
      text += piece;
      pending = [];
    }
  }
  if (pending.length) text += tokenizer.decode(pending);
  return { offsets, text };
}

function firstStop(text: string, stops: string[]): number {
  return Math.min(...stops.map((s) => text.indexOf(s)).filter((i) => i >= 0), text.length);
}

/** One prompt's completion: greedy from the ONNX back-end, with the prompt scored too when echoed. */
async function completeOne(backend: OnnxBackend, req: CompletionRequest, prompt: string, index: number, signal?: AbortSignal): Promise<{ choice: Choice; promptTokens: number; completionTokens: number }> {
  const tok = backend.tokenizer;
  const promptIds = tok.encodeContext(prompt);
  if (!promptIds.length) throw new OpenAiRequestError('prompt', `prompt ${index} is empty and the model has no BOS token`);
  const k = req.logprobs ?? 0;
  const shown = tok.bosId === null ? promptIds : promptIds.slice(1);
  const scored: ScoredToken[] = [];
  if (req.echo) {
    const { logprobs, top } = promptIds.length > 1 ? await backend.promptLogprobs(promptIds, k) : { logprobs: [], top: [] };
    const offset = promptIds.length - shown.length; // with BOS, every shown token has a logprob
    shown.forEach((id, i) => scored.push(i + offset === 0 ? { id, logprob: null, top: [] } : { id, logprob: logprobs[i + offset - 1], top: top[i + offset - 1] }));
  }
  let generatedText = '';
  let finish: Choice['finish_reason'] = 'length';
  let completionTokens = 0;
  if (req.maxTokens > 0) {
    const [run] = await backend.greedy([promptIds], [req.maxTokens], k, signal);
    const { offsets, text } = textOffsets(tok, run.ids, 0);
    const cut = firstStop(text, req.stop);
    const kept = cut < text.length ? offsets.filter((o) => o < cut).length : run.ids.length;
    generatedText = text.slice(0, cut);
    finish = run.stopped || cut < text.length ? 'stop' : 'length';
    completionTokens = kept;
    run.ids.slice(0, kept).forEach((id, i) => scored.push({ id, logprob: run.logprobs[i], top: run.top[i] ?? [] }));
  }
  const echoed = req.echo ? textOffsets(tok, shown, 0) : null;
  const text = (req.echo ? prompt : '') + generatedText;
  let logprobs: Choice['logprobs'] = null;
  if (req.logprobs !== null) {
    const promptPart = echoed ? echoed.offsets : [];
    const genPart = textOffsets(tok, scored.slice(promptPart.length).map((s) => s.id), req.echo ? prompt.length : 0).offsets;
    logprobs = {
      tokens: scored.map((s) => tokenName(tok, s.id)),
      token_logprobs: scored.map((s) => s.logprob),
      top_logprobs: scored.map((s) => Object.fromEntries(s.top.map(([id, lp]) => [tokenName(tok, id), lp]))),
      text_offset: [...promptPart, ...genPart],
    };
  }
  return { choice: { index, text, logprobs, finish_reason: finish }, promptTokens: promptIds.length, completionTokens };
}

export async function createCompletion(backend: OnnxBackend, modelName: string, req: CompletionRequest, signal?: AbortSignal) {
  if (req.model !== undefined && req.model !== modelName) throw new OpenAiRequestError('model', `model ${JSON.stringify(req.model)} is not served here; this server serves ${JSON.stringify(modelName)}`, 404);
  const parts = [];
  for (const [i, prompt] of req.prompts.entries()) parts.push(await completeOne(backend, req, prompt, i, signal));
  const promptTokens = parts.reduce((a, p) => a + p.promptTokens, 0);
  const completionTokens = parts.reduce((a, p) => a + p.completionTokens, 0);
  return {
    id: `cmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`,
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: modelName,
    choices: parts.map((p) => p.choice),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { EOT } from './chat-format';

/**
 * A Hugging Face tokenizer (tokenizer.json + tokenizer_config.json) used as the trainer uses it (PROTOCOL.md
 * "Conversation format"): BOS when there is one, then the text encoded without special tokens of its own; the chat
 * tokens are added tokens, so they always encode to one id.
 */
export class ChatTokenizer {
  readonly eotId: number | undefined;

  private constructor(
    private readonly tokenizer: Tokenizer,
    readonly bosId: number | null,
    readonly eosId: number | null,
  ) {
    this.eotId = tokenizer.token_to_id(EOT);
  }

  static load(dir: string, ids: { bosTokenId: number | null; eosTokenId: number | null }): ChatTokenizer {
    const read = (file: string) => {
      try {
        return JSON.parse(readFileSync(join(dir, file), 'utf8')) as object;
      } catch (e) {
        throw new Error(`cannot read the tokenizer file ${join(dir, file)}: ${(e as Error).message}`);
      }
    };
    return new ChatTokenizer(new Tokenizer(read('tokenizer.json'), read('tokenizer_config.json')), ids.bosTokenId, ids.eosTokenId);
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text, { add_special_tokens: false }).ids;
  }

  /** BOS (when the tokenizer has one) + the text. */
  encodeContext(text: string): number[] {
    return this.bosId === null ? this.encode(text) : [this.bosId, ...this.encode(text)];
  }

  decode(ids: number[]): string {
    return this.tokenizer.decode(ids, { skip_special_tokens: false });
  }

  /** The vocabulary's string for one id (unique per id, so fit to compare tokens by). */
  tokenString(id: number): string {
    return this.tokenizer.id_to_token(id) ?? `<id:${id}>`;
  }

  /** Generation stops at `<eot>` or EOS. */
  stopIds(): Set<number> {
    return new Set([this.eosId, this.eotId].filter((i): i is number => typeof i === 'number'));
  }
}

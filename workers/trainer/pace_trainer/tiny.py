"""A tiny randomly initialised Llama-style model with a byte-level tokenizer, built offline: what the tests train."""
import json
import os

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

from .chat_format import CHAT_TOKENS

SPECIAL = ["<s>", "</s>", "<pad>"]


def byte_level_tokenizer() -> PreTrainedTokenizerFast:
    """Every byte is one token (no merges), so any text, Chinese included, round-trips; ids 0–255 are the bytes."""
    alphabet = pre_tokenizers.ByteLevel.alphabet()
    byte_to_char = _bytes_to_unicode()
    vocab = {byte_to_char[b]: b for b in range(256)}
    assert set(vocab) == set(alphabet)
    for i, tok in enumerate(SPECIAL):
        vocab[tok] = 256 + i
    tok = Tokenizer(models.BPE(vocab=vocab, merges=[], byte_fallback=False))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens(SPECIAL)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>")


def bpe_tokenizer(vocab_size: int, seed: int = 0) -> PreTrainedTokenizerFast:
    """A byte-level BPE of ``vocab_size`` tokens (any text round-trips) trained offline on a generated corpus: every CJK
    ideograph, frequent two-character words among the first few thousand, and English-like words from syllables; so
    Chinese characters are mostly one token and the vocabulary is as large as a real model's."""
    import random

    from tokenizers import trainers

    rng = random.Random(seed)
    cjk = [chr(c) for c in range(0x4E00, 0xA000)]
    common = cjk[:3000]
    onsets = ["", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "qu", "r", "s", "t", "v", "w", "st", "th", "ch", "sh", "pr", "tr"]
    nuclei = ["a", "e", "i", "o", "u", "ea", "ou", "ai", "io"]
    codas = ["", "n", "r", "s", "t", "l", "nd", "ng", "st", "ck"]

    def word() -> str:
        return "".join(rng.choice(onsets) + rng.choice(nuclei) + rng.choice(codas) for _ in range(rng.randint(1, 3)))

    lines = ["\n".join(cjk)] * 3  # one word per character, no leading space: as they stand in running text
    lines += ["".join(rng.choice(common) for _ in range(2)) + " " for _ in range(20_000)]
    lines += [" ".join(word() for _ in range(40)) for _ in range(1_000)]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size - len(CHAT_TOKENS), special_tokens=SPECIAL, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(lines, trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>")


def _bytes_to_unicode() -> dict[int, str]:
    # GPT-2's printable stand-ins for bytes, which the ByteLevel pre-tokenizer maps bytes to
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs)}


def make_tiny(
    out: str, hidden: int = 64, layers: int = 2, heads: int = 4, kv_heads: int = 2, intermediate: int = 128, seed: int = 0,
    chat_tokens: bool = False, vocab: int | None = None,
) -> dict:
    """``chat_tokens`` adds ``<user>``, ``<assistant>``, ``<eot>`` (ids 259–261 with the byte-level tokenizer) as a
    trained checkpoint has them. ``vocab`` trains a byte-level BPE of that many tokens (chat tokens included) instead
    of the 259-token byte-level one, for a model whose output layer costs what a real one's does."""
    torch.manual_seed(seed)
    tokenizer = bpe_tokenizer(vocab, seed) if vocab else byte_level_tokenizer()
    if chat_tokens:
        tokenizer.add_tokens(CHAT_TOKENS, special_tokens=True)
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden,
        intermediate_size=intermediate,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        num_key_value_heads=kv_heads,
        max_position_embeddings=4096,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=False,
        torch_dtype="float32",
    )
    model = LlamaForCausalLM(config)
    os.makedirs(out, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    info = {"path": os.path.abspath(out), "parameters": sum(p.numel() for p in model.parameters()), "vocabSize": len(tokenizer)}
    with open(os.path.join(out, "pace-tiny.json"), "w") as f:
        json.dump(info, f)
    return info

"""The conversation format shared by training and every scoring back-end (the TypeScript side renders the same).

A conversation is rendered as ``<user>{content}<eot><assistant>{content}<eot>…`` with no other separators, and
tokenized as the tokenizer's BOS token (when it has one) followed by the text encoded without special tokens of its
own; ``<user>``, ``<assistant>`` and ``<eot>`` are added tokens, so they are always single tokens.
"""

USER = "<user>"
ASSISTANT = "<assistant>"
EOT = "<eot>"
CHAT_TOKENS = [USER, ASSISTANT, EOT]


def speaker(role: str) -> str:
    if role == "user":
        return USER
    if role == "assistant":
        return ASSISTANT
    raise ValueError(f"a message's role is user or assistant, got {role!r}")


def render_turn(role: str, content: str) -> str:
    return f"{speaker(role)}{content}{EOT}"


def bos_ids(tokenizer) -> list[int]:
    return [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []


def encode(tokenizer, text: str) -> list[int]:
    return tokenizer.encode(text, add_special_tokens=False)


def add_chat_tokens(tokenizer, model) -> int:
    """Adds the speaker and end-of-turn tokens when missing and resizes the embeddings; returns how many were added."""
    missing = [t for t in CHAT_TOKENS if t not in tokenizer.get_vocab()]
    added = tokenizer.add_tokens(missing, special_tokens=True) if missing else 0
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    if added:
        model.resize_token_embeddings(len(tokenizer))
    return added

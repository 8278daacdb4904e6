"""Training conversations: read and checked line by line, rendered with chat_format, the loss masked to the assistant.

A train file is JSON lines of ``{"messages": [{"role": "user"|"assistant", "content": "…"}, …]}`` (other keys are
ignored). Every bad line is refused with its file and line number, before any model loads.
"""
import json
import os
from dataclasses import dataclass

from .. import chat_format

IGNORE = -100  # the label of a token the loss skips


class DataError(ValueError):
    pass


def read_conversations(path: str) -> list[list[dict]]:
    name = os.path.basename(path)
    conversations = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{name} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise DataError(f"{where}: not JSON ({e.msg} at column {e.colno})") from None
            conversations.append(_messages(record, where))
    if not conversations:
        raise DataError(f"{name}: no conversations (the file is empty)")
    return conversations


def _messages(record: object, where: str) -> list[dict]:
    if not isinstance(record, dict) or "messages" not in record:
        raise DataError(f'{where}: each line is an object with "messages"')
    messages = record["messages"]
    if not isinstance(messages, list) or not messages:
        raise DataError(f"{where}: messages must be a non-empty list")
    for i, m in enumerate(messages):
        if not isinstance(m, dict):
            raise DataError(f"{where}: messages[{i}] must be an object with role and content")
        if m.get("role") not in ("user", "assistant"):
            raise DataError(f'{where}: messages[{i}].role must be "user" or "assistant", got {json.dumps(m.get("role"), ensure_ascii=False)}')
        if not isinstance(m.get("content"), str):
            raise DataError(f"{where}: messages[{i}].content must be a string")
    if not any(m["role"] == "assistant" for m in messages):
        raise DataError(f"{where}: no assistant message, so nothing to learn")
    return [{"role": m["role"], "content": m["content"]} for m in messages]


@dataclass
class Example:
    input_ids: list[int]
    labels: list[int]


@dataclass
class Dataset:
    examples: list[Example]
    trimmed: int  # examples kept but cut to maxLength
    dropped: int  # examples with no labelled token left after trimming


def tokenize(conversations: list[list[dict]], tokenizer, max_length: int) -> Dataset:
    """Token ids = BOS + each turn's speaker token, content and ``<eot>``; labels copy the ids of assistant contents
    and their ``<eot>`` and are IGNORE elsewhere (the model shifts them itself). Contents are encoded one by one, which
    is how the text encodes as a whole: the chat tokens are added tokens, so the tokenizer splits on them first."""
    vocab = tokenizer.get_vocab()
    speaker_ids = {"user": vocab[chat_format.USER], "assistant": vocab[chat_format.ASSISTANT]}
    eot = vocab[chat_format.EOT]
    examples, trimmed, dropped = [], 0, 0
    for messages in conversations:
        ids = list(chat_format.bos_ids(tokenizer))
        labels = [IGNORE] * len(ids)
        for m in messages:
            content = chat_format.encode(tokenizer, m["content"])
            ids += [speaker_ids[m["role"]], *content, eot]
            learn = m["role"] == "assistant"
            labels += [IGNORE] + (content + [eot] if learn else [IGNORE] * (len(content) + 1))
        cut = len(ids) > max_length
        ids, labels = ids[:max_length], labels[:max_length]
        # the first position predicts nothing (labels shift by one inside the model)
        if all(label == IGNORE for label in labels[1:]):
            dropped += 1
            continue
        trimmed += cut
        examples.append(Example(ids, labels))
    return Dataset(examples, trimmed, dropped)

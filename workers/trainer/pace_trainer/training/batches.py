"""Optimizer steps and their micro-batches, a pure function of (seed, epoch) so a resumed run sees the same order.

Each epoch shuffles the examples and cuts them into optimizer steps of ``globalBatchSize`` examples (the last one
may be smaller). Within a step the examples are sorted by length and cut into micro-batches, so each micro-batch is
padded only to its own longest example. With several processes, each step is cut into the same number of
micro-batches per process (collectives must match); a process whose share is empty runs a zero-weight batch.
"""
import math

import torch

from .data import IGNORE, Example


def epoch_steps(lengths: list[int], global_batch: int, micro_batch: int, seed: int, epoch: int, processes: int = 1) -> list[list[list[int]]]:
    """[step][micro-batch slot] → example indices; slot k belongs to process k % processes."""
    order = torch.randperm(len(lengths), generator=torch.Generator().manual_seed(seed * 100_003 + epoch)).tolist()
    steps = []
    for start in range(0, len(order), global_batch):
        chunk = sorted(order[start : start + global_batch], key=lambda i: (lengths[i], i))
        per_process = max(1, math.ceil(len(chunk) / (micro_batch * processes)))
        slots = per_process * processes
        steps.append(_balanced(chunk, slots))
    return steps


def _balanced(chunk: list[int], slots: int) -> list[list[int]]:
    base, extra = divmod(len(chunk), slots)
    out, start = [], 0
    for k in range(slots):
        end = start + base + (1 if k < extra else 0)
        out.append(chunk[start:end])
        start = end
    return out


def steps_per_epoch(examples: int, global_batch: int) -> int:
    return math.ceil(examples / global_batch)


def collate(examples: list[Example], pad_id: int) -> dict[str, torch.Tensor]:
    """Right-padded to the longest: padding has attention 0 and label IGNORE."""
    width = max(len(e.input_ids) for e in examples)
    ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.input_ids)
        ids[row, :n] = torch.tensor(e.input_ids)
        labels[row, :n] = torch.tensor(e.labels)
        mask[row, :n] = 1
    return {"input_ids": ids, "attention_mask": mask, "labels": labels}


def labelled_tokens(examples: list[Example]) -> int:
    """Tokens the loss counts: labels shift by one, so a label at position 0 never counts."""
    return sum(sum(1 for label in e.labels[1:] if label != IGNORE) for e in examples)

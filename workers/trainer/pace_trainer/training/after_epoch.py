"""Scoring each checkpoint right after it is written, with the model still in memory (``train``'s scoreAfterEpoch).

The requests are those the checkpoint's evaluation will ask (the worker plans them, server/evaluations/runner/
evaluation-plan.ts); the answers go to ``epoch-<n>/eval-results.jsonl`` with the request file's SHA-256 in its first
line, so the evaluation can use them without loading the model again, and knows when they answer other requests.
Training is not changed by it: the model goes back to train mode and every RNG state is restored, so a resumed run
still equals an uninterrupted one.
"""
import hashlib
import os
import time

import torch

from ..events import emit
from ..scoring.requests import Request, parse_requests
from ..scoring.results import write_results
from ..scoring.torch_scorer import TorchScorer
from . import checkpoints
from .config import TrainConfig

RESULTS_FILE = "eval-results.jsonl"


class EpochScorer:
    def __init__(self, requests: list[Request], sha256: str, path: str, batch_size: int):
        self.requests, self.sha256, self.path, self.batch_size = requests, sha256, path, batch_size

    @classmethod
    def prepare(cls, config: TrainConfig, processes: int) -> tuple["EpochScorer | None", dict | None]:
        """The scorer (None when not asked for or not possible) and what the start event says of it. The request file
        is read (and a bad line refused, naming it) before any model loads."""
        settings = config.scoreAfterEpoch
        if settings is None:
            return None, None
        if processes > 1:
            # each process holds a shard of the model (FSDP): the evaluate job's own scorer loads the checkpoint instead
            return None, {"skipped": f"{processes} processes (FSDP) hold shards of the model; each checkpoint is scored by its evaluate job"}
        with open(settings.requests, "rb") as f:
            raw = f.read()
        requests = parse_requests(raw.decode("utf-8"), settings.requests)
        return cls(requests, hashlib.sha256(raw).hexdigest(), settings.requests, settings.batchSize), {"requests": len(requests)}

    def score(self, model, tokenizer, device: torch.device, epoch: int, checkpoint_dir: str, precision: str) -> None:
        started = time.monotonic()
        total = len(self.requests)
        done = 0

        def on_done(n: int) -> None:
            nonlocal done
            done += n
            emit("progress", stage="scoring", epoch=epoch, done=done, total=total)

        was_training = model.training
        rng = checkpoints.rng_state()
        model.eval()
        try:
            scorer = TorchScorer(model, tokenizer, device, self.batch_size)
            results = scorer.answer(self.requests, on_done)
        finally:
            model.train(was_training)
            checkpoints.restore_rng(rng)
        header = {"requestsSha256": self.sha256, "requests": total, "epoch": epoch, "device": device.type, "precision": precision,
                  "tokens": scorer.tokens}
        write_results(os.path.join(checkpoint_dir, RESULTS_FILE), results, header)
        emit("scored", epoch=epoch, requests=total, seconds=round(time.monotonic() - started, 3))

"""Exporting a checkpoint for the ONNX back-end (server/evaluations/backends/onnx-backend.ts).

The graph takes ``input_ids`` and ``attention_mask`` (int64, [batch, sequence], both dynamic) and returns ``logits``
(float32 [batch, sequence, vocab]); no KV cache, so the ONNX back-end re-runs the whole sequence per generated token.
The export is written to ``<out>.tmp`` and renamed when complete and checked.
"""
import contextlib
import json
import os
import shutil
import sys
from collections.abc import Callable

import torch

from ..chat_format import EOT
from .model_loading import load_for_scoring


class _LogitsOnly(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits.float()


def export_onnx(model_dir: str, out: str, opset: int = 18, progress: Callable[[str], None] = lambda s: None) -> dict:
    import onnx

    model, tokenizer, _ = load_for_scoring(model_dir, torch.device("cpu"))
    model.config.use_cache = False
    tmp = out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    progress("export")
    example = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]], dtype=torch.long)
    mask = torch.ones_like(example)
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    path = os.path.join(tmp, "model.onnx")
    weights_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    with contextlib.redirect_stdout(sys.stderr):  # the exporter prints its stages; stdout carries JSON lines only
        program = torch.onnx.export(
            _LogitsOnly(model).eval(), (example, mask), input_names=["input_ids", "attention_mask"], output_names=["logits"],
            dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
            opset_version=opset, dynamo=True, external_data=weights_bytes > 1_500_000_000,  # protobuf's 2 GB limit
        )
    program.save(path)
    progress("check")
    onnx.checker.check_model(path, full_check=True)
    tokenizer.save_pretrained(tmp)
    vocab = tokenizer.get_vocab()
    info = {
        "bosTokenId": tokenizer.bos_token_id,
        "eosTokenId": tokenizer.eos_token_id,
        "eotTokenId": vocab.get(EOT),
        "padTokenId": tokenizer.pad_token_id,
        "vocabSize": int(model.config.vocab_size),
        "maxLength": int(getattr(model.config, "max_position_embeddings", 0) or 0) or None,
        "source": os.path.abspath(model_dir),
    }
    with open(os.path.join(tmp, "pace-onnx.json"), "w") as f:
        json.dump(info, f, indent=2)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return {"path": os.path.abspath(out), **info}

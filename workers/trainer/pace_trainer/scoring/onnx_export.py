"""Exporting a checkpoint for the ONNX back-end (server/evaluations/backends/onnx-backend.ts).

Two graphs, both with dynamic batch and lengths:
- ``model.onnx``: ``input_ids`` and ``attention_mask`` (int64 [batch, sequence]) to ``logits`` (float32
  [batch, sequence, vocab]); prompt log-probabilities with top-k, and generation of an export without the second graph.
- ``model-with-past.onnx`` (the KV cache, as Optimum/transformers.js exports have it, plus the scoring head):
  ``input_ids``, ``position_ids`` (int64 [batch, sequence]), ``attention_mask`` (int64 [batch, past + sequence]),
  ``targets`` (int64 [batch, kept]) and ``past_key_values.<i>.key``/``.value`` (float32 [batch, kv heads, past, head
  dim]; past may be 0) to ``present.<i>.key``/``.value`` (past + sequence long) and, over the last ``kept`` positions
  only (the output layer is not run on the others), ``target_logprobs`` (float32 [batch, kept]: the log-softmax at each
  position's target), ``argmax`` (int64 [batch, kept]: the greedy token there) and ``last_logprobs`` (float32 [batch,
  vocab]: the log-softmax at the last position). So a few numbers per token leave the graph, not the vocabulary's
  logits: log-likelihoods run it on left-padded rows (past 0, continuations right-aligned), greedy generation takes
  ``argmax`` as the next token and feeds each step's presents back as the next step's past. Exported only for models
  whose layers all use full attention (sliding windows would drop past keys).
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

WITH_PAST_FILE = "model-with-past.onnx"


class _LogitsOnly(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model(input_ids=input_ids, attention_mask=attention_mask, use_cache=False).logits.float()


class _WithPast(torch.nn.Module):
    """Flat tensors in and out (past key, value per layer) around a DynamicCache, so that the graph's names are plain;
    the output layer runs on the last ``targets.shape[1]`` positions only, and the log-softmax, the targets' gather and
    the argmax run in the graph."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, targets, past):
        from transformers import DynamicCache

        cache = DynamicCache(ddp_cache_data=[(past[i], past[i + 1]) for i in range(0, len(past), 2)])
        length, kept = input_ids.shape[1], targets.shape[1]
        out = self.model(
            input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids, past_key_values=cache, use_cache=True,
            logits_to_keep=torch.arange(length - kept, length),
        )
        logits = out.logits.float()
        logprobs = torch.log_softmax(logits, dim=-1)
        target_logprobs = logprobs.gather(2, targets[:, :, None])[:, :, 0]
        present = []
        for layer in out.past_key_values.layers:
            present += [layer.keys, layer.values]
        return (target_logprobs, logits.argmax(dim=-1), logprobs[:, -1], *present)


def _full_attention_only(config) -> bool:
    text = config.get_text_config(decoder=True)
    return not getattr(text, "sliding_window", None) and all(t == "full_attention" for t in (getattr(text, "layer_types", None) or []))


def _export(module, args, path, input_names, output_names, dynamic_shapes, opset, external_data) -> None:
    with contextlib.redirect_stdout(sys.stderr):  # the exporter prints its stages; stdout carries JSON lines only
        program = torch.onnx.export(
            module.eval(), args, input_names=input_names, output_names=output_names, dynamic_shapes=dynamic_shapes,
            opset_version=opset, dynamo=True, external_data=external_data,
        )
    program.save(path)


def _export_with_past(model, path, opset, external_data) -> dict:
    """The decoder-with-past graph with its scoring head; returns its pace-onnx.json entry."""
    layers = int(model.config.get_text_config(decoder=True).num_hidden_layers)
    batch, seq, kept, past_len = 2, 6, 3, 5  # distinct sizes so that no two dynamic dimensions are taken for one
    ids = torch.arange(1, 1 + batch * seq, dtype=torch.long).reshape(batch, seq)
    with torch.no_grad():  # a layer's keys and values are [batch, kv heads, length, head dim]
        keys = model(input_ids=ids[:, :1], use_cache=True).past_key_values.layers[0].keys
    kv_heads, head_dim = int(keys.shape[1]), int(keys.shape[3])
    past = tuple(torch.randn(batch, kv_heads, past_len, head_dim) for _ in range(2 * layers))
    mask = torch.ones(batch, past_len + seq, dtype=torch.long)
    positions = torch.arange(past_len, past_len + seq).expand(batch, seq).contiguous()
    targets = ids[:, -kept:].contiguous()
    kv = [f"{i}.{k}" for i in range(layers) for k in ("key", "value")]
    d = torch.export.Dim.DYNAMIC
    _export(
        _WithPast(model), (ids, mask, positions, targets, past), path,
        ["input_ids", "attention_mask", "position_ids", "targets", *(f"past_key_values.{n}" for n in kv)],
        ["target_logprobs", "argmax", "last_logprobs", *(f"present.{n}" for n in kv)],
        ({0: d, 1: d}, {0: d, 1: d}, {0: d, 1: d}, {0: d, 1: d}, tuple({0: d, 2: d} for _ in kv)), opset, external_data,
    )
    return {"file": WITH_PAST_FILE, "layers": layers, "kvHeads": kv_heads, "headDim": head_dim, "scores": True}


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
    external_data = weights_bytes > 1_500_000_000  # protobuf's 2 GB limit
    _export(_LogitsOnly(model), (example, mask), path, ["input_ids", "attention_mask"], ["logits"],
            {"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}}, opset, external_data)
    kv_cache = None
    if _full_attention_only(model.config):
        progress("export-with-past")
        kv_cache = _export_with_past(model, os.path.join(tmp, WITH_PAST_FILE), opset, external_data)
    progress("check")
    onnx.checker.check_model(path, full_check=True)
    if kv_cache:
        onnx.checker.check_model(os.path.join(tmp, WITH_PAST_FILE), full_check=True)
    tokenizer.save_pretrained(tmp)
    vocab = tokenizer.get_vocab()
    info = {
        "bosTokenId": tokenizer.bos_token_id,
        "eosTokenId": tokenizer.eos_token_id,
        "eotTokenId": vocab.get(EOT),
        "padTokenId": tokenizer.pad_token_id,
        "vocabSize": int(model.config.vocab_size),
        "maxLength": int(getattr(model.config, "max_position_embeddings", 0) or 0) or None,
        "kvCache": kv_cache,
        "source": os.path.abspath(model_dir),
    }
    with open(os.path.join(tmp, "pace-onnx.json"), "w") as f:
        json.dump(info, f, indent=2)
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return {"path": os.path.abspath(out), **info}

"""Batched log-likelihood and greedy generation with a causal LM in torch.

Token ids follow the conversation format (../chat_format.py): BOS (when the tokenizer has one) + the context encoded
without special tokens, then the continuation encoded on its own. A sequence longer than the model's window keeps its
last tokens (the continuation must fit). Log-softmax runs in float64 over float32 logits, as the ONNX back-end does.
"""
from collections.abc import Callable, Iterator

import torch

from ..chat_format import EOT, bos_ids, encode
from .requests import GenerateRequest, LoglikelihoodRequest, Request


class TorchScorer:
    """Answers requests with a loaded model: a checkpoint the ``score`` command loaded, or the model in training
    (``train`` with scoreAfterEpoch), which the caller puts in eval mode."""

    def __init__(self, model, tokenizer, device: torch.device, batch_size: int = 16):
        self.model, self.tokenizer, self.device, self.batch_size = model, tokenizer, device, batch_size
        self.max_length = int(getattr(model.config, "max_position_embeddings", 0) or 1 << 30)
        self.pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        eot = tokenizer.convert_tokens_to_ids(EOT) if EOT in tokenizer.get_vocab() else None
        self.stop_ids = {i for i in (tokenizer.eos_token_id, eot) if i is not None}
        self.tokens = 0  # tokens run through the model, for the done event

    def answer(self, requests: list[Request], on_done: Callable[[int], None]) -> list[dict]:
        """Every request's result, in request order: log-likelihoods first, then generations (one model, batched)."""
        loglikelihood = [r for r in requests if isinstance(r, LoglikelihoodRequest)]
        generate = [r for r in requests if isinstance(r, GenerateRequest)]
        by_id = {}
        for r, result in zip(loglikelihood, self.loglikelihood(loglikelihood, on_done)):
            by_id[id(r)] = result
        for r, result in zip(generate, self.generate(generate, on_done)):
            by_id[id(r)] = result
        return [by_id[id(r)] for r in requests]

    def _batches(self, order: list[int]) -> Iterator[list[int]]:
        for start in range(0, len(order), self.batch_size):
            yield order[start:start + self.batch_size]

    @torch.inference_mode()
    def loglikelihood(self, requests: list[LoglikelihoodRequest], on_done: Callable[[int], None]) -> list[dict]:
        encoded = []
        for r in requests:
            context = bos_ids(self.tokenizer) + encode(self.tokenizer, r.context)
            continuation = encode(self.tokenizer, r.continuation)
            if not context:
                raise ValueError(f"request {r.id}: empty context and the tokenizer has no BOS token to stand for it")
            if len(continuation) > self.max_length:
                raise ValueError(f"request {r.id}: the continuation has {len(continuation)} tokens, more than the model's {self.max_length}")
            whole = (context + continuation)[-(self.max_length + 1):]
            encoded.append((whole[:-1], whole[-len(continuation):]))
        results: list[dict | None] = [None] * len(requests)
        order = sorted(range(len(requests)), key=lambda i: -len(encoded[i][0]))
        for batch in self._batches(order):
            width = max(len(encoded[i][0]) for i in batch)
            ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                inp = encoded[i][0]
                ids[row, :len(inp)] = torch.tensor(inp)
                mask[row, :len(inp)] = 1
            logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits.float()
            self.tokens += int(mask.sum())
            for row, i in enumerate(batch):
                inp, target = encoded[i]
                span = logits[row, len(inp) - len(target):len(inp)].double()
                logprobs = torch.log_softmax(span, dim=-1)
                target_t = torch.tensor(target, device=logprobs.device)
                token_logprobs = logprobs.gather(1, target_t[:, None])[:, 0].tolist()
                greedy = bool((span.argmax(dim=-1) == target_t).all())
                results[i] = {"id": requests[i].id, "logprob": sum(token_logprobs), "tokens": len(target), "greedy": greedy, "tokenLogprobs": token_logprobs}
            on_done(len(batch))
        return results  # type: ignore[return-value]

    def _first_token(self, candidate: str) -> int:
        ids = encode(self.tokenizer, candidate)
        if not ids:
            raise ValueError(f"candidate {candidate!r} encodes to no token")
        return ids[0]

    @torch.inference_mode()
    def generate(self, requests: list[GenerateRequest], on_done: Callable[[int], None]) -> list[dict]:
        """Greedy, left-padded batches with a KV cache; each row stops at <eot>/EOS or its own maxTokens."""
        results: list[dict | None] = [None] * len(requests)
        prompts = []
        for r in requests:
            ids = bos_ids(self.tokenizer) + encode(self.tokenizer, r.context)
            if not ids:
                raise ValueError(f"request {r.id}: empty context and the tokenizer has no BOS token to stand for it")
            prompts.append(ids[-max(1, self.max_length - r.max_tokens):])
        order = sorted(range(len(requests)), key=lambda i: -len(prompts[i]))
        for batch in self._batches(order):
            width = max(len(prompts[i]) for i in batch)
            ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                ids[row, width - len(prompts[i]):] = torch.tensor(prompts[i])
                mask[row, width - len(prompts[i]):] = 1
            ids, mask = ids.to(self.device), mask.to(self.device)
            positions = (mask.cumsum(-1) - 1).clamp(min=0)
            out = self.model(input_ids=ids, attention_mask=mask, position_ids=positions, use_cache=True)
            self.tokens += int(mask.sum())
            limits = [requests[i].max_tokens for i in batch]
            generated: list[list[int]] = [[] for _ in batch]
            finished = [False] * len(batch)
            first = torch.log_softmax(out.logits[:, -1].double(), dim=-1)
            for row, i in enumerate(batch):
                if requests[i].candidates:
                    results[i] = {"candidateLogprobs": {c: float(first[row, self._first_token(c)]) for c in requests[i].candidates}}
            next_pos = positions[:, -1:] + 1
            for step in range(max(limits)):
                nxt = out.logits[:, -1].argmax(dim=-1)
                for row, token in enumerate(nxt.tolist()):
                    if finished[row]:
                        continue
                    if token in self.stop_ids:
                        finished[row] = True
                        continue
                    generated[row].append(token)
                    if len(generated[row]) >= limits[row]:
                        finished[row] = True
                if all(finished):
                    break
                mask = torch.cat([mask, torch.ones((len(batch), 1), dtype=mask.dtype, device=mask.device)], dim=1)
                out = self.model(input_ids=nxt[:, None], attention_mask=mask, position_ids=next_pos, past_key_values=out.past_key_values, use_cache=True)
                self.tokens += len(batch)
                next_pos = next_pos + 1
            for row, i in enumerate(batch):
                text = self.tokenizer.decode(generated[row], skip_special_tokens=False)
                results[i] = {"id": requests[i].id, "text": text, **(results[i] or {})}
            on_done(len(batch))
        return results  # type: ignore[return-value]

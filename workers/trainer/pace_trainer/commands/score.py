"""``score``: the torch scorer (see ../../PROTOCOL.md and ../scoring/)."""
import json
import os
import time

from ..events import emit

HELP = "answer loglikelihood and generate requests (JSON lines) with a checkpoint, in torch"


def add_arguments(p) -> None:
    p.add_argument("--model", required=True, help="checkpoint folder (Hugging Face, or a LoRA adapter)")
    p.add_argument("--requests", required=True, help="JSON lines of requests")
    p.add_argument("--out", required=True, help="JSON lines of results, in request order")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--batch-size", type=int, default=16)


def run(args) -> None:
    from ..scoring.requests import GenerateRequest, LoglikelihoodRequest, read_requests

    if args.batch_size < 1:
        raise ValueError(f"--batch-size must be at least 1, got {args.batch_size}")
    requests = read_requests(args.requests)  # bad input fails before the model loads

    from ..scoring.model_loading import load_for_scoring, pick_device
    from ..scoring.torch_scorer import TorchScorer

    device = pick_device(args.device)
    model, tokenizer, dtype = load_for_scoring(args.model, device)
    scorer = TorchScorer(model, tokenizer, device, args.batch_size)
    emit("start", requests=len(requests), device=device.type, precision=str(dtype).removeprefix("torch."))
    started = time.perf_counter()
    done = 0

    def on_done(n: int) -> None:
        nonlocal done
        done += n
        emit("progress", done=done, total=len(requests))

    loglikelihood = [r for r in requests if isinstance(r, LoglikelihoodRequest)]
    generate = [r for r in requests if isinstance(r, GenerateRequest)]
    by_id = {}
    for r, result in zip(loglikelihood, scorer.loglikelihood(loglikelihood, on_done)):
        by_id[id(r)] = result
    for r, result in zip(generate, scorer.generate(generate, on_done)):
        by_id[id(r)] = result
    tmp = f"{args.out}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for r in requests:
            f.write(json.dumps(by_id[id(r)], ensure_ascii=False, allow_nan=False) + "\n")
    os.replace(tmp, args.out)
    emit("done", requests=len(requests), tokens=scorer.tokens, seconds=round(time.perf_counter() - started, 3))

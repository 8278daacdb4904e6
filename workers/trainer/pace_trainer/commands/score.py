"""``score``: the torch scorer (see ../../PROTOCOL.md and ../scoring/)."""
import time

from ..events import emit

HELP = "answer loglikelihood and generate requests (JSON lines) with a checkpoint, in torch"


def add_arguments(p) -> None:
    p.add_argument("--model", required=True, help="checkpoint folder (Hugging Face, or a LoRA adapter)")
    p.add_argument("--requests", required=True, help="JSON lines of requests")
    p.add_argument("--out", required=True, help="JSON lines of results, in request order")
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--threads", type=int, default=None, help="torch's intra-op threads (default: torch's own choice)")


def run(args) -> None:
    from ..scoring.requests import read_requests
    from ..scoring.results import write_results

    if args.batch_size < 1:
        raise ValueError(f"--batch-size must be at least 1, got {args.batch_size}")
    requests = read_requests(args.requests)  # bad input fails before the model loads

    from ..scoring.model_loading import load_for_scoring, pick_device
    from ..scoring.torch_scorer import TorchScorer

    import torch

    if args.threads is not None:
        if args.threads < 1:
            raise ValueError(f"--threads must be at least 1, got {args.threads}")
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    model, tokenizer, dtype = load_for_scoring(args.model, device)
    scorer = TorchScorer(model, tokenizer, device, args.batch_size)
    emit("start", requests=len(requests), device=device.type, precision=str(dtype).removeprefix("torch."), threads=torch.get_num_threads())
    started = time.perf_counter()
    done = 0

    def on_done(n: int) -> None:
        nonlocal done
        done += n
        emit("progress", done=done, total=len(requests))

    write_results(args.out, scorer.answer(requests, on_done))
    emit("done", requests=len(requests), tokens=scorer.tokens, seconds=round(time.perf_counter() - started, 3))

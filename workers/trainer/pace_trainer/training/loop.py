"""The training loop: AdamW (decoupled weight decay on matrices, none on norms and biases), lr linear from
learningRate to finalLearningRate over all optimizer steps, gradient accumulation over each step's micro-batches
with the loss averaged over the step's labelled tokens, one checkpoint per epoch, JSON-line events."""
import hashlib
import json
import os
import resource
import time
from dataclasses import asdict

import torch
import torch.nn.functional as F
from accelerate import Accelerator
from accelerate.utils import DistributedType, set_seed

from ..events import emit
from . import checkpoints
from .after_epoch import EpochScorer
from .batches import collate, epoch_steps, labelled_tokens, steps_per_epoch
from .config import ConfigError, TrainConfig
from .data import IGNORE, Dataset, tokenize
from .model import load_for_training, parameter_counts, save_full, save_lora

# a resumed run must be the run it continues: these decide its data order, schedule and weights
_RESUME_MUST_MATCH = ("baseModel", "epochs", "learningRate", "finalLearningRate", "betas", "weightDecay", "maxGradNorm",
                      "globalBatchSize", "microBatchSize", "maxLength", "seed", "method", "lora")


def make_accelerator(config: TrainConfig) -> Accelerator:
    if config.device == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device is cuda, but torch sees no CUDA GPU here")
    cpu = config.device == "cpu" or not torch.cuda.is_available()
    precision = config.precision
    if precision == "auto":
        precision = "bf16" if not cpu and torch.cuda.is_bf16_supported() else "fp32"
    if precision == "bf16" and not cpu and not torch.cuda.is_bf16_supported():
        raise ConfigError("precision is bf16, but this GPU does not support bf16")
    return Accelerator(cpu=cpu, mixed_precision="bf16" if precision == "bf16" else "no")


def train(config: TrainConfig, conversations: list[list[dict]], train_file_sha256: str) -> None:
    accelerator = make_accelerator(config)
    main = accelerator.is_main_process
    say = emit if main else (lambda *a, **k: None)
    epoch_scorer, scoring = EpochScorer.prepare(config, accelerator.num_processes)
    os.makedirs(config.outputDir, exist_ok=True)
    start_epoch = checkpoints.last_complete_epoch(config.outputDir) if main else 0
    start_epoch = _broadcast_int(accelerator, start_epoch)
    resume_from = checkpoints.epoch_dir(config.outputDir, start_epoch) if start_epoch else None

    set_seed(config.seed)
    tokenizer, model = load_for_training(config, resume_from)
    data: Dataset = tokenize(conversations, tokenizer, config.maxLength)
    if not data.examples:
        raise ConfigError(f"{config.trainFile}: no example keeps an assistant token within maxLength {config.maxLength}")
    per_epoch = steps_per_epoch(len(data.examples), config.globalBatchSize)
    total_steps = per_epoch * config.epochs

    optimizer = torch.optim.AdamW(_param_groups(model, config.weightDecay), lr=config.learningRate, betas=config.betas)
    final_ratio = config.finalLearningRate / config.learningRate
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: 1.0 - (1.0 - final_ratio) * min(s, total_steps - 1) / max(1, total_steps - 1))
    # the scheduler is stepped by hand once per optimizer step (a prepared one steps once per process)
    model, optimizer = accelerator.prepare(model, optimizer)

    step = 0
    if resume_from:
        state = checkpoints.load_state(resume_from, "cpu")
        _check_resume(state, config, train_file_sha256, resume_from)
        optimizer.load_state_dict(_optimizer_state(state, accelerator, resume_from))
        scheduler.load_state_dict(state["scheduler"])
        step = state["step"]
        checkpoints.restore_rng(state["rng"])
    else:
        _check_not_foreign(config.outputDir)

    total, trainable = parameter_counts(model)
    precision = "bf16" if accelerator.mixed_precision == "bf16" else "fp32"
    say("start", epochs=config.epochs, startEpoch=start_epoch + 1, stepsPerEpoch=per_epoch, totalSteps=total_steps,
        examples=len(data.examples), trimmed=data.trimmed, dropped=data.dropped, parameters=total,
        trainableParameters=trainable, device=str(accelerator.device), precision=precision,
        processes=accelerator.num_processes, resumedFrom=resume_from, scoreAfterEpoch=scoring)

    pad_id = tokenizer.pad_token_id
    lengths = [len(e.input_ids) for e in data.examples]
    began, steps_this_run = time.monotonic(), 0
    processes, rank = accelerator.num_processes, accelerator.process_index
    model.train()
    for epoch in range(start_epoch + 1, config.epochs + 1):
        for index, slots in enumerate(epoch_steps(lengths, config.globalBatchSize, config.microBatchSize, config.seed, epoch, processes)):
            started = time.monotonic()
            step_examples = [data.examples[i] for slot in slots for i in slot]
            weight = 1.0 / labelled_tokens(step_examples)
            mine = slots[rank::processes]
            loss_sum = torch.zeros((), device=accelerator.device)
            for k, slot in enumerate(mine):
                examples = [data.examples[i] for i in slot] or [data.examples[0]]
                batch = {key: t.to(accelerator.device) for key, t in collate(examples, pad_id).items()}
                with _sync_unless_last(accelerator, model, k == len(mine) - 1):
                    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
                    nll = _summed_nll(logits, batch["labels"]) * (1.0 if slot else 0.0)
                    # DDP/FSDP average gradients over processes: scale back up to a sum over the whole step
                    accelerator.backward(nll * weight * processes)
                loss_sum += nll.detach()
            if config.maxGradNorm > 0:
                accelerator.clip_grad_norm_(model.parameters(), config.maxGradNorm)
            lr = scheduler.get_last_lr()[0]
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            steps_this_run += 1
            loss = accelerator.reduce(loss_sum, reduction="sum").item() * weight
            tokens = sum(len(e.input_ids) for e in step_examples)
            elapsed = time.monotonic() - began
            say("step", step=step, epoch=round(epoch - 1 + (index + 1) / per_epoch, 6), loss=loss, lr=lr, tokens=tokens,
                tokensPerSecond=tokens / max(time.monotonic() - started, 1e-9),
                etaSeconds=elapsed / steps_this_run * (total_steps - step))
        path = _save_checkpoint(accelerator, model, optimizer, scheduler, tokenizer, config, epoch, step, train_file_sha256)
        say("checkpoint", epoch=epoch, step=step, path=path)
        if epoch_scorer:  # one process only (see EpochScorer.prepare)
            epoch_scorer.score(model, tokenizer, accelerator.device, epoch, path, precision)

    done = {"steps": step, "seconds": time.monotonic() - began, "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}
    if accelerator.device.type == "cuda":
        done["peakCudaMemoryBytes"] = torch.cuda.max_memory_allocated(accelerator.device)
    accelerator.wait_for_everyone()
    say("done", **done)
    accelerator.end_training()


def _summed_nll(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Summed next-token NLL over labelled positions (fp32, whatever the autocast dtype)."""
    return F.cross_entropy(logits[:, :-1].flatten(0, 1).float(), labels[:, 1:].flatten(), ignore_index=IGNORE, reduction="sum")


def _param_groups(model, weight_decay: float) -> list[dict]:
    decay, no_decay = [], []
    for p in model.parameters():
        if p.requires_grad:
            (decay if p.ndim >= 2 else no_decay).append(p)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


def _sync_unless_last(accelerator: Accelerator, model, last: bool):
    """Under DDP, gradients are all-reduced only on a step's last micro-batch (FSDP keeps its own sharded sync)."""
    import contextlib

    if last or accelerator.distributed_type != DistributedType.MULTI_GPU:
        return contextlib.nullcontext()
    return accelerator.no_sync(model)


def _broadcast_int(accelerator: Accelerator, value: int) -> int:
    if accelerator.num_processes == 1:
        return value
    from accelerate.utils import broadcast

    return int(broadcast(torch.tensor([value], device=accelerator.device)).item())


def _save_checkpoint(accelerator, model, optimizer, scheduler, tokenizer, config: TrainConfig, epoch: int, step: int, sha: str) -> str:
    final = checkpoints.epoch_dir(config.outputDir, epoch)
    tmp = final + ".tmp"
    main = accelerator.is_main_process
    if main:
        os.makedirs(tmp, exist_ok=True)
    accelerator.wait_for_everyone()
    unwrapped = accelerator.unwrap_model(model)
    with torch.random.fork_rng(devices=[]):  # loading a base model to merge LoRA into must not move the RNG
        if config.method == "lora":
            if main:
                save_lora(unwrapped, tokenizer, config.baseModel, tmp)
        else:
            state_dict = accelerator.get_state_dict(model)  # gathers FSDP shards to the main process
            save_full(unwrapped, tokenizer, tmp, state_dict=state_dict, is_main=main, save_function=accelerator.save)
    if accelerator.num_processes > 1:  # each process's own (sharded) optimizer state; resume needs as many processes
        torch.save(optimizer.state_dict(), os.path.join(tmp, f"optimizer.rank{accelerator.process_index}.pt"))
    accelerator.wait_for_everyone()
    if main:
        torch.save({
            "epoch": epoch, "step": step, "config": asdict(config), "trainFileSha256": sha,
            "processes": accelerator.num_processes,
            "optimizer": optimizer.state_dict() if accelerator.num_processes == 1 else None,
            "scheduler": scheduler.state_dict(), "rng": checkpoints.rng_state(),
        }, os.path.join(tmp, checkpoints.STATE_FILE))
        checkpoints.finish(tmp, final)
    accelerator.wait_for_everyone()
    return os.path.abspath(final)


def _optimizer_state(state: dict, accelerator: Accelerator, path: str) -> dict:
    if state["processes"] != accelerator.num_processes:
        raise ConfigError(f"{path} was written by {state['processes']} process(es); resume it with as many, not {accelerator.num_processes}")
    if accelerator.num_processes == 1:
        return state["optimizer"]
    return torch.load(os.path.join(path, f"optimizer.rank{accelerator.process_index}.pt"), map_location="cpu", weights_only=False)


def _check_resume(state: dict, config: TrainConfig, sha: str, path: str) -> None:
    saved, now = state["config"], asdict(config)
    for name in _RESUME_MUST_MATCH:
        if json.dumps(saved.get(name)) != json.dumps(now.get(name)):
            raise ConfigError(f"{path} was trained with {name} = {json.dumps(saved.get(name))}, this config says "
                              f"{json.dumps(now.get(name))}: resuming would not continue that run (use a new outputDir)")
    if state["trainFileSha256"] != sha:
        raise ConfigError(f"{path} was trained on another train file than {config.trainFile} (its SHA-256 differs): use a new outputDir")


def _check_not_foreign(output_dir: str) -> None:
    leftovers = [n for n in os.listdir(output_dir) if n.startswith("epoch-")]
    if leftovers:
        raise ConfigError(f"{output_dir} holds {', '.join(sorted(leftovers))} but no complete checkpoint: remove them or use a new outputDir")


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()



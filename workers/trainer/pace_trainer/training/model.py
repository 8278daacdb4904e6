"""The model and tokenizer to train: a base Hugging Face causal LM (or the checkpoint a run resumes from) with the
chat tokens, wrapped in LoRA when asked; and how a trained model is written as a full Hugging Face folder."""
import os

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from .. import chat_format
from .checkpoints import ADAPTER_DIR
from .config import TrainConfig


def load_base(path: str):
    tokenizer = AutoTokenizer.from_pretrained(path)
    # fp32 master weights; bf16 is autocast (Accelerator mixed_precision), so a resumed run continues exactly
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    chat_format.add_chat_tokens(tokenizer, model)
    return tokenizer, model


def load_for_training(config: TrainConfig, resume_from: str | None):
    """Full: the base model, or the checkpoint's weights. LoRA: the base model plus a new adapter, or the checkpoint's
    adapter. Embeddings are trainable under LoRA when the chat tokens were new to the base model, else they would
    stay random."""
    if config.method == "full":
        return load_base(resume_from or config.baseModel)
    from peft import LoraConfig, PeftModel, get_peft_model

    tokenizer, model = load_base(config.baseModel)
    if resume_from:
        return tokenizer, PeftModel.from_pretrained(model, os.path.join(resume_from, ADAPTER_DIR), is_trainable=True)
    lo = config.lora
    peft_config = LoraConfig(
        r=lo.r,
        lora_alpha=lo.alpha,
        lora_dropout=lo.dropout,
        target_modules=lo.targetModules or "all-linear",
        modules_to_save=_embedding_names(model) if _chat_tokens_new(config.baseModel) else None,
        task_type="CAUSAL_LM",
    )
    return tokenizer, get_peft_model(model, peft_config)


def _chat_tokens_new(base: str) -> bool:
    vocab = AutoTokenizer.from_pretrained(base).get_vocab()
    return any(t not in vocab for t in chat_format.CHAT_TOKENS)


def _embedding_names(model) -> list[str]:
    wanted = {id(model.get_input_embeddings()), id(model.get_output_embeddings())}
    return sorted({name.rsplit(".", 1)[-1] for name, m in model.named_modules() if id(m) in wanted})


def save_full(model, tokenizer, path: str, state_dict=None, is_main: bool = True, save_function=torch.save) -> None:
    model.save_pretrained(path, state_dict=state_dict, is_main_process=is_main, save_function=save_function)
    if is_main:
        tokenizer.save_pretrained(path)


def save_lora(model, tokenizer, base: str, path: str) -> None:
    """The adapter in ``path/adapter`` (what a resumed run loads) and merged weights in ``path`` itself, so any
    AutoModelForCausalLM can load the checkpoint. Merged on the CPU from the base model and the saved adapter, leaving
    the model in training untouched."""
    from peft import PeftModel

    adapter = os.path.join(path, ADAPTER_DIR)
    model.save_pretrained(adapter)
    _, merged = load_base(base)
    merged = PeftModel.from_pretrained(merged, adapter).merge_and_unload()
    merged.save_pretrained(path)
    tokenizer.save_pretrained(path)
    del merged


def parameter_counts(model) -> tuple[int, int]:
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return total, trainable



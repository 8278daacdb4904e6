"""Loading a checkpoint folder (a full model, or a LoRA adapter on its base) for scoring."""
import os

import torch


def pick_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cuda" and not torch.cuda.is_available():
        raise ValueError("--device cuda was asked for, but torch sees no CUDA device")
    return torch.device(device)


def load_for_scoring(model_dir: str, device: torch.device):
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not os.path.isdir(model_dir):
        raise FileNotFoundError(f"model folder {model_dir} does not exist")
    if not any(os.path.exists(os.path.join(model_dir, f)) for f in ("config.json", "adapter_config.json")):
        raise FileNotFoundError(f"{model_dir} holds neither config.json nor adapter_config.json: not a Hugging Face model folder")
    # fp32 on CPU (parity with the ONNX export); bf16 where the GPU has it
    dtype = torch.bfloat16 if device.type == "cuda" and torch.cuda.is_bf16_supported() else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    if os.path.exists(os.path.join(model_dir, "adapter_config.json")):
        from peft import AutoPeftModelForCausalLM

        model = AutoPeftModelForCausalLM.from_pretrained(model_dir, dtype=dtype).merge_and_unload()
    else:
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=dtype)
    model.to(device).eval()
    return model, tokenizer, dtype

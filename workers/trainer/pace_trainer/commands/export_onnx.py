"""``export-onnx``: a checkpoint to ``model.onnx`` + its tokenizer files + ``pace-onnx.json`` (see ../../PROTOCOL.md)."""
from ..events import emit

HELP = "export a checkpoint to ONNX (logits for input_ids/attention_mask, and a KV-cache decoder-with-past graph; dynamic batch and lengths) with its tokenizer"


def add_arguments(p) -> None:
    p.add_argument("--model", required=True, help="checkpoint folder (Hugging Face, or a LoRA adapter)")
    p.add_argument("--out", required=True, help="folder to write model.onnx, the tokenizer and pace-onnx.json into")
    p.add_argument("--opset", type=int, default=18)


def run(args) -> None:
    from ..scoring.onnx_export import export_onnx

    emit("done", **export_onnx(args.model, args.out, args.opset, progress=lambda stage: emit("progress", stage=stage)))

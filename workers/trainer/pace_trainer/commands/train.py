"""``train --config FILE``: fine-tunes a Hugging Face causal LM on chat conversations (see ../../PROTOCOL.md).

    python -m pace_trainer train --config run/config.json
    accelerate launch --num_processes 4 --use_fsdp … -m pace_trainer train --config run/config.json

The config and the train file are checked before torch loads, so a bad one fails in a second with its file and line.
"""
import signal

HELP = "fine-tune a causal LM on chat conversations; one checkpoint per epoch, resumes after the last one"


def add_arguments(p) -> None:
    p.add_argument("--config", required=True, help="the JSON config (PROTOCOL.md)")


def _stop(signum, frame):
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def run(args) -> None:
    # SIGTERM (the worker cancelling) stops at the next Python instruction: a half-written checkpoint stays *.tmp
    signal.signal(signal.SIGTERM, _stop)
    from ..training.config import load_config
    from ..training.data import read_conversations

    config = load_config(args.config)
    conversations = read_conversations(config.trainFile)
    from transformers.utils import logging as hf_logging

    from ..training.loop import file_sha256, train

    hf_logging.disable_progress_bar()

    train(config, conversations, file_sha256(config.trainFile))

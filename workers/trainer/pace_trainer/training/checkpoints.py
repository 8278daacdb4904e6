"""One checkpoint per epoch: ``epoch-<n>/`` is a Hugging Face folder (model + tokenizer with the chat tokens) plus
``trainer_state.pt`` (optimizer, scheduler, RNG states, step). It is written as ``epoch-<n>.tmp`` and renamed when
complete, so a folder named ``epoch-<n>`` is always whole; leftovers of a killed run are removed on resume."""
import os
import random
import re
import shutil

import numpy as np
import torch

STATE_FILE = "trainer_state.pt"
ADAPTER_DIR = "adapter"
_EPOCH = re.compile(r"^epoch-(\d+)$")


def epoch_dir(output_dir: str, epoch: int) -> str:
    return os.path.join(output_dir, f"epoch-{epoch}")


def last_complete_epoch(output_dir: str) -> int:
    """The highest n with a complete ``epoch-<n>`` (0 when none); removes ``*.tmp`` folders left by a killed run."""
    if not os.path.isdir(output_dir):
        return 0
    last = 0
    for name in os.listdir(output_dir):
        path = os.path.join(output_dir, name)
        if name.startswith("epoch-") and name.endswith(".tmp"):
            shutil.rmtree(path, ignore_errors=True)
            continue
        m = _EPOCH.match(name)
        if m and os.path.isfile(os.path.join(path, STATE_FILE)):
            last = max(last, int(m.group(1)))
    return last


def rng_state() -> dict:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng(state: dict) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def finish(tmp: str, final: str) -> None:
    if os.path.exists(final):  # a complete folder of a run that was told to start over cannot be here: see train()
        shutil.rmtree(final)
    os.replace(tmp, final)


def load_state(path: str, device) -> dict:
    # our own file (optimizer tensors, RNG tuples): not a foreign pickle
    return torch.load(os.path.join(path, STATE_FILE), map_location=device, weights_only=False)

import json
import sys


def emit(event: str, **fields) -> None:
    """One JSON line on stdout; stdout carries nothing else (logs go to stderr)."""
    sys.stdout.write(json.dumps({"event": event, **fields}, ensure_ascii=False, allow_nan=False) + "\n")
    sys.stdout.flush()

"""Writing a results file: JSON lines in request order, written whole under a temporary name and then renamed, so a
reader never sees half of one."""
import json
import os


def write_results(path: str, results: list[dict], header: dict | None = None) -> None:
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for line in ([header] if header is not None else []) + results:
            f.write(json.dumps(line, ensure_ascii=False, allow_nan=False) + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)

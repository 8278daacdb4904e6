"""Reading a request file (JSON lines), with errors naming the line and the field."""
import json
from dataclasses import dataclass, field


@dataclass
class LoglikelihoodRequest:
    id: str
    context: str
    continuation: str


@dataclass
class GenerateRequest:
    id: str
    context: str
    max_tokens: int
    candidates: list[str] = field(default_factory=list)


Request = LoglikelihoodRequest | GenerateRequest


def _string(obj: dict, key: str, where: str, allow_empty: bool = True) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ValueError(f"{where}: field {key!r} must be a string, got {type(value).__name__}")
    if not allow_empty and not value:
        raise ValueError(f"{where}: field {key!r} must not be empty")
    return value


def parse_request(obj, where: str) -> Request:
    if not isinstance(obj, dict):
        raise ValueError(f"{where}: a request is a JSON object")
    rid = obj.get("id")
    if not isinstance(rid, str) or not rid:
        raise ValueError(f"{where}: field 'id' must be a non-empty string")
    kind = obj.get("kind")
    if kind == "loglikelihood":
        return LoglikelihoodRequest(rid, _string(obj, "context", where), _string(obj, "continuation", where, allow_empty=False))
    if kind == "generate":
        max_tokens = obj.get("maxTokens")
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise ValueError(f"{where}: field 'maxTokens' must be a positive integer, got {max_tokens!r}")
        candidates = obj.get("candidates") or []
        if not isinstance(candidates, list) or not all(isinstance(c, str) and c for c in candidates):
            raise ValueError(f"{where}: field 'candidates' must be a list of non-empty strings")
        return GenerateRequest(rid, _string(obj, "context", where), max_tokens, candidates)
    raise ValueError(f"{where}: field 'kind' must be 'loglikelihood' or 'generate', got {kind!r}")


def read_requests(path: str) -> list[Request]:
    with open(path, encoding="utf-8") as f:
        return parse_requests(f.read(), path)


def parse_requests(text: str, path: str) -> list[Request]:
    """The requests of a file's text (``path`` names it in errors)."""
    requests: list[Request] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{where}: not JSON ({e.msg})") from None
        requests.append(parse_request(obj, where))
    return requests

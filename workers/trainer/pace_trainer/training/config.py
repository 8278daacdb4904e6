"""The ``train`` command's JSON config (workers/trainer/PROTOCOL.md), parsed and checked before anything heavy loads."""
import json
import os
from dataclasses import dataclass, field, fields

METHODS = ("full", "lora")
PRECISIONS = ("auto", "bf16", "fp32")
DEVICES = ("auto", "cpu", "cuda")


@dataclass
class LoraConfig:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    # None = every linear layer of the attention and MLP blocks ("all-linear" in peft)
    targetModules: list[str] | None = None


@dataclass
class ScoreAfterEpoch:
    # JSON lines of scoring requests (PROTOCOL.md, `score`), answered with the in-memory model after each checkpoint
    requests: str
    batchSize: int = 16


@dataclass
class TrainConfig:
    baseModel: str
    trainFile: str
    outputDir: str
    epochs: int = 15
    learningRate: float = 1e-5
    finalLearningRate: float = 1e-6
    betas: tuple[float, float] = (0.9, 0.95)
    weightDecay: float = 0.1
    maxGradNorm: float = 1.0
    globalBatchSize: int = 64
    microBatchSize: int = 8
    maxLength: int = 2048
    seed: int = 42
    method: str = "full"
    lora: LoraConfig = field(default_factory=LoraConfig)
    precision: str = "auto"
    device: str = "auto"
    scoreAfterEpoch: ScoreAfterEpoch | None = None


class ConfigError(ValueError):
    pass


def load_config(path: str) -> TrainConfig:
    try:
        with open(path, encoding="utf-8") as f:
            raw = json.load(f)
    except FileNotFoundError:
        raise ConfigError(f"the config file {path} does not exist") from None
    except json.JSONDecodeError as e:
        raise ConfigError(f"{path} line {e.lineno}: not JSON ({e.msg})") from None
    return parse_config(raw, where=path)


def parse_config(raw: object, where: str = "config") -> TrainConfig:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: the config is a JSON object")
    known = {f.name for f in fields(TrainConfig)}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    for name in ("baseModel", "trainFile", "outputDir"):
        if not isinstance(raw.get(name), str) or not raw[name]:
            raise ConfigError(f"{where}: {name} is required (a path)")
    values = dict(raw)
    lora = values.pop("lora", None) or {}
    if not isinstance(lora, dict):
        raise ConfigError(f"{where}: lora is an object {{r, alpha, dropout, targetModules}}")
    lora_known = {f.name for f in fields(LoraConfig)}
    if set(lora) - lora_known:
        raise ConfigError(f"{where}: unknown lora field(s) {', '.join(sorted(set(lora) - lora_known))}")
    score = values.pop("scoreAfterEpoch", None)
    if score is not None:
        if not isinstance(score, dict):
            raise ConfigError(f"{where}: scoreAfterEpoch is an object {{requests, batchSize}} or null")
        score_known = {f.name for f in fields(ScoreAfterEpoch)}
        if set(score) - score_known:
            raise ConfigError(f"{where}: unknown scoreAfterEpoch field(s) {', '.join(sorted(set(score) - score_known))}")
        if not isinstance(score.get("requests"), str) or not score["requests"]:
            raise ConfigError(f"{where}: scoreAfterEpoch.requests is required (the request file's path)")
        score = ScoreAfterEpoch(**score)
    config = TrainConfig(**values, lora=LoraConfig(**lora), scoreAfterEpoch=score)
    if isinstance(config.betas, list):
        config.betas = tuple(config.betas)
    _check(config, where)
    return config


def _check(c: TrainConfig, where: str) -> None:
    def need(ok: bool, what: str) -> None:
        if not ok:
            raise ConfigError(f"{where}: {what}")

    def integer(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def number(v) -> bool:
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    need(os.path.isdir(c.baseModel), f"baseModel {c.baseModel} is not a folder (a Hugging Face causal-LM folder)")
    need(os.path.isfile(c.trainFile), f"trainFile {c.trainFile} does not exist")
    need(integer(c.epochs) and c.epochs >= 1, f"epochs must be an integer ≥ 1, got {c.epochs!r}")
    need(number(c.learningRate) and c.learningRate > 0, f"learningRate must be > 0, got {c.learningRate!r}")
    need(number(c.finalLearningRate) and c.finalLearningRate >= 0, f"finalLearningRate must be ≥ 0, got {c.finalLearningRate!r}")
    need(isinstance(c.betas, tuple) and len(c.betas) == 2 and all(number(b) and 0 <= b < 1 for b in c.betas), f"betas must be two numbers in [0, 1), got {c.betas!r}")
    need(number(c.weightDecay) and c.weightDecay >= 0, f"weightDecay must be ≥ 0, got {c.weightDecay!r}")
    need(number(c.maxGradNorm) and c.maxGradNorm >= 0, f"maxGradNorm must be ≥ 0 (0 = no clipping), got {c.maxGradNorm!r}")
    need(integer(c.microBatchSize) and c.microBatchSize >= 1, f"microBatchSize must be an integer ≥ 1, got {c.microBatchSize!r}")
    need(integer(c.globalBatchSize) and c.globalBatchSize >= c.microBatchSize, f"globalBatchSize must be an integer ≥ microBatchSize ({c.microBatchSize}), got {c.globalBatchSize!r}")
    need(integer(c.maxLength) and c.maxLength >= 2, f"maxLength must be an integer ≥ 2, got {c.maxLength!r}")
    need(integer(c.seed), f"seed must be an integer, got {c.seed!r}")
    need(c.method in METHODS, f"method must be one of {', '.join(METHODS)}, got {c.method!r}")
    need(c.precision in PRECISIONS, f"precision must be one of {', '.join(PRECISIONS)}, got {c.precision!r}")
    need(c.device in DEVICES, f"device must be one of {', '.join(DEVICES)}, got {c.device!r}")
    if c.scoreAfterEpoch is not None:
        need(os.path.isfile(c.scoreAfterEpoch.requests), f"scoreAfterEpoch.requests {c.scoreAfterEpoch.requests} does not exist")
        need(integer(c.scoreAfterEpoch.batchSize) and c.scoreAfterEpoch.batchSize >= 1, f"scoreAfterEpoch.batchSize must be an integer ≥ 1, got {c.scoreAfterEpoch.batchSize!r}")
    lo = c.lora
    need(integer(lo.r) and lo.r >= 1, f"lora.r must be an integer ≥ 1, got {lo.r!r}")
    need(number(lo.alpha) and lo.alpha > 0, f"lora.alpha must be > 0, got {lo.alpha!r}")
    need(number(lo.dropout) and 0 <= lo.dropout < 1, f"lora.dropout must be in [0, 1), got {lo.dropout!r}")
    need(lo.targetModules is None or (isinstance(lo.targetModules, list) and all(isinstance(m, str) for m in lo.targetModules)), "lora.targetModules must be a list of module names")

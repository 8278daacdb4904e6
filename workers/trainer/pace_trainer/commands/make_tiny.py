from ..events import emit

HELP = "build a tiny random Llama-style model and a byte-level tokenizer (offline)"


def add_arguments(p) -> None:
    p.add_argument("--out", required=True)
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--kv-heads", type=int, default=2)
    p.add_argument("--intermediate", type=int, default=128)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--vocab", type=int, default=None, help="a byte-level BPE of this many tokens (trained offline on a generated corpus) instead of one token per byte")
    p.add_argument("--chat-tokens", action="store_true", help="add <user>, <assistant>, <eot> as a trained checkpoint has them")


def run(args) -> None:
    from ..tiny import make_tiny

    emit("done", **make_tiny(args.out, args.hidden, args.layers, args.heads, args.kv_heads, args.intermediate, args.seed, args.chat_tokens, args.vocab))

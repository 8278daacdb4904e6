"""``python -m pace_trainer <command> …``: every command writes JSON lines on stdout (see ../PROTOCOL.md).

Each command is a module of ``pace_trainer.commands`` with ``HELP``, ``add_arguments(parser)`` and ``run(args)``;
it is imported only when run, so ``make-tiny`` does not pay for what ``train`` imports.
"""
import argparse
import importlib
import sys
import traceback

from .events import emit

COMMANDS = {"make-tiny": "make_tiny", "train": "train", "score": "score", "export-onnx": "export_onnx", "inspect-data": "inspect_data"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="pace_trainer")
    sub = parser.add_subparsers(dest="command", required=True)
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    for name, module in COMMANDS.items():
        if wanted is None or name == wanted:
            try:
                command = importlib.import_module(f".commands.{module}", __package__)
            except ModuleNotFoundError as e:
                if e.name != f"{__package__}.commands.{module}":
                    raise
                sub.add_parser(name, help="(not built yet)")
                continue
            command.add_arguments(sub.add_parser(name, help=command.HELP))
        else:
            sub.add_parser(name)
    args = parser.parse_args(argv)
    try:
        importlib.import_module(f".commands.{COMMANDS[args.command]}", __package__).run(args)
        return 0
    except KeyboardInterrupt:
        emit("error", message="interrupted")
        return 130
    except Exception as e:  # the worker shows this line as the run's failure reason
        emit("error", message=f"{type(e).__name__}: {e}", traceback=traceback.format_exc())
        return 1


if __name__ == "__main__":
    sys.exit(main())

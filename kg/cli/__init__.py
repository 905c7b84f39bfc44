"""The ``kg`` command: a thin shell over the library, one module per command.

Each command module defines ``NAME``, ``HELP``, ``EXAMPLES`` (shown under its
``--help``), ``add_arguments(parser)`` and ``run(args) -> int``. Errors derived
from :class:`kg.errors.KGError` print as one ``Error: ...`` line and exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from kg.errors import KGError

#: Command modules under ``kg.cli``, in the order ``kg --help`` lists them.
COMMANDS = (
    "build",
    "extract",
    "eval",
    "query",
    "stats",
    "papers",
    "shared",
    "related",
    "entity",
    "why",
    "serve",
    "push",
    "view",
    "export",
)


#: Exit status after Ctrl-C, as shells report a process ended by SIGINT.
INTERRUPTED = 130


def _load(name: str):
    return importlib.import_module(f"kg.cli.{name}")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and query a knowledge graph of ML papers.",
    )
    from kg import __version__

    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = _load(name)
        sub = commands.add_parser(
            module.NAME,
            help=module.HELP,
            description=module.HELP,
            epilog="examples:\n" + module.EXAMPLES.strip("\n"),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        parser = make_parser()  # imports every command: Ctrl-C may come here too
        args = parser.parse_args(argv)
        if not getattr(args, "_run", None):
            parser.print_help()
            return 2
        return int(args._run(args) or 0)
    except KGError as error:
        print(f"Error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Error: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:
        # `kg query ... | head` closed the pipe: not an error worth a traceback.
        sys.stderr.close()
        return 0


def entry() -> None:
    """The process's entry point: the ``kg`` script and ``python -m kg``."""
    status = main()
    if status == INTERRUPTED:
        # CPython ends a process by SIGINT at exit, even though main() handled the
        # KeyboardInterrupt, when the interrupt passed through exec()'d code on its
        # way (dataclasses and namedtuple build their methods that way): leave now,
        # with the status and the one-line message already given.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError):  # closed by a broken pipe
                stream.flush()
        os._exit(status)
    sys.exit(status)


if __name__ == "__main__":
    entry()

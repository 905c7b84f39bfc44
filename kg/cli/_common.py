"""Options and helpers shared by several commands."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.store import Store, default_store_path, open_store


def add_store_arguments(parser: argparse.ArgumentParser, *, remote: bool = True) -> None:
    group = parser.add_argument_group("store")
    group.add_argument(
        "--store",
        metavar="DIR",
        type=Path,
        help=f"embedded Oxigraph store folder (default: $KG_STORE or ./{default_store_path()})",
    )
    if remote:
        group.add_argument(
            "--endpoint", metavar="URL", help="a SPARQL 1.1 endpoint instead of --store"
        )
        group.add_argument("--graph", metavar="IRI", help="named graph on the endpoint")
        group.add_argument("--user", metavar="U", help="user for the endpoint")
        group.add_argument(
            "--password", metavar="P", help="password for the endpoint (or $KG_ENDPOINT_PASSWORD)"
        )


def store_from_args(args: argparse.Namespace, *, read_only: bool) -> Store:
    endpoint = getattr(args, "endpoint", None)
    return open_store(
        args.store,
        read_only=read_only,
        endpoint=endpoint,
        graph=getattr(args, "graph", None),
        user=getattr(args, "user", None),
        password=getattr(args, "password", None) or os.environ.get("KG_ENDPOINT_PASSWORD"),
    )


def read_text_argument(value: str) -> str:
    """``-`` reads standard input; anything else is the text itself."""
    return sys.stdin.read() if value == "-" else value


def write_output(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")

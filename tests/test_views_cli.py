"""``kg view`` and ``kg export`` end to end on an Oxigraph store folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import networkx as nx
import pytest
from views_fixture import IMAGENET, fixture_store

from kg.errors import KGError


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("viewcli")
    fixture_store("oxigraph", folder).close()
    return folder / "store"


def run(command: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run one command module as ``kg`` would: KGError → ``Error: ...`` and exit 1."""
    module = __import__(f"kg.cli.{command}", fromlist=["run"])
    parser = argparse.ArgumentParser(prog=f"kg {command}")
    module.add_arguments(parser)
    try:
        code = module.run(parser.parse_args(argv))
    except KGError as error:
        print(f"Error: {error}", file=sys.stderr)
        code = 1
    return code, capsys.readouterr().err


def test_view_writes_each_view(store_dir: Path, tmp_path: Path, capsys) -> None:
    for extra in ([], ["--focus", "imagenet", "--depth", "1"], ["--shared", "dataset"]):
        out = tmp_path / "v.html"
        code, err = run("view", ["--store", str(store_dir), "-o", str(out), *extra], capsys)
        assert code == 0, err
        assert "Wrote" in err and out.stat().st_size > 100_000  # vis-network is inlined
        assert "https://cdn" not in out.read_text(encoding="utf-8")


def test_view_caps_and_filters(store_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "v.html"
    argv = ["--store", str(store_dir), "-o", str(out), "--max-nodes", "5", "--types", "dataset"]
    code, err = run("view", [*argv, "--since", "2024-01-01"], capsys)
    assert code == 0 and "5 nodes" in err and "left out by --max-nodes" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--focus", "No Such Thing"], "Error: no paper or entity named 'No Such Thing'"),
        (["--types", "widget"], "Error: unknown type 'widget'"),
        (["--since", "yesterday"], "Error: not a date"),
    ],
)
def test_view_errors_are_one_line(store_dir: Path, tmp_path: Path, capsys, argv, message) -> None:
    code, err = run(
        "view", ["--store", str(store_dir), "-o", str(tmp_path / "x.html"), *argv], capsys
    )
    assert code == 1 and err.startswith(message) and err.count("\n") == 1


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_writes_gephi_files(store_dir: Path, tmp_path: Path, capsys, fmt: str) -> None:
    out = tmp_path / f"g.{fmt}"
    code, err = run("export", ["--store", str(store_dir), "--format", fmt, "-o", str(out)], capsys)
    assert code == 0, err
    graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert graph.nodes[IMAGENET]["type"] == "dataset" and len(graph) == 22


def test_commands_are_registered() -> None:
    from kg.cli import COMMANDS

    assert "view" in COMMANDS and "export" in COMMANDS
    try:
        from kg.cli import make_parser

        parser = make_parser()
    except ImportError as error:  # another command still being written
        pytest.skip(f"kg parser cannot be built yet: {error}")
    help_text = parser.format_help()
    assert "view" in help_text and "export" in help_text

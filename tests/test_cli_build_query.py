"""The CLI: `kg build`, `kg query`, `kg stats` — exit codes, formats and messages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import COMMANDS, main, make_parser


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def built(tmp_path: Path, seed_paths: list[Path], capsys) -> Path:
    store = tmp_path / "store"
    code, _, err = run(capsys, "build", *map(str, seed_paths), "--store", str(store), "--jobs", "1")
    assert code == 0, err
    assert "359 listings read" in err
    return store


def test_build_writes_turtle_too(tmp_path: Path, seed_paths, capsys) -> None:
    out = tmp_path / "graph.ttl"
    code, _, err = run(
        capsys,
        "build",
        str(seed_paths[0]),
        "--store",
        str(tmp_path / "s"),
        "--out",
        str(out),
        "--jobs",
        "1",
        "--quiet",
    )
    assert code == 0 and err == ""
    graph = Graph().parse(out)
    assert len(graph) > 500


def test_build_into_a_large_store_skips_counting_its_triples(
    tmp_path: Path, seed_paths: list[Path], capsys, monkeypatch
) -> None:
    # counting walks every triple: at millions of papers a small daily update
    # would spend minutes on it, so past a size the summary says where to count
    import kg.store.oxigraph

    store = str(tmp_path / "store")
    code, _, err = run(capsys, "build", str(seed_paths[0]), "--store", store, "--jobs", "1")
    assert code == 0 and "triples (+" in err
    monkeypatch.setattr(kg.store.oxigraph, "COUNT_LIMIT_BYTES", 0)
    code, _, err = run(capsys, "build", str(seed_paths[1]), "--store", store, "--jobs", "1")
    assert code == 0
    assert "papers written, 0 skipped; triples not counted (slow on this store" in err
    code, out, _ = run(capsys, "stats", "--store", store)
    assert code == 0 and out.split()[1] == "triples" and int(out.split()[0]) > 1000


def test_query_formats(built: Path, capsys) -> None:
    sparql = "SELECT ?title WHERE { ?p a kg:Paper ; dcterms:title ?title } ORDER BY ?title LIMIT 3"
    code, out, _ = run(capsys, "query", sparql, "--store", str(built), "--format", "json")
    assert code == 0
    answer = json.loads(out)
    assert answer["head"]["vars"] == ["title"]
    assert len(answer["results"]["bindings"]) == 3
    assert answer["results"]["bindings"][0]["title"]["type"] == "literal"

    code, out, _ = run(capsys, "query", sparql, "--store", str(built), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["title"] and len(rows) == 4

    code, out, _ = run(capsys, "query", sparql, "--store", str(built), "--format", "tsv")
    assert out.splitlines()[0] == "?title" and out.splitlines()[1].startswith('"')

    code, out, _ = run(capsys, "query", sparql, "--store", str(built))
    assert out.rstrip().endswith("(3 rows)")


def test_query_from_file_and_stdin(built: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }")
    code, out, _ = run(capsys, "query", "-f", str(query), "--store", str(built), "--format", "csv")
    assert code == 0 and out.splitlines()[1] == "288"
    monkeypatch.setattr("sys.stdin", io.StringIO("ASK { ?p a kg:Paper }"))
    code, out, _ = run(capsys, "query", "-", "--store", str(built))
    assert (code, out.strip()) == (0, "yes")


def test_bad_query_is_one_line(built: Path, capsys) -> None:
    code, out, err = run(capsys, "query", "SELECT WHERE {", "--store", str(built))
    assert code == 1 and out == ""
    assert err.startswith("Error: SPARQL syntax error") and err.count("\n") == 1


def test_query_on_missing_store(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "query", "ASK {}", "--store", str(tmp_path / "nothing"))
    assert code == 1 and "no store at" in err and "kg build" in err


def test_stats(built: Path, capsys) -> None:
    code, out, _ = run(capsys, "stats", "--store", str(built), "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert stats["classes"]["https://w3id.org/kg-ml/ontology#Paper"] == 288
    assert stats["triples"] > 10_000


def test_every_command_is_documented_with_examples() -> None:
    parser = make_parser()
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in COMMANDS:
        help_text = sub.choices[name].format_help()
        assert "examples:" in help_text and "kg " + name in help_text, name
        assert f"kg {name}" in readme, f"README does not show `kg {name}`"


def test_a_batch_size_below_one_is_refused(tmp_path: Path, seed_paths: list[Path], capsys) -> None:
    code, _, err = run(
        capsys, "build", str(seed_paths[0]), "--store", str(tmp_path / "s"), "--batch-size", "0"
    )
    assert code == 1 and err.strip() == "Error: --batch-size must be at least 1"
    assert not (tmp_path / "s").exists()  # refused before the store is opened

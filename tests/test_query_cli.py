"""``kg papers``, ``shared``, ``related``, ``entity`` and ``why`` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import kg.cli
from kg.namespaces import ID

MINI = Path(__file__).parent / "data" / "mini_graph.ttl"
MINE = ("papers", "shared", "related", "entity", "why", "serve", "push")


@pytest.fixture
def kg_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, mini_dir: Path):
    """Run ``kg ARGS --store mini``; returns (exit code, stdout, stderr)."""
    # Only this layer's commands: the others are not ours to import here.
    monkeypatch.setattr(kg.cli, "COMMANDS", MINE)

    def run(*args: str) -> tuple[int, str, str]:
        code = kg.cli.main([*args, "--store", str(mini_dir)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_commands_are_registered_with_examples() -> None:
    for name in MINE:
        assert name in kg.cli.COMMANDS
        module = kg.cli._load(name)
        assert module.EXAMPLES.strip().startswith("kg ") or "kg " in module.EXAMPLES


def test_papers_json_rows(kg_cli) -> None:
    code, out, _ = kg_cli("papers", "--hardware", "GPU", "--dataset", "cifar10", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows == [
        {
            "paper": ID + "paper/arxiv-2401.00003",
            "title": "Efficient Image Classifiers at Scale",
            "issued": "2024-01-15",
        }
    ]


def test_papers_table_and_csv(kg_cli) -> None:
    code, out, _ = kg_cli("papers", "--dataset", "BreakHis")
    assert code == 0 and "(2 rows)" in out and "Histopathology" in out
    code, out, _ = kg_cli("papers", "--dataset", "BreakHis", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {r["paper"] for r in rows} == {
        ID + "paper/arxiv-2401.00001",
        ID + "paper/arxiv-2401.00002",
    }


def test_unknown_name_is_one_error_line(kg_cli) -> None:
    code, out, err = kg_cli("papers", "--hardware", "H200")
    assert code == 1 and out == ""
    assert err.startswith("Error: no hardware named 'H200'") and "H100" in err
    assert len(err.strip().splitlines()) == 1


def test_shared_json_has_required_keys(kg_cli) -> None:
    code, out, _ = kg_cli("shared", "--by", "dataset", "--min-papers", "3", "--format", "json")
    assert code == 0
    groups = json.loads(out)
    assert groups and all({"entity", "label", "papers"} <= set(g) for g in groups)
    assert all({"paper", "title"} <= set(p) for g in groups for p in g["papers"])
    assert {g["label"] for g in groups} == {"CIFAR-10", "MMLU"}


def test_related_json_has_required_keys(kg_cli) -> None:
    code, out, _ = kg_cli("related", "2401.00001", "--by", "dataset", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert rows[0]["paper"] == ID + "paper/arxiv-2401.00002"
    assert rows[0]["shared"] == ["BreakHis"] and rows[0]["score"] > 0 and rows[0]["title"]


def test_entity_and_evidence_views(kg_cli) -> None:
    code, out, _ = kg_cli("entity", "h100")
    assert code == 0 and "NVIDIA H100" in out and "NVIDIA Hopper" in out
    assert "We pretrain on 512 H100 GPUs" in out
    code, out, _ = kg_cli("entity", "GSM-8K", "--format", "json")
    assert code == 0 and json.loads(out)["label"] == "GSM8K"
    code, out, _ = kg_cli("entity", "H100", "--evidence", "--format", "json")
    (row,) = json.loads(out)
    assert (row["start"], row["end"], row["text"]) == (19, 23, "H100")


def test_why(kg_cli) -> None:
    code, out, _ = kg_cli("why", "Training Language Models on H100 Clusters", "H100")
    assert code == 0 and "[19:23]" in out and "entity_ruler" in out
    code, out, err = kg_cli("why", "2401.00004", "TPU")
    assert code == 1 and "no evidence" in err


def test_papers_limit_says_there_are_more(kg_cli) -> None:
    code, out, err = kg_cli("papers", "--hardware", "GPU", "--limit", "2", "--format", "json")
    assert code == 0 and len(json.loads(out)) == 2
    assert "showing the first 2 papers" in err

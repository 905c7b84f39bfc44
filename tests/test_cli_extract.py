"""``kg extract`` and ``kg eval`` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

DATA = Path(__file__).resolve().parent / "data"
PAPERS = str(DATA / "extract" / "papers.jsonl")
GOLD = str(DATA / "extract" / "gold.jsonl")
MINI = str(DATA / "vocab")


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))


def test_extract_prints_one_record_per_distinct_paper(capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", PAPERS, "--vocab", MINI]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["id"] for row in rows] == ["x1", "x2"]
    assert set(rows[0]) == {
        "id",
        "title",
        "datasets",
        "hardware",
        "metrics",
        "methods",
        "proposed",
        "tasks",
        "code",
    }
    assert rows[0]["proposed"] == ["FlowMix"]
    assert rows[0]["code"] == ["https://github.com/example/flowmix"]


def test_extract_full_format_has_evidence(capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", PAPERS, "--vocab", MINI, "--format", "full"]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    mention = row["mentions"][0]
    assert {"sentence", "start", "end", "component", "concept"} <= set(mention)
    assert row["results"][0]["value"] == "81.2"


def test_extract_with_jobs_gives_the_same_output(capsys: pytest.CaptureFixture) -> None:
    main(["extract", PAPERS, "--vocab", MINI])
    serial = capsys.readouterr().out
    main(["extract", PAPERS, "--vocab", MINI, "--jobs", "2"])
    assert capsys.readouterr().out == serial


def test_eval_prints_the_table(capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", GOLD, PAPERS, "--vocab", MINI, "--show-errors", "5"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["type", "P", "R", "F1", "gold", "pred"]
    assert "code" in out


def test_eval_scores_a_prediction_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    main(["extract", PAPERS, "--vocab", MINI])
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(capsys.readouterr().out)
    assert main(["eval", GOLD, "--predictions", str(predictions), "--json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["types"]["code"]["f1"] == 1.0
    assert table["unpaired_gold"] == 0


def test_missing_input_is_one_line_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", "/no/such/gold.jsonl", PAPERS]) == 1
    assert capsys.readouterr().err.startswith("Error: /no/such/gold.jsonl")


def test_eval_without_inputs_is_an_error(capsys: pytest.CaptureFixture) -> None:
    assert main(["eval", GOLD]) == 1
    assert "Error:" in capsys.readouterr().err


def test_commands_document_examples(capsys: pytest.CaptureFixture) -> None:
    for command in ("extract", "eval"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "examples:" in capsys.readouterr().out

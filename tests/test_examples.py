"""The examples run and say what the README says they do."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_walkthrough_runs_on_the_seed_pages(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["walkthrough.py", str(tmp_path / "store")])
    runpy.run_path(str(EXAMPLES / "walkthrough.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert out.startswith("359 listings, 288 papers")
    assert "papers use GPUs" in out and "Datasets shared by several papers" in out
    assert "Why GPU?" in out and "Most used hardware: GPU" in out


@pytest.mark.parametrize("name", ["Paper", "read_papers", "build", "open_store", "papers", "why"])
def test_public_api_names(name: str) -> None:
    import kg

    assert getattr(kg, name) is not None
    assert name in kg.__all__

"""Bad input never crashes a build and never loses or corrupts what the store holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

GOOD = {
    "id": "ok-1",
    "title": "Breast Tumor Classification Using EfficientNet",
    "abstract": "We adopted EfficientNet on the BreakHis dataset.",
}


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def paper_count(store: Path, capsys) -> int:
    main(
        [
            "query",
            "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }",
            "--store",
            str(store),
            "--format",
            "csv",
        ]
    )
    return int(capsys.readouterr().out.splitlines()[1])


def write_jsonl(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def store_with_one(tmp_path: Path, capsys) -> Path:
    store = tmp_path / "store"
    good = write_jsonl(tmp_path / "good.jsonl", json.dumps(GOOD))
    assert run(capsys, "build", str(good), "--store", str(store), "--jobs", "1")[0] == 0
    return store


def assert_one_line_errors(err: str) -> None:
    assert "Traceback" not in err
    for line in err.strip().splitlines():
        assert line.startswith(("warning: ", "Error: ")) or "listings read" in line, line


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.jsonl", b"", "empty.jsonl: file is empty"),
        ("blank.txt", b"\n\n  \n", "blank.txt: file is empty"),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary.bin: binary file"),
        ("bad.jsonl", b'\n{"title": \n', "bad.jsonl:2: not valid JSON"),
        (
            "notitle.jsonl",
            b'{"abstract": "no title here"}\n',
            "notitle.jsonl:1: record has no title",
        ),
        ("list.jsonl", b"[1, 2]\n", "list.jsonl: item 0: expected a JSON object"),
        (
            "latin1.jsonl",
            '{"title": "Caf\u00e9"}\n'.encode("latin-1"),
            "latin1.jsonl:1: not valid UTF-8",
        ),
        (
            "entity.xml",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>'
            b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>',
            "entity.xml:1: XML with a DOCTYPE",
        ),
    ],
)
def test_bad_file_is_reported_and_skipped(
    tmp_path: Path, store_with_one: Path, capsys, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    code, err = run(capsys, "build", str(bad), "--store", str(store_with_one), "--jobs", "1")
    assert code == 1
    assert message in err
    assert_one_line_errors(err)
    assert paper_count(store_with_one, capsys) == 1  # what was there is still there


def test_good_records_around_a_bad_line_are_kept(tmp_path: Path, capsys) -> None:
    mixed = write_jsonl(
        tmp_path / "mixed.jsonl",
        json.dumps(GOOD),
        "{oops",
        json.dumps({"title": "Second good paper"}),
    )
    store = tmp_path / "store"
    code, err = run(capsys, "build", str(mixed), "--store", str(store), "--jobs", "1")
    assert code == 1
    assert "mixed.jsonl:2: not valid JSON" in err and "1 skipped" in err
    assert paper_count(store, capsys) == 2


def test_strict_stops_before_writing_anything(tmp_path: Path, store_with_one: Path, capsys) -> None:
    mixed = write_jsonl(tmp_path / "mixed.jsonl", json.dumps({"title": "New paper"}), "{oops")
    code, err = run(
        capsys, "build", str(mixed), "--store", str(store_with_one), "--strict", "--jobs", "1"
    )
    assert code == 1
    assert (
        err.strip()
        == "Error: "
        + str(mixed)
        + ":2: not valid JSON: Expecting property name enclosed in double quotes"
    )
    assert paper_count(store_with_one, capsys) == 1


def test_missing_file(tmp_path: Path, capsys) -> None:
    code, err = run(capsys, "build", str(tmp_path / "nope.jsonl"), "--store", str(tmp_path / "s"))
    assert code == 1 and "nope.jsonl: cannot read: No such file or directory" in err


def test_huge_abstract_and_duplicated_titles(tmp_path: Path, capsys) -> None:
    huge = "Transformers on A100 GPUs. " * 400_000  # ~10 MB
    records = [
        {"title": "Same Title", "abstract": "We evaluate on ImageNet."},
        {"title": "Huge", "abstract": huge},
        {
            "title": "Same title!",
            "abstract": "A longer abstract: we evaluate on ImageNet and CIFAR-10.",
        },
    ]
    data = write_jsonl(tmp_path / "odd.jsonl", *map(json.dumps, records))
    store = tmp_path / "store"
    code, err = run(capsys, "build", str(data), "--store", str(store), "--jobs", "1")
    assert code == 1
    assert "odd.jsonl:2: abstract of 10,799,999 characters (limit 100,000); record skipped" in err
    assert paper_count(store, capsys) == 1  # the two listings of one title are one paper
    main(
        [
            "query",
            "SELECT ?a WHERE { ?p dcterms:abstract ?a }",
            "--store",
            str(store),
            "--format",
            "csv",
        ]
    )
    assert "CIFAR-10" in capsys.readouterr().out  # the longer abstract won


def test_unexpected_blocks_in_a_page(tmp_path: Path, capsys) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "new\n\nSubscribe\n\nDaily Papers\n\nMar 13\n\n"
        "A Real Title\n\nAn abstract that is long enough to be an abstract, with a full stop.\n\n"
        "  • 3 authors\n·\nMar 11, 2024 4\n\n"
        "Some banner\nthat spans\nthree lines\n\n"
        "Second Title\n\nAnother abstract sentence that ends properly.\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    code, err = run(capsys, "build", str(page), "--store", str(store), "--jobs", "1")
    assert code == 1
    assert "page.txt:17: unexpected block: 'Some banner that spans three lines'" in err
    assert paper_count(store, capsys) == 2

"""Each reader on real samples: the seed pages, JSONL/JSON, arXiv OAI and Atom."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.sources import arxiv_atom, dedupe, detect, hf_daily, jsonl, read_papers
from kg.sources.hf_daily import parse_date


def test_seed_pages_hold_359_listings_of_288_papers(seed_paths: list[Path]) -> None:
    errors: list[InputError] = []
    listings = list(read_papers(seed_paths, on_error=errors.append))
    assert errors == []
    assert len(listings) == 359
    assert len(list(dedupe(listings))) == 288


def test_seed_page_fields(seed_paths: list[Path]) -> None:
    papers = {p.title: p for p in read_papers(seed_paths)}
    ndc = papers[
        "NDC-Scene: Boost Monocular 3D Semantic Scene Completion in Normalized Device Coordinates Space"
    ]
    assert ndc.abstract.startswith("Monocular 3D Semantic Scene Completion (SSC)")
    assert ndc.abstract.endswith("https://github.com/Jiawei-Yao0812/NDCScene.")
    assert ndc.page_date == "--03-13"
    assert ndc.line == 11
    # A listing with author count, a dated year and upvotes ("Apr 11 2" has none of the year).
    strategic = papers[
        "A Strategic Coordination Framework of Small LLMs Matches Large LLMs in Data Synthesis"
    ]
    assert (strategic.author_count, strategic.date, strategic.upvotes) == (8, "--04-11", 2)
    copyscope = papers[
        "CopyScope: Model-level Copyright Infringement Quantification in the Diffusion Workflow"
    ]
    assert (copyscope.author_count, copyscope.date, copyscope.upvotes) == (4, "2023-10-13", None)


def test_organisation_line_instead_of_author_count(seed_paths: list[Path]) -> None:
    papers = {p.organization: p for p in read_papers(seed_paths) if p.organization}
    assert sorted(papers) == ["Gensyn Gensyn", "facebook AI at Meta"]
    meta = papers["facebook AI at Meta"]
    assert meta.date == "--10-15" and meta.upvotes == 2
    assert meta.author_count is None


def test_page_chrome_is_not_a_paper(seed_paths: list[Path]) -> None:
    titles = {p.title.lower() for p in read_papers(seed_paths)}
    assert not titles & hf_daily.CHROME


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 11, 2024", ("2024-03-11", None)),
        ("Mar 11, 2021 1", ("2021-03-11", 1)),
        ("Feb 20", ("--02-20", None)),
        ("Feb 20 4", ("--02-20", 4)),
        ("Sep 29", ("--09-29", None)),
        ("Dec 9, 2023 1,234", ("2023-12-09", 1234)),
        ("Feb 31x", None),
        ("March", None),
    ],
)
def test_dates_never_invent_a_year(text: str, expected) -> None:
    assert parse_date(text) == expected


def test_jsonl_reader(data_dir: Path) -> None:
    papers = list(read_papers([data_dir / "papers.jsonl"]))
    assert [p.source_id for p in papers] == ["ex-1", "ex-2", "ex-3"]
    assert papers[0].date == "2024-10-09" and papers[0].authors == ["Peng Jin", "Bo Zhu"]
    assert papers[0].line == 1 and papers[2].line == 4
    assert papers[1].arxiv_id == "1706.03762"  # from "arXiv:1706.03762v7"
    assert papers[1].authors == ["Ashish Vaswani", "Noam Shazeer"]
    assert papers[2].abstract == "" and papers[2].date == "2023-05"


def test_json_array_reader_refuses_non_web_urls(data_dir: Path) -> None:
    papers = list(read_papers([data_dir / "papers.json"]))
    assert [p.source_id for p in papers] == ["j-1", "j-2"]
    assert papers[1].url is None  # javascript: is never kept as a link


def test_arxiv_oai_snapshot(data_dir: Path) -> None:
    papers = list(read_papers([data_dir / "arxiv_oai.jsonl"]))
    attention = papers[0]
    assert attention.arxiv_id == "1706.03762"
    assert attention.date == "2017-06-12"  # first version, not the update date
    assert attention.authors[0] == "Ashish Vaswani" and attention.author_count == 8
    assert attention.categories == ["cs.CL", "cs.LG"]
    assert "\n" not in attention.abstract and attention.abstract.startswith("The dominant")
    assert papers[2].arxiv_id == "hep-th/9901001"
    assert papers[0].key == "arxiv:1706.03762"


def test_arxiv_atom_feed(data_dir: Path) -> None:
    papers = list(read_papers([data_dir / "arxiv_atom.xml"]))
    assert [p.arxiv_id for p in papers] == ["2205.14135", "2307.08691"]
    flash = papers[0]
    assert flash.title == (
        "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness"
    )
    assert flash.date == "2022-05-27" and flash.author_count == 5
    assert flash.authors[-1] == "Christopher Ré"
    assert papers[1].categories == ["cs.LG", "cs.AI"]


@pytest.mark.parametrize(
    ("name", "reader"),
    [
        ("papers.jsonl", jsonl),
        ("papers.json", jsonl),
        ("arxiv_oai.jsonl", jsonl),
        ("arxiv_atom.xml", arxiv_atom),
    ],
)
def test_detection_is_by_content(data_dir: Path, tmp_path: Path, name: str, reader) -> None:
    disguised = tmp_path / "input.txt"  # the extension says nothing
    disguised.write_bytes((data_dir / name).read_bytes())
    head = disguised.read_text(encoding="utf-8")[:4096]
    assert detect(disguised, head) is reader
    assert list(read_papers([disguised]))


def test_same_arxiv_paper_from_two_formats_is_one_paper(data_dir: Path) -> None:
    papers = list(read_papers([data_dir / "papers.jsonl", data_dir / "arxiv_oai.jsonl"]))
    merged = [p for p in dedupe(papers) if p.arxiv_id == "1706.03762"]
    assert len(merged) == 1
    assert merged[0].date == "2017-06-12" and merged[0].author_count == 8
    assert merged[0].abstract.startswith("The dominant")  # the longer abstract wins

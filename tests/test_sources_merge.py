"""Merging rules: repeats of a paper collapse into one record, in any order."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from kg.records import Paper, normalise_title
from kg.sources import merge


def listing(**fields) -> Paper:
    return Paper(title=fields.pop("title", "Scalable MatMul-free Language Modeling"), **fields)


def test_title_normalisation_ignores_case_and_punctuation() -> None:
    a = listing(title="MoE++: Accelerating Mixture-of-Experts")
    b = listing(title="MoE++ : accelerating  Mixture of Experts")
    assert normalise_title(a.title) == normalise_title(b.title)
    assert a.key == b.key


def test_arxiv_id_beats_title_for_identity() -> None:
    assert listing(arxiv_id="2406.02528").key == "arxiv:2406.02528"
    assert listing(arxiv_id="2406.02528").key != listing().key


def test_merge_keeps_the_fullest_record() -> None:
    page_a = listing(abstract="short", date="--06-04", upvotes=3, author_count=5)
    page_b = listing(abstract="a longer abstract", date="2024-06-04", upvotes=7)
    merged = merge(page_a, page_b)
    assert merged.abstract == "a longer abstract"
    assert merged.date == "2024-06-04"  # a dated year beats a month-day
    assert merged.upvotes == 7 and merged.author_count == 5


papers = st.builds(
    Paper,
    title=st.sampled_from(["T", "t"]),
    abstract=st.text(max_size=5),
    date=st.none() | st.sampled_from(["2024-01-02", "--01-02", "2023-05", "2024-01-01"]),
    upvotes=st.none() | st.integers(0, 50),
    author_count=st.none() | st.integers(1, 9),
    organization=st.none() | st.sampled_from(["A", "B"]),
    source_id=st.none() | st.sampled_from(["x", "y"]),
)


def _fields(paper: Paper) -> tuple:
    return (
        paper.title,
        paper.abstract,
        paper.date,
        paper.upvotes,
        paper.author_count,
        paper.organization,
        paper.source_id,
    )


@given(st.lists(papers, min_size=1, max_size=4))
def test_merge_is_order_free_and_idempotent(records: list[Paper]) -> None:
    results = set()
    for order in itertools.permutations(records):
        merged = order[0]
        for record in order[1:]:
            merged = merge(merged, record)
        results.add(_fields(merged))
        assert _fields(merge(merged, merged)) == _fields(merged)
        assert _fields(merge(merged, order[0])) == _fields(merged)
    assert len(results) == 1

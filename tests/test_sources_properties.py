"""Property tests of the page parser: any text is read without crashing (issue: reliability)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.rdf.mapping import paper_triples
from kg.records import Paper
from kg.sources import hf_daily, jsonl

# Lines like those of real pages, shuffled and mixed with arbitrary text.
PAGE_LINES = st.sampled_from(
    [
        "new",
        "Subscribe",
        "Daily Papers",
        "byAK and the research community",
        "Mar 13",
        "",
        "  • 5 authors",
        "·",
        "Mar 11, 2024 12",
        "Feb 20",
        "facebook AI at Meta",
        "A Title: With a Colon",
        "An abstract sentence that ends with a full stop.",
        "x" * 250,
        "Feb 31, 2024",
        "  • 0 authors",
    ]
)
LINES = st.lists(st.one_of(PAGE_LINES, st.text(max_size=40)), max_size=40)


def read(reader, lines: list[str]) -> list[Paper | InputError]:
    return list(reader.read(Path("page.txt"), enumerate(lines, 1)))


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_any_page_text_gives_papers_or_located_errors(lines: list[str]) -> None:
    for item in read(hf_daily, lines):
        if isinstance(item, InputError):
            assert item.path == "page.txt" and (item.line is None or 1 <= item.line <= len(lines))
            continue
        assert item.title.strip() and "\n" not in item.title
        assert item.date is None or re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", item.date)
        graph = Graph().parse(data="".join(paper_triples(item)), format="nt")
        again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
        assert isomorphic(graph, again)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=10))
def test_any_jsonl_text_gives_papers_or_located_errors(lines: list[str]) -> None:
    for item in read(jsonl, lines):
        if isinstance(item, InputError):
            assert item.path == "page.txt"
        else:
            assert item.title


@given(st.sampled_from(["Mar 11, 2024 12", "Feb 20", "Dec 9, 2023 1,234"]))
def test_dates_on_a_page_are_typed(line: str) -> None:
    page = [
        "Title of a paper",
        "",
        "An abstract that ends with a full stop.",
        "",
        "  • 3 authors",
        "·",
        line,
    ]
    (paper,) = read(hf_daily, page)
    assert paper.date == hf_daily.parse_date(line)[0] and paper.author_count == 3

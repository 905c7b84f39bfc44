"""Readers of paper listings, one module per input format, detected by content.

>>> from kg.sources import read_papers
>>> papers = list(read_papers(["examples/data/000_0fb79a0189bf0830.txt"]))  # doctest: +SKIP

Every reader streams: a file is read line by line, so the size of the input does
not set the memory a build needs (a JSON *array* is the one exception: it is
parsed whole).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType

from kg.errors import InputError
from kg.records import Paper
from kg.sources import arxiv_atom, hf_daily, jsonl

#: Readers in the order their ``sniff`` is tried.
READERS: tuple[ModuleType, ...] = (arxiv_atom, jsonl, hf_daily)
_SNIFF_BYTES = 8192

ErrorHandler = Callable[[InputError], None]

#: Longer than any real abstract (arXiv caps them at 1,920 characters) by far; a
#: field past these is a broken record, and would stall the extractor.
MAX_ABSTRACT = 100_000
MAX_TITLE = 2_000


def detect(path: Path, head: str) -> ModuleType:
    """The reader for a file, from its first bytes (and, failing that, its extension)."""
    for reader in READERS:
        if reader.sniff(head):
            return reader
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".json", ".ndjson"}:
        return jsonl
    if suffix in {".xml", ".atom"}:
        return arxiv_atom
    return hf_daily


def _decoded_lines(path: Path, handle, on_error: ErrorHandler) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(handle, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            on_error(
                InputError(str(path), number, f"not valid UTF-8 ({error.reason}); line skipped")
            )
            continue
        yield number, line.rstrip("\r\n")


def _open(path: Path):
    if str(path) == "-":
        return sys.stdin.buffer
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}") from None


def read_file(path: str | Path, *, on_error: ErrorHandler) -> Iterator[Paper]:
    """Papers of one file; unreadable records go to ``on_error`` and are skipped."""
    path = Path(path)
    if path.is_dir():
        raise InputError(str(path), None, "is a folder; give the files in it")
    handle = _open(path)
    try:
        head_bytes = handle.peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if hasattr(handle, "peek") else b""
        if not head_bytes.strip():
            on_error(InputError(str(path), None, "file is empty"))
            return
        if b"\x00" in head_bytes:
            on_error(InputError(str(path), None, "binary file, not a paper listing"))
            return
        head = head_bytes.decode("utf-8", errors="replace").lstrip("\ufeff")
        reader = detect(path, head)
        for item in reader.read(path, _decoded_lines(path, handle, on_error)):
            if isinstance(item, InputError):
                on_error(item)
            elif problem := _oversized(item):
                on_error(InputError(str(path), item.line, problem))
            else:
                yield item
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _oversized(paper: Paper) -> str | None:
    if len(paper.abstract) > MAX_ABSTRACT:
        return f"abstract of {len(paper.abstract):,} characters (limit {MAX_ABSTRACT:,}); record skipped"
    if len(paper.title) > MAX_TITLE:
        return f"title of {len(paper.title):,} characters (limit {MAX_TITLE:,}); record skipped"
    return None


def _raise(error: InputError) -> None:
    raise error


def read_papers(
    paths: Iterable[str | Path],
    *,
    strict: bool = False,
    on_error: ErrorHandler | None = None,
) -> Iterator[Paper]:
    """Papers of every file in order.

    With ``strict`` the first unreadable record raises :class:`InputError`;
    otherwise it goes to ``on_error`` (default: ignored) and reading goes on.
    """
    handler = _raise if strict else (on_error or (lambda error: None))
    for path in paths:
        yield from read_file(path, on_error=handler)


def merge(old: Paper, new: Paper) -> Paper:
    """One record of a paper seen twice: order-free and idempotent.

    The longer abstract wins, a dated year beats a month-day, counts take their
    maximum and empty fields are filled, so building the same inputs in any
    order, any number of times, gives the same paper.
    """

    def pick(a, b):
        return a if a not in (None, "", []) else b

    def best_date(a: str | None, b: str | None) -> str | None:
        if not a or not b:
            return a or b
        if a.startswith("--") != b.startswith("--"):
            return b if a.startswith("--") else a
        return min(a, b)

    def most(a: int | None, b: int | None) -> int | None:
        return b if a is None else a if b is None else max(a, b)

    abstract = max((old.abstract, new.abstract), key=lambda text: (len(text), text))
    return Paper(
        title=min((old.title, new.title), key=lambda text: (-len(text), text)),
        abstract=abstract,
        source=min(old.source, new.source)
        if old.source and new.source
        else pick(old.source, new.source),
        line=old.line if old.source <= new.source else new.line,
        source_id=min(filter(None, (old.source_id, new.source_id)), default=None),
        arxiv_id=pick(old.arxiv_id, new.arxiv_id),
        date=best_date(old.date, new.date),
        page_date=best_date(old.page_date, new.page_date),
        authors=max((old.authors, new.authors), key=len),
        author_count=most(old.author_count, new.author_count),
        organization=min(filter(None, (old.organization, new.organization)), default=None),
        upvotes=most(old.upvotes, new.upvotes),
        url=min(filter(None, (old.url, new.url)), default=None),
        categories=sorted(set(old.categories) | set(new.categories)),
    )


def dedupe(papers: Iterable[Paper]) -> Iterator[Paper]:
    """Merge repeats (same :attr:`Paper.key`) and yield each paper once, in first-seen order.

    Holds every distinct paper until the input ends; a streaming build merges
    against the store instead (see :mod:`kg.build`).
    """
    merged: dict[str, Paper] = {}
    for paper in papers:
        key = paper.key
        merged[key] = merge(merged[key], paper) if key in merged else paper
    yield from merged.values()

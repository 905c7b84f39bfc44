"""Reader for JSON Lines and JSON arrays of paper objects.

Each object needs a ``title``; ``id``, ``abstract``, ``date``, ``authors``, ``url``
and ``arxiv_id`` are optional. Objects in the arXiv OAI snapshot's shape (``id``,
``versions``, ``authors_parsed``, ``update_date`` ...) are read by
:mod:`kg.sources.arxiv_oai`, so one file may even mix both.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Paper, normalise_arxiv_id
from kg.sources import arxiv_oai

NAME = "jsonl"

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


def sniff(head: str) -> bool:
    stripped = head.lstrip("\ufeff \t\r\n")
    return stripped.startswith(("{", "["))


def iso_date(value: Any) -> str | None:
    """The ``YYYY-MM-DD`` (or ``YYYY-MM``) prefix of a date string, or None."""
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        value = str(value)
    return " ".join(value.split())


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        parts = re.split(r",\s*|\s+and\s+", value)
        return [part.strip() for part in parts if part.strip()]
    if isinstance(value, list):
        names = []
        for item in value:
            if isinstance(item, str):
                names.append(item.strip())
            elif isinstance(item, dict) and item.get("name"):
                names.append(_text(item["name"]))
        return [name for name in names if name]
    return []


def paper_from_object(obj: Any, *, path: Path, line: int | None) -> Paper:
    """Map one JSON object to a :class:`Paper`; raise :class:`InputError` if it cannot be."""
    if not isinstance(obj, dict):
        raise InputError(str(path), line, f"expected a JSON object, found {type(obj).__name__}")
    if arxiv_oai.looks_like(obj):
        return arxiv_oai.paper_from_object(obj, path=path, line=line)
    title = _text(obj.get("title"))
    if not title:
        raise InputError(str(path), line, "record has no title")
    source_id = obj.get("id")
    arxiv_id = normalise_arxiv_id(_text(obj.get("arxiv_id"))) or normalise_arxiv_id(
        _text(source_id)
    )
    authors = _authors(obj.get("authors"))
    url = _text(obj.get("url")) or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = None  # only web links become schema:url; never javascript: or file:
    return Paper(
        title=title,
        abstract=_text(obj.get("abstract") or obj.get("summary")),
        source=str(path),
        line=line,
        source_id=_text(source_id) or None,
        arxiv_id=arxiv_id,
        date=iso_date(obj.get("date") or obj.get("published")),
        authors=authors,
        author_count=len(authors) or None,
        upvotes=obj.get("upvotes") if isinstance(obj.get("upvotes"), int) else None,
        url=url,
        categories=[c for c in obj.get("categories") or [] if isinstance(c, str)]
        if isinstance(obj.get("categories"), list)
        else [],
    )


def read(path: Path, lines: Iterable[tuple[int, str]]) -> Iterator[Paper | InputError]:
    lines = iter(lines)
    for first in lines:
        if not first[1].strip():
            continue
        if first[1].lstrip("\ufeff \t").startswith("["):
            rest = "\n".join(text for _, text in lines)
            yield from _read_array(path, first[1] + "\n" + rest)
            return
        break
    else:
        return
    for number, line in itertools.chain([first], lines):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(str(path), number, f"not valid JSON: {error.msg}")
            continue
        try:
            yield paper_from_object(obj, path=path, line=number)
        except InputError as error:
            yield error


def _read_array(path: Path, text: str) -> Iterator[Paper | InputError]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as error:
        yield InputError(str(path), error.lineno, f"not valid JSON: {error.msg}")
        return
    if not isinstance(items, list):
        yield InputError(str(path), 1, "expected a JSON array of paper objects")
        return
    for index, obj in enumerate(items):
        try:
            yield paper_from_object(obj, path=path, line=None)
        except InputError as error:
            error.args = (f"{path}: item {index}: {error.reason}",)
            yield error

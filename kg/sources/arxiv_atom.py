"""Reader for arXiv API responses (Atom XML, ``http://export.arxiv.org/api/query``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper, normalise_arxiv_id

NAME = "arxiv-atom"

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"


def sniff(head: str) -> bool:
    return "<feed" in head and "http://www.w3.org/2005/Atom" in head


def _clean(value: str | None) -> str:
    return " ".join(value.split()) if value else ""


def read(path: Path, lines: Iterable[tuple[int, str]]) -> Iterator[Paper | InputError]:
    text = "\n".join(line for _, line in lines)
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        # The arXiv API never sends a DTD; refusing one keeps entity expansion out.
        yield InputError(str(path), 1, "XML with a DOCTYPE or ENTITY declaration is not read")
        return
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        yield InputError(str(path), error.position[0], f"not valid XML: {error}")
        return
    if root.tag != f"{ATOM}feed":
        yield InputError(str(path), 1, "not an Atom feed")
        return
    for entry in root.iter(f"{ATOM}entry"):
        title = _clean(entry.findtext(f"{ATOM}title"))
        raw_id = _clean(entry.findtext(f"{ATOM}id"))
        if not title:
            yield InputError(str(path), None, f"entry {raw_id or '?'} has no title")
            continue
        authors = [_clean(author.findtext(f"{ATOM}name")) for author in entry.iter(f"{ATOM}author")]
        authors = [name for name in authors if name]
        arxiv_id = normalise_arxiv_id(raw_id)
        published = _clean(entry.findtext(f"{ATOM}published"))[:10] or None
        categories = [c.get("term", "") for c in entry.iter(f"{ATOM}category") if c.get("term")]
        yield Paper(
            title=title,
            abstract=_clean(entry.findtext(f"{ATOM}summary")),
            source=str(path),
            line=None,
            source_id=raw_id or None,
            arxiv_id=arxiv_id,
            date=published,
            authors=authors,
            author_count=len(authors) or None,
            url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else (raw_id or None),
            categories=categories,
        )

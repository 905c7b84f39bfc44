"""Records of the public arXiv metadata snapshot (OAI, one JSON object per line).

Fields used: ``id``, ``title``, ``abstract``, ``authors`` / ``authors_parsed``,
``categories`` (space-separated), ``versions`` (the first version's date is the
publication date), ``update_date``, ``doi``.
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Paper, normalise_arxiv_id

NAME = "arxiv-oai"

_MARKERS = ("versions", "authors_parsed", "update_date", "submitter")


def looks_like(obj: dict[str, Any]) -> bool:
    return "id" in obj and any(key in obj for key in _MARKERS)


def _clean(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""


def _first_version_date(versions: Any) -> str | None:
    if not isinstance(versions, list) or not versions:
        return None
    first = versions[0]
    created = first.get("created") if isinstance(first, dict) else None
    if not created:
        return None
    try:
        return parsedate_to_datetime(created).date().isoformat()
    except (TypeError, ValueError):
        return None


def _authors(obj: dict[str, Any]) -> list[str]:
    parsed = obj.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for parts in parsed:
            if isinstance(parts, list) and parts:
                last, first = parts[0], parts[1] if len(parts) > 1 else ""
                names.append(" ".join(p for p in (first, last) if p).strip())
        return [name for name in names if name]
    authors = obj.get("authors")
    if isinstance(authors, str):
        return [a.strip() for a in authors.replace(" and ", ", ").split(",") if a.strip()]
    return []


def paper_from_object(obj: dict[str, Any], *, path: Path, line: int | None) -> Paper:
    title = _clean(obj.get("title"))
    if not title:
        raise InputError(str(path), line, "arXiv record has no title")
    raw_id = _clean(obj.get("id"))
    authors = _authors(obj)
    date = _first_version_date(obj.get("versions")) or (_clean(obj.get("update_date"))[:10] or None)
    arxiv_id = normalise_arxiv_id(raw_id)
    return Paper(
        title=title,
        abstract=_clean(obj.get("abstract")),
        source=str(path),
        line=line,
        source_id=raw_id or None,
        arxiv_id=arxiv_id,
        date=date,
        authors=authors,
        author_count=len(authors) or None,
        url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
        categories=_clean(obj.get("categories")).split(),
    )

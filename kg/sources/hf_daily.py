"""Reader for text dumps of Hugging Face "Daily Papers" pages.

A page is blocks separated by blank lines::

    new / Get trending papers in your email inbox! / Subscribe / Daily Papers ...
    Mar 13                                   <- the page's date (chrome)

    NDC-Scene: Boost Monocular 3D ...        <- title: one line
    Monocular 3D Semantic Scene ...          <- abstract: one paragraph

      • 5 authors                            <- optional meta block: author count
    ·                                           or organisation, a dot, and the
    Mar 11, 2024 12                             date, with upvotes after it

A date without a year ("Feb 20") stays a month-day; no year is ever invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.records import Paper

NAME = "hf-daily"

CHROME = frozenset(
    {
        "new",
        "get trending papers in your email inbox!",
        "subscribe",
        "daily papers",
        "byak and the research community",
    }
)
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
DATE = re.compile(
    r"^(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?(?:\s+(?P<upvotes>\d[\d,]*))?$",
    re.I,
)
AUTHORS = re.compile(r"^[•·*-]?\s*(?P<count>\d[\d,]*)\s+authors?$", re.I)
SEPARATOR = frozenset({"·", "•", "-"})
#: An abstract is a paragraph of prose; a one-line block this short with no final
#: full stop is a title (a listing without abstract is followed by the next title).
_ABSTRACT_MIN = 200


@dataclass(slots=True)
class _Block:
    line: int  # 1-based number of its first line
    lines: list[str]

    @property
    def text(self) -> str:
        # Every kind of white space (stray \r, \u2028, tabs) folds to one space.
        return " ".join(" ".join(self.lines).split())


def parse_date(text: str) -> tuple[str, int | None] | None:
    """``"Mar 11, 2024 12"`` → ``("2024-03-11", 12)``; ``"Feb 20"`` → ``("--02-20", None)``."""
    match = DATE.match(text.strip())
    if not match:
        return None
    month = MONTHS[match["month"][:3].lower()]
    day = int(match["day"])
    if not 1 <= day <= 31:
        return None
    upvotes = int(match["upvotes"].replace(",", "")) if match["upvotes"] else None
    if match["year"]:
        return f"{int(match['year']):04d}-{month:02d}-{day:02d}", upvotes
    return f"--{month:02d}-{day:02d}", upvotes


def _blocks(lines: Iterable[tuple[int, str]]) -> Iterator[_Block]:
    current: _Block | None = None
    for number, line in lines:
        if line.strip():
            if current is None:
                current = _Block(number, [])
            current.lines.append(line)
        elif current is not None:
            yield current
            current = None
    if current is not None:
        yield current


def _is_meta(block: _Block) -> bool:
    stripped = [line.strip() for line in block.lines]
    return any(
        line in SEPARATOR or AUTHORS.match(line) or DATE.match(line) for line in stripped
    ) and (len(stripped) > 1 or DATE.match(stripped[0]) is not None)


def _apply_meta(paper: Paper, block: _Block) -> None:
    for raw in block.lines:
        line = raw.strip()
        if line in SEPARATOR:
            continue
        if match := AUTHORS.match(line):
            paper.author_count = int(match["count"].replace(",", ""))
        elif parsed := parse_date(line):
            paper.date, paper.upvotes = parsed
        else:
            paper.organization = line


def sniff(head: str) -> bool:
    """Whether a file's first few KiB look like a Daily Papers dump."""
    lines = [line.strip().lower() for line in head.splitlines()[:20] if line.strip()]
    return bool(CHROME.intersection(lines)) or any(AUTHORS.match(line) for line in lines)


def read(path: Path, lines: Iterable[tuple[int, str]]) -> Iterator[Paper | InputError]:
    """Yield each listing on the page, or an :class:`InputError` for a block it cannot place."""
    page_date: str | None = None
    paper: Paper | None = None
    expecting_abstract = False
    seen_title = False
    for block in _blocks(lines):
        single = block.text
        if not seen_title and len(block.lines) == 1 and single.strip().lower() in CHROME:
            continue
        if not seen_title and len(block.lines) == 1 and (parsed := parse_date(single)):
            page_date = parsed[0]
            continue
        if _is_meta(block):
            if paper is None:
                yield InputError(str(path), block.line, "author/date block with no paper before it")
            else:
                _apply_meta(paper, block)
            expecting_abstract = False
            continue
        if len(block.lines) > 1:
            yield InputError(str(path), block.line, f"unexpected block: {single[:60]!r}")
            continue
        looks_like_abstract = len(single) >= _ABSTRACT_MIN or single.rstrip().endswith(".")
        if expecting_abstract and paper is not None and looks_like_abstract:
            paper.abstract = single.strip()
            expecting_abstract = False
            continue
        if paper is not None:
            yield paper
        seen_title = True
        paper = Paper(title=single.strip(), source=str(path), line=block.line, page_date=page_date)
        expecting_abstract = True
    if paper is not None:
        yield paper

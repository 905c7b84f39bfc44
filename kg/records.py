"""Plain records that the pipeline stages pass to each other.

Readers (``kg.sources``) yield :class:`Paper`; the extractor (``kg.extract``) turns a
paper into an :class:`Extraction`; ``kg.rdf`` turns that into triples. No stage
imports another stage's libraries: they meet here.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

#: The entity kinds the extractor links papers to, in the order of the gold format.
EntityKind = Literal["dataset", "hardware", "metric", "method", "task", "code"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("dataset", "hardware", "metric", "method", "task", "code")

_ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(v\d+)?$")
_ARXIV_OLD = re.compile(r"^([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?$")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise_title(title: str) -> str:
    """The key under which two listings of one paper meet.

    Case, accents' composition, punctuation and spacing are ignored, so
    ``"MoE++: Accelerating ..."`` and ``"MoE++ : accelerating ..."`` agree.
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return _NON_WORD.sub(" ", text).strip()


@functools.lru_cache(maxsize=1 << 12)
def _title_key(title: str) -> str:
    """A paper's key by its title (cached: a build asks for each paper's key several
    times, from merging to writing, while it is one of the last few thousand)."""
    digest = hashlib.sha1(normalise_title(title).encode("utf-8")).hexdigest()
    return f"title:{digest[:16]}"


def normalise_arxiv_id(value: str | None) -> str | None:
    """``"arXiv:2401.01234v2"`` → ``"2401.01234"``; anything that is not an arXiv id → None."""
    if not value:
        return None
    text = value.strip()
    text = re.sub(r"^(?:https?://arxiv\.org/(?:abs|pdf)/|arxiv:)", "", text, flags=re.I)
    text = text.removesuffix(".pdf")
    for pattern in (_ARXIV_NEW, _ARXIV_OLD):
        match = pattern.match(text)
        if match:
            return match.group(1)
    return None


def entity_key(label: str) -> str:
    """The matching key of an entity label, as the reference scorer compares them.

    Case, spaces, hyphens, dots and other punctuation are ignored: ``CIFAR10`` and
    ``cifar-10`` share the key ``cifar10``. (The scorer's plural rule is applied by
    the vocabulary, not here, so that ``MACs`` and ``MAC`` stay apart as IRIs.)
    """
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", label).casefold())


@dataclass(slots=True)
class Paper:
    """One paper as a reader saw it in one input record."""

    title: str
    abstract: str = ""
    source: str = ""  # the file it came from
    line: int | None = None  # the line where its record starts
    source_id: str | None = None  # the id the input gave it, kept as dcterms:identifier
    arxiv_id: str | None = None
    date: str | None = None  # ISO "2024-03-11", or "--03-11" when the page gives no year
    page_date: str | None = None  # the date heading of the listing page, same forms
    authors: list[str] = field(default_factory=list)
    author_count: int | None = None
    organization: str | None = None
    upvotes: int | None = None
    url: str | None = None
    categories: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Identity: the arXiv id when known, else the normalised title."""
        if self.arxiv_id:
            return f"arxiv:{self.arxiv_id}"
        return _title_key(self.title)

    @property
    def own_id(self) -> str:
        """A short id of the paper's own, for outputs where the input gave none."""
        return self.source_id or self.arxiv_id or "p" + self.key.split(":", 1)[1][:8]

    @property
    def text(self) -> str:
        """The text the extractor reads: title, a blank line, abstract."""
        return f"{self.title}\n\n{self.abstract}" if self.abstract else self.title


@dataclass(slots=True)
class Mention:
    """One place in a paper's text where an entity is named.

    Offsets are character offsets into :attr:`Paper.text` (title, blank line,
    abstract), so the evidence sentence can be cut back out of the paper.
    """

    kind: EntityKind
    label: str  # the entity's preferred label
    text: str  # the words as written
    start: int
    end: int
    sentence: str
    sentence_start: int
    component: str  # the pipeline component that found it
    concept: str | None = None  # vocabulary concept IRI; None for a name no vocabulary lists
    proposed: bool = False  # the paper introduces it (methods and datasets only)
    # Other labels this mention gives the entity ("HDP" for Hybrid Data Parallelism).
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Result:
    """A numeric claim: "98.23% accuracy on BreakHis", "7.89x speedup"."""

    metric: str  # metric label
    value: str  # decimal as text ("98.23"), exact as written
    raw: str  # the phrase as written
    start: int
    end: int
    sentence: str
    sentence_start: int
    unit: str | None = None  # "%", "x", "ms", "GPU hours", ...
    dataset: str | None = None  # dataset label when stated in the same clause
    hardware: str | None = None
    hardware_count: int | None = None  # "12,000 GPUs" → 12000
    metric_concept: str | None = None
    component: str = "results"


@dataclass(slots=True)
class Extraction:
    """What the extractor found in one paper."""

    paper: Paper
    mentions: list[Mention] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)

    def labels(self, kind: EntityKind) -> list[str]:
        """Distinct labels of one kind, in order of first mention."""
        seen: dict[str, str] = {}
        for mention in self.mentions:
            if mention.kind == kind:
                seen.setdefault(entity_key(mention.label), mention.label)
        return list(seen.values())

    def proposed_labels(self) -> list[str]:
        seen: dict[str, str] = {}
        for mention in self.mentions:
            if mention.proposed and mention.kind in ("method", "dataset"):
                seen.setdefault(entity_key(mention.label), mention.label)
        return list(seen.values())

    def as_gold_record(self) -> dict[str, object]:
        """The shape of ``shared/eval/dev.jsonl``: one JSON object per paper."""
        return {
            "id": self.paper.own_id,
            "title": self.paper.title,
            "datasets": self.labels("dataset"),
            "hardware": self.labels("hardware"),
            "metrics": self.labels("metric"),
            "methods": self.labels("method"),
            "proposed": self.proposed_labels(),
            "tasks": self.labels("task"),
            "code": self.labels("code"),
        }

"""Plain records of the vocabulary: concepts and the index that finds them by name."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from kg.records import entity_key

ConceptKind = Literal["dataset", "hardware", "metric", "method", "task", "software"]
CONCEPT_KINDS: tuple[ConceptKind, ...] = (
    "dataset",
    "hardware",
    "metric",
    "method",
    "task",
    "software",
)


@lru_cache(maxsize=65536)
def scorer_key(text: str) -> str:
    """:func:`entity_key` with the reference scorer's plural rule (``GPUs`` = ``GPU``)."""
    key = entity_key(text)
    return key[:-1] if len(key) > 3 and key.endswith("s") else key


@dataclass(frozen=True, slots=True)
class Concept:
    """One SKOS concept of a vocabulary file.

    ``key`` is the :func:`~kg.records.entity_key` of the prefLabel; ``aliases`` are
    the altLabels; ``broader`` and ``exact_match`` hold IRIs.
    """

    iri: str
    kind: ConceptKind
    key: str
    label: str
    aliases: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()
    exact_match: tuple[str, ...] = ()
    match_case: bool = False  # kg:matchCase: labels match with their exact case only
    ambiguous: bool = False  # kg:ambiguous: linked only with a cue nearby

    @property
    def labels(self) -> tuple[str, ...]:
        """The prefLabel followed by every altLabel."""
        return (self.label, *self.aliases)


@dataclass(slots=True)
class Vocabulary:
    """Every concept of every scheme, keyed by IRI, with a name index per kind."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    _index: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _narrower: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_concepts(cls, concepts: Iterable[Concept]) -> Vocabulary:
        vocabulary = cls()
        for concept in concepts:
            vocabulary.concepts[concept.iri] = concept
        vocabulary._build_index()
        return vocabulary

    def _build_index(self) -> None:
        index: dict[tuple[str, str], str] = {}
        narrower: dict[str, list[str]] = {}
        # Preferred labels first, so that an alias never shadows another concept's label.
        for concept in self.concepts.values():
            index.setdefault((concept.kind, scorer_key(concept.label)), concept.iri)
            for parent in concept.broader:
                narrower.setdefault(parent, []).append(concept.iri)
        for concept in self.concepts.values():
            for alias in concept.aliases:
                index.setdefault((concept.kind, scorer_key(alias)), concept.iri)
        self._index = index
        self._narrower = {iri: tuple(children) for iri, children in narrower.items()}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts.values())

    def __contains__(self, iri: object) -> bool:
        return iri in self.concepts

    def get(self, iri: str) -> Concept | None:
        return self.concepts.get(iri)

    def of_kind(self, kind: str) -> list[Concept]:
        return [concept for concept in self.concepts.values() if concept.kind == kind]

    def lookup(self, kind: str, text: str) -> Concept | None:
        """The concept of ``kind`` that ``text`` names (any label or alias), or None.

        Names compare as the scorer compares them: case, spacing and punctuation
        are ignored and a final plural ``s`` is dropped.
        """
        iri = self._index.get((kind, scorer_key(text)))
        return self.concepts[iri] if iri else None

    def ancestors(self, iri: str) -> set[str]:
        """Every concept reachable over ``skos:broader`` from ``iri`` (not itself)."""
        seen: set[str] = set()
        todo = list(self.concepts[iri].broader) if iri in self.concepts else []
        while todo:
            parent = todo.pop()
            if parent in seen:
                continue
            seen.add(parent)
            concept = self.concepts.get(parent)
            if concept:
                todo.extend(concept.broader)
        return seen

    def has_narrower(self, iri: str) -> bool:
        """Whether some concept names ``iri`` as its broader (it is a class of things)."""
        return iri in self._narrower

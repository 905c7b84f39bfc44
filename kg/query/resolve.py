"""Names → graph nodes: entities by label or alias, papers by IRI, id or title.

An entity name matches when its key (:func:`kg.records.entity_key`: case and
punctuation ignored, so ``cifar10`` finds ``CIFAR-10``) equals the key of one of
the entity's labels. An exact label is looked up through the store's index first;
anything else goes through the key → entities index of
:class:`kg.query.stats.GraphStats`, built in Python from one query of all labels
and cached per store (on disk beside an embedded store).
"""

from __future__ import annotations

import difflib

from rdflib import Literal, URIRef
from rdflib.term import _is_valid_uri

from kg.errors import NotFoundError, QueryError
from kg.namespaces import ID, KIND_CLASS
from kg.query.sparql import run
from kg.query.stats import GraphStats, graph_stats
from kg.records import entity_key, normalise_arxiv_id, normalise_title
from kg.store.base import Store

#: Kinds a user may name in ``--by`` and filters, with their classes.
KINDS: dict[str, URIRef] = {kind: URIRef(iri) for kind, iri in KIND_CLASS.items()}
_CLASS_KIND = {str(iri): kind for kind, iri in KINDS.items()}


def kind_class(kind: str) -> URIRef:
    try:
        return KINDS[kind]
    except KeyError:
        raise QueryError(
            f"unknown entity kind {kind!r}; expected one of {', '.join(KINDS)}"
        ) from None


def class_kind(iri: str) -> str | None:
    return _CLASS_KIND.get(str(iri))


def as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI when it is a well-formed one (no spaces, quotes or brackets)."""
    return URIRef(text) if _is_valid_uri(text) and ":" in text else None


def singular_key(key: str) -> str | None:
    """The key without a final plural ``s`` ("GPUs" names the GPU concept), or None."""
    return key[:-1] if len(key) > 1 and key.endswith("s") else None


def title_begins(title: str, words: str) -> bool:
    """Whether ``words`` are the first whole words of ``title`` (both normalised)."""
    return bool(words) and title.startswith(words + " ")


def several_titles(name: str, titles: list[str]) -> NotFoundError:
    """The error for a title beginning that several papers share."""
    titles = sorted(titles)
    shown = "; ".join(repr(title) for title in titles[:3])
    more = f" and {len(titles) - 3} more" if len(titles) > 3 else ""
    return NotFoundError(
        f"{len(titles)} papers have titles starting {name!r}: {shown}{more}; give more of the title"
    )


def _lookup(stats: GraphStats, kind: str, name: str) -> list[str]:
    key = entity_key(name)
    found = stats.find(kind, key)
    singular = singular_key(key)
    if not found and singular:
        found = stats.find(kind, singular)
    return found


def suggestions(stats: GraphStats, kind: str, name: str, n: int = 3) -> list[str]:
    """Labels close to ``name`` among entities of ``kind``, for "did you mean" hints."""
    close = difflib.get_close_matches(entity_key(name), stats.keys(kind), n=n, cutoff=0.7)
    return sorted({stats.labels.get(e, e) for k in close for e in stats.find(kind, k)[:1]})


def resolve_entities(store: Store, kind: str, name: str) -> list[URIRef]:
    """Every entity of ``kind`` a name denotes: an IRI, an exact label, or a label key.

    Raises :class:`NotFoundError` naming close labels when nothing matches.
    """
    cls = kind_class(kind)
    text = name.strip()
    if not text:
        raise QueryError(f"empty {kind} name")
    node = as_iri(text) if text.startswith(("http://", "https://")) else None
    if (
        node is not None
        and run(store, "entity_exists", bindings={"entity": node, "class": cls}).boolean
    ):
        return [node]
    stats = graph_stats(store)
    # Fast path: the store's own index finds an exact label without a scan.
    exact = run(store, "entity_by_label", bindings={"label": Literal(text)})
    found = sorted({str(r["entity"]) for r in exact if stats.kinds.get(str(r["entity"])) == kind})
    if not found:
        found = _lookup(stats, kind, text)
    if found:
        return sorted(URIRef(iri) for iri in found)
    hint = suggestions(stats, kind, text)
    extra = f"; did you mean {' or '.join(hint)}?" if hint else ""
    raise NotFoundError(f"no {kind} named {name!r} in the graph{extra}")


def resolve_entity_any(store: Store, name: str, kind: str | None = None) -> list[URIRef]:
    """Entities of any kind (or of ``kind``) a name denotes."""
    kinds = [kind] if kind else list(KINDS)
    if kind is not None:
        kind_class(kind)
    text = name.strip()
    if not text:
        raise QueryError("empty entity name")
    stats = graph_stats(store)
    node = as_iri(text) if text.startswith(("http://", "https://")) else None
    if node is not None and stats.kinds.get(str(node)) in kinds:
        return [node]
    # One exact-label lookup for every kind, then the key index: the first kind
    # (in KINDS order) with a match wins.
    exact = {
        str(r["entity"]) for r in run(store, "entity_by_label", bindings={"label": Literal(text)})
    }
    for candidate in kinds:
        found = sorted(e for e in exact if stats.kinds.get(e) == candidate)
        found = found or _lookup(stats, candidate, text)
        if found:
            return sorted(URIRef(iri) for iri in found)
    hint = sorted({h for k in kinds for h in suggestions(stats, k, name)})
    extra = f"; did you mean {' or '.join(hint)}?" if hint else ""
    raise NotFoundError(f"no entity named {name!r} in the graph{extra}")


def resolve_paper(store: Store, name: str) -> URIRef:
    """A paper named by IRI, arXiv id, source id, IRI local name, title, or the
    beginning of one title (whole words: "ByteScale")."""
    text = name.strip()
    if not text:
        raise QueryError("empty paper name")
    candidates: list[str] = []
    if text.startswith(("http://", "https://")):
        candidates.append(text)
    if text.startswith("kgr:"):
        candidates.append(ID + text[4:])
    candidates.append(f"{ID}paper/{text}")
    arxiv = normalise_arxiv_id(text)
    if arxiv:
        candidates.append(f"{ID}paper/arxiv-{arxiv}")
    for candidate in candidates:
        node = as_iri(candidate)
        if node is not None and run(store, "paper_exists", bindings={"paper": node}).boolean:
            return node
    ids = {text} | ({arxiv} if arxiv else set())
    for value in sorted(ids):
        rows = run(store, "paper_by_id", bindings={"id": Literal(value)}).rows
        if rows:
            return _one(rows, name)
    rows = run(store, "paper_by_title", bindings={"title": Literal(text)}).rows
    if rows:
        return _one(rows, name)
    # A title written differently, or its beginning ("ByteScale" for "ByteScale:
    # Efficient Scaling of ..."): compare normalised titles (one scan).
    wanted = normalise_title(text)
    matches: set[str] = set()
    starting: dict[str, str] = {}
    for row in run(store, "paper_titles"):
        title = normalise_title(str(row["title"]))
        if title == wanted:
            matches.add(str(row["paper"]))
        elif title_begins(title, wanted):
            starting[str(row["paper"])] = str(row["title"])
    if matches:
        return URIRef(sorted(matches)[0])
    if len(starting) == 1:
        return URIRef(next(iter(starting)))
    if starting:
        raise several_titles(name, list(starting.values()))
    raise NotFoundError(f"no paper {name!r} in the graph (give an IRI, an arXiv id or a title)")


def _one(rows: list, name: str) -> URIRef:
    return URIRef(sorted(str(r["paper"]) for r in rows)[0])


__all__ = [
    "KINDS",
    "class_kind",
    "kind_class",
    "resolve_entities",
    "resolve_entity_any",
    "resolve_paper",
    "several_titles",
    "singular_key",
    "suggestions",
    "title_begins",
]

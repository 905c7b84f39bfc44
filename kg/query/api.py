"""Ready answers over any store: papers by filter, shared entities, related papers,
what the graph knows about one entity, and the evidence behind a link.

Every function takes a :class:`~kg.store.base.Store` and returns plain
dataclasses; :mod:`kg.query.render` turns them into tables, CSV or JSON.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.query.resolve import (
    KINDS,
    class_kind,
    kind_class,
    resolve_entities,
    resolve_entity_any,
    resolve_paper,
)
from kg.query.sparql import run, with_slots
from kg.query.stats import graph_stats
from kg.store.base import Store

#: Filters ``papers()`` accepts, in the order they narrow the answer.
FILTER_KINDS = ("dataset", "hardware", "method", "metric", "task")
#: IDF weights are summed as integers (weight × SCALE) so that every engine ranks alike.
SCALE = 1000


@dataclass
class PaperRow:
    paper: str
    title: str
    issued: str | None = None


@dataclass
class SharedGroup:
    entity: str
    label: str
    kind: str
    count: int
    papers: list[PaperRow] = field(default_factory=list)


@dataclass
class RelatedPaper:
    paper: str
    title: str
    score: float
    shared: list[str] = field(default_factory=list)
    shared_entities: list[str] = field(default_factory=list)


@dataclass
class Evidence:
    paper: str
    title: str
    entity: str
    label: str
    link: str | None
    text: str | None
    start: int | None
    end: int | None
    sentence: str | None
    component: str | None
    node: str


@dataclass
class EntityInfo:
    entity: str
    label: str
    kind: str | None
    classes: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    broader: list[dict[str, str]] = field(default_factory=list)
    narrower: list[dict[str, str]] = field(default_factory=list)
    external_ids: list[str] = field(default_factory=list)
    paper_count: int = 0
    papers: list[PaperRow] = field(default_factory=list)
    cooccurring: list[dict[str, object]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


# -- helpers -----------------------------------------------------------------------


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _int(value: object) -> int | None:
    try:
        return None if value is None else int(str(value))
    except ValueError:
        return None


def labels_of(store: Store, entities: Iterable[str]) -> dict[str, str]:
    """A display label for each entity: its smallest prefLabel, else rdfs:label, else the IRI."""
    wanted = sorted(set(entities))
    if not wanted:
        return {}
    pref: dict[str, str] = {}
    plain: dict[str, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = [(URIRef(iri),) for iri in wanted[start : start + 500]]
        for row in run(store, "entity_labels_of", values=(["entity"], chunk)):
            iri = str(row["entity"])
            if "pref" in row:
                value = str(row["pref"])
                pref[iri] = min(pref.get(iri, value), value)
            if "label" in row:
                value = str(row["label"])
                plain[iri] = min(plain.get(iri, value), value)
    return {iri: pref.get(iri) or plain.get(iri) or iri for iri in wanted}


def paper_count(store: Store) -> int:
    rows = run(store, "paper_count").rows
    return int(rows[0]["count"]) if rows else 0


def _paper_rows(result: Iterable[Mapping]) -> dict[str, PaperRow]:
    out: dict[str, PaperRow] = {}
    for row in result:
        iri = str(row["paper"])
        if iri not in out:
            out[iri] = PaperRow(iri, str(row["title"]), _text(row.get("issued")))
    return out


def _sort_papers(rows: Iterable[PaperRow]) -> list[PaperRow]:
    """Most recent first, then by IRI: the same order on every backend."""
    undated = sorted((r for r in rows if not r.issued), key=lambda r: r.paper)
    dated = sorted((r for r in rows if r.issued), key=lambda r: r.paper)
    dated.sort(key=lambda r: r.issued or "", reverse=True)
    return dated + undated


# -- papers ------------------------------------------------------------------------


class PaperList(list):
    """Papers found; ``complete`` is False when ``limit`` cut the list short."""

    complete: bool = True


def paper_rows(store: Store, papers: Iterable[str]) -> list[PaperRow]:
    """Title and date of each paper, most recent first."""
    wanted = sorted(set(papers))
    found: dict[str, PaperRow] = {}
    for start in range(0, len(wanted), 500):
        chunk = [(URIRef(iri),) for iri in wanted[start : start + 500]]
        found.update(_paper_rows(run(store, "paper_rows", values=(["paper"], chunk))))
    return _sort_papers(found.values())


def papers(
    store: Store,
    *,
    dataset: str | None = None,
    hardware: str | None = None,
    method: str | None = None,
    metric: str | None = None,
    task: str | None = None,
    limit: int | None = None,
) -> PaperList:
    """Papers linked to every given entity (or to a narrower concept of it).

    Each filter is a name resolved through labels and aliases ignoring case and
    punctuation; a name matching several entities accepts any of them. With
    ``limit``, the first ``limit`` matches the engine finds are returned (most
    recent first) and ``complete`` says whether that is all of them.

    Examples
    --------
    >>> papers(store, hardware="GPU", dataset="cifar10")  # doctest: +SKIP
    [PaperRow(paper='https://w3id.org/kg-ml/id/paper/arxiv-...', title='...', ...)]
    """
    filters = {
        "dataset": dataset,
        "hardware": hardware,
        "method": method,
        "metric": metric,
        "task": task,
    }
    given = [(kind, name) for kind, name in filters.items() if name]
    if not given:
        raise QueryError("give at least one filter: --dataset, --hardware, --method, ...")
    slots = [resolve_entities(store, kind, name) for kind, name in given]
    # The narrowest filter first: the engine joins in the order it is given.
    stats = graph_stats(store)
    slots.sort(key=lambda targets: sum(stats.reach(str(t)) for t in targets))
    # Later slots only check candidates: their targets with everything under them.
    expanded = [slots[0]] + [
        sorted({URIRef(e) for t in targets for e in stats.under(str(t))}) for targets in slots[1:]
    ]
    page = with_slots("papers_page", "papers_filter", expanded, later="papers_filter_check")
    found = [str(row["paper"]) for row in run(store, "papers_page", text=page, limit=limit)]
    out = PaperList(paper_rows(store, found))
    # Counting every match would cost a full evaluation: say only that there are more.
    out.complete = limit is None or len(found) < limit
    return out


# -- shared ------------------------------------------------------------------------


def shared(
    store: Store,
    *,
    by: str = "dataset",
    min_papers: int = 2,
    limit: int | None = 20,
    papers_per_group: int | None = 10,
) -> list[SharedGroup]:
    """Entities of one kind linked to at least ``min_papers`` papers, largest groups first.

    Group sizes come from the cached document frequencies (:mod:`kg.query.stats`).
    ``papers_per_group`` caps the papers listed for each group (``count`` still says
    how many there are; a capped group lists the first papers the engine finds);
    ``None`` lists them all.
    """
    if min_papers < 1:
        raise QueryError("--min-papers must be at least 1")
    kind_class(by)  # a known kind, or a clear error
    stats = graph_stats(store)
    groups = sorted(
        (
            (-count, entity)
            for entity, count in stats.df.items()
            if count >= min_papers and stats.kinds.get(entity) == by
        ),
    )
    if limit is not None:
        groups = groups[:limit]
    out = []
    for negative, entity in groups:
        count = -negative
        cap = (
            papers_per_group if papers_per_group is not None and count > papers_per_group else None
        )
        members = run(store, "shared_papers", bindings={"entity": URIRef(entity)}, limit=cap)
        out.append(
            SharedGroup(
                entity=entity,
                label=stats.labels.get(entity, entity),
                kind=by,
                count=count,
                papers=paper_rows(store, (str(row["paper"]) for row in members)),
            )
        )
    return out


# -- related -----------------------------------------------------------------------

#: Papers the candidate search may touch: the rarest shared entities are used to
#: find candidates until their document frequencies add up to this; more common
#: ones still count in every candidate's score. Exact whenever a paper's entities
#: fit (nearly always below 100,000 papers); otherwise papers that share only very
#: common entities are not considered.
CANDIDATE_BUDGET = 5_000


def idf(total: int, df: int) -> float:
    """log(N/df): a link every paper has weighs nothing, a link two papers share weighs most."""
    return math.log(max(total, 1) / max(df, 1))


def related(
    store: Store,
    paper: str,
    *,
    by: str | Iterable[str] | None = None,
    limit: int = 20,
) -> list[RelatedPaper]:
    """Papers ranked by the IDF-weighted entities they share with ``paper``.

    ``paper`` is an IRI, an id or a title; ``by`` restricts the kinds compared.
    Each shared entity adds log(N/df), N being the number of papers and df the
    number of papers linked to it, so a shared rare dataset outweighs a shared GPU.
    """
    node = resolve_paper(store, paper)
    kinds = {by} if isinstance(by, str) else set(by or KINDS)
    for kind in kinds:
        kind_class(kind)
    stats = graph_stats(store)
    mine = [str(row["entity"]) for row in run(store, "paper_entities", bindings={"paper": node})]
    weights = {
        entity: round(idf(stats.papers, stats.df.get(entity, 1)) * SCALE)
        for entity in mine
        if stats.kinds.get(entity) in kinds and stats.df.get(entity, 1) > 1
    }
    weights = {entity: w for entity, w in weights.items() if w > 0}
    if not weights:
        return []
    # Candidates from the rarest entities first, within the budget.
    seeds: list[str] = []
    spent = 0
    for entity in sorted(weights, key=lambda e: (stats.df.get(e, 1), e)):
        if seeds and spent + stats.df.get(entity, 1) > CANDIDATE_BUDGET:
            break
        seeds.append(entity)
        spent += stats.df.get(entity, 1)
    rows = [(URIRef(e), Literal(weights[e], datatype=XSD.integer)) for e in sorted(seeds)]
    ranked = run(
        store,
        "related_scores",
        bindings={"paper": node},
        values=(["entity", "weight"], rows),
        # Room for ties and for the common entities' share of the full score.
        limit=limit * 5 if len(seeds) < len(weights) else limit * 2,
    ).rows
    if not ranked:
        return []
    others = [(URIRef(str(row["other"])),) for row in ranked]
    details = run(store, "related_shared", bindings={"paper": node}, values=(["other"], others))
    titles: dict[str, str] = {}
    shares: dict[str, set[str]] = defaultdict(set)
    for row in details:
        other = str(row["other"])
        titles.setdefault(other, str(row["title"]))
        if "entity" in row and str(row["entity"]) in weights:
            shares[other].add(str(row["entity"]))
    # Full scores (common entities included), ranked the way the engine ranks.
    scored = sorted(
        ((sum(weights[e] for e in shares[o]), o) for o in (str(r["other"]) for r in ranked)),
        key=lambda pair: (-pair[0], pair[1]),
    )[:limit]
    out = []
    for score, other in scored:
        # Heaviest (rarest) shared entity first: it says most about why they relate.
        common = sorted(shares[other], key=lambda e: (-weights[e], stats.labels.get(e, e)))
        out.append(
            RelatedPaper(
                paper=other,
                title=titles.get(other, ""),
                score=score / SCALE,
                shared=[stats.labels.get(e, e) for e in common],
                shared_entities=common,
            )
        )
    return out


# -- entity ------------------------------------------------------------------------

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def entity(
    store: Store,
    name: str,
    *,
    kind: str | None = None,
    max_papers: int = 50,
    max_cooccurring: int = 10,
    max_evidence: int = 50,
) -> EntityInfo:
    """What the graph knows about one entity, named by IRI, label or alias."""
    node = resolve_entity_any(store, name, kind)[0]
    classes, labels, aliases, broader, narrower, external = [], set(), set(), [], [], []
    pref: list[str] = []
    for row in run(store, "entity_about", bindings={"entity": node}):
        if "narrower" in row:
            narrower.append(str(row["narrower"]))
            continue
        p, o = str(row["p"]), row["o"]
        if p == _RDF_TYPE:
            classes.append(str(o))
        elif p == _SKOS + "prefLabel":
            pref.append(str(o))
        elif p == _RDFS_LABEL:
            labels.add(str(o))
        elif p == _SKOS + "altLabel":
            aliases.add(str(o))
        elif p == _SKOS + "broader":
            broader.append(str(o))
        elif p in (
            _SKOS + "exactMatch",
            _SKOS + "closeMatch",
            "http://www.w3.org/2002/07/owl#sameAs",
        ):
            external.append(str(o))
    kinds = [k for k in (class_kind(c) for c in classes) if k]
    concept_labels = labels_of(store, broader + narrower)
    members = run(store, "entity_papers", bindings={"entity": node}, limit=max_papers * 2)
    linked = _sort_papers(_paper_rows(members).values())
    stats = graph_stats(store)
    co = run(store, "entity_cooccurring", bindings={"entity": node}, limit=max_cooccurring * 2)
    co_rows = sorted(((int(r["count"]), str(r["other"])) for r in co), key=lambda p: (-p[0], p[1]))
    co_rows = co_rows[:max_cooccurring]
    co_labels = labels_of(store, [other for _, other in co_rows])
    label = sorted(pref)[0] if pref else (sorted(labels)[0] if labels else str(node))
    return EntityInfo(
        entity=str(node),
        label=label,
        kind=kinds[0] if kinds else None,
        classes=sorted(set(classes)),
        labels=sorted(set(pref) | labels),
        aliases=sorted(aliases - set(pref) - labels),
        broader=[{"entity": b, "label": concept_labels[b]} for b in sorted(set(broader))],
        narrower=[{"entity": n, "label": concept_labels[n]} for n in sorted(set(narrower))],
        external_ids=sorted(set(external)),
        paper_count=max(stats.df.get(str(node), 0), len(linked)),
        papers=linked[:max_papers],
        cooccurring=[
            {"entity": other, "label": co_labels[other], "papers": count}
            for count, other in co_rows
        ],
        evidence=evidence(store, node, limit=max_evidence),
    )


def _evidence_row(row: Mapping, paper: str, title: str, entity: str, label: str) -> Evidence:
    link = row.get("link") or row.get("role")
    return Evidence(
        paper=paper,
        title=title,
        entity=entity,
        label=label,
        link=_text(link),
        text=_text(row.get("text")),
        start=_int(row.get("start")),
        end=_int(row.get("end")),
        sentence=_text(row.get("sentence")),
        component=_text(row.get("component")),
        node=str(row.get("mention") or row.get("result")),
    )


def _sort_evidence(items: list[Evidence]) -> list[Evidence]:
    items.sort(key=lambda e: (e.paper, e.start if e.start is not None else -1, e.node))
    return items


def evidence(
    store: Store, entity_node: URIRef, *, paper: URIRef | None = None, limit: int | None = None
) -> list[Evidence]:
    """The mentions and numeric results behind links to an entity (of one paper, if given)."""
    if paper is not None:
        return [e for e in paper_evidence(store, paper) if e.entity == str(entity_node)][:limit]
    label = labels_of(store, [str(entity_node)])[str(entity_node)]
    out = []
    for name in ("evidence", "result_evidence"):
        for row in run(store, name, bindings={"entity": entity_node}, limit=limit):
            out.append(
                _evidence_row(row, str(row["paper"]), str(row["title"]), str(entity_node), label)
            )
    out = _sort_evidence(out)
    return out[:limit] if limit is not None else out


def paper_evidence(store: Store, paper: URIRef) -> list[Evidence]:
    """Every mention and numeric result of one paper, with the entity each names."""
    rows = run(store, "paper_evidence", bindings={"paper": paper}).rows
    labels = labels_of(store, {str(row["entity"]) for row in rows})
    return _sort_evidence(
        [
            _evidence_row(
                row, str(paper), str(row["title"]), str(row["entity"]), labels[str(row["entity"])]
            )
            for row in rows
        ]
    )


def why(store: Store, paper: str, entity_name: str, *, kind: str | None = None) -> list[Evidence]:
    """Why the graph links ``paper`` to an entity: each sentence, offsets and component.

    When the paper is linked only to a narrower concept (asked about "GPU", it
    names an A100), the evidence of those narrower links is returned.
    """
    node = resolve_paper(store, paper)
    everything = paper_evidence(store, node)
    found: list[Evidence] = []
    for target in resolve_entity_any(store, entity_name, kind):
        direct = [e for e in everything if e.entity == str(target)]
        if not direct:
            narrower = run(
                store, "papers_narrower_links", bindings={"paper": node, "target": target}
            )
            wanted = {str(row["entity"]) for row in narrower}
            direct = [e for e in everything if e.entity in wanted]
        found += direct
    return found


def cooccurrence(store: Store, name: str, *, limit: int = 10) -> Counter[str]:
    """Entities most often linked together with the named one, by paper count."""
    node = resolve_entity_any(store, name)[0]
    rows = run(store, "entity_cooccurring", bindings={"entity": node}, limit=limit)
    return Counter({str(r["other"]): int(r["count"]) for r in rows})


__all__ = [
    "FILTER_KINDS",
    "EntityInfo",
    "Evidence",
    "PaperList",
    "PaperRow",
    "RelatedPaper",
    "SharedGroup",
    "entity",
    "evidence",
    "idf",
    "labels_of",
    "paper_count",
    "paper_evidence",
    "paper_rows",
    "papers",
    "related",
    "shared",
    "why",
]

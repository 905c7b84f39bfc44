"""Every vocabulary file keeps the rules of ``ontology/vocab/README.md``.

Checked on the Turtle itself with rdflib, independently of the loader: one
prefLabel per concept, local name = ``entity_key(prefLabel)``, no name (label or
alias) shared by two concepts of one file, ``skos:broader`` inside the file.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kg.namespaces import ID, KG
from kg.records import entity_key
from kg.vocab.model import scorer_key

VOCAB = Path(__file__).resolve().parent.parent / "ontology" / "vocab"
FILES = sorted(VOCAB.glob("*.ttl"))

#: file stem → (resource folder, class) for the kinds whose folder is known.
KINDS = {
    "datasets": ("dataset", KG + "Dataset"),
    "hardware": ("hardware", KG + "Hardware"),
    "metrics": ("metric", KG + "Metric"),
    "methods": ("method", KG + "Method"),
    "tasks": ("task", KG + "Task"),
    "software": ("software", KG + "Software"),
}

#: Files whose names must stay apart under the scorer's plural rule as well.
STRICT_PLURAL = ("datasets", "tasks")


def _concepts(path: Path) -> tuple[Graph, list[URIRef]]:
    graph = Graph().parse(path, format="turtle")
    scheme = URIRef(ID + "scheme/" + path.stem)
    return graph, sorted(s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef))


def _ids(paths: list[Path]) -> list[str]:
    return [path.name for path in paths]


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_concepts_have_one_preflabel_and_keyed_local_name(path: Path) -> None:
    graph, concepts = _concepts(path)
    assert concepts, f"{path.name}: no concept is skos:inScheme its scheme"
    folder, cls = KINDS.get(path.stem, (None, None))
    problems = []
    for concept in concepts:
        labels = list(graph.objects(concept, SKOS.prefLabel))
        if len(labels) != 1:
            problems.append(f"{concept}: {len(labels)} prefLabels")
            continue
        key = entity_key(str(labels[0]))
        local = str(concept).rsplit("/", 1)[1]
        if local != key or not key.isascii() or not key.isalnum():
            problems.append(f"{concept}: local name should be {key!r}")
        if folder and not str(concept).startswith(f"{ID}{folder}/"):
            problems.append(f"{concept}: not under {ID}{folder}/")
        if cls and (concept, RDF.type, URIRef(cls)) not in graph:
            problems.append(f"{concept}: not typed {cls}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_no_name_is_shared_by_two_concepts(path: Path) -> None:
    graph, concepts = _concepts(path)
    keyers = [entity_key] + ([scorer_key] if path.stem in STRICT_PLURAL else [])
    for keyer in keyers:
        owners: dict[str, set[str]] = defaultdict(set)
        for concept in concepts:
            for predicate in (SKOS.prefLabel, SKOS.altLabel):
                for label in graph.objects(concept, predicate):
                    owners[keyer(str(label))].add(str(concept))
        shared = {key: sorted(iris) for key, iris in owners.items() if len(iris) > 1}
        assert not shared, f"{path.name} ({keyer.__name__}): {shared}"


@pytest.mark.parametrize("path", FILES, ids=_ids(FILES))
def test_broader_stays_inside_the_file(path: Path) -> None:
    graph, concepts = _concepts(path)
    known = set(concepts)
    dangling = [
        f"{concept} → {parent}"
        for concept in concepts
        for parent in graph.objects(concept, SKOS.broader)
        if parent not in known
    ]
    assert not dangling, "\n".join(dangling)

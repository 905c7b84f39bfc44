"""IRIs of the project's ontology and resources, as plain strings.

Kept free of rdflib so that every stage can import it.
"""

from __future__ import annotations

BASE = "https://w3id.org/kg-ml/"
KG = BASE + "ontology#"  # classes and properties, prefix ``kg:``
ID = BASE + "id/"  # resources: papers, entities, mentions, results

#: Resource folder of each entity kind: ``https://w3id.org/kg-ml/id/dataset/imagenet``.
KIND_PATH = {
    "dataset": "dataset",
    "hardware": "hardware",
    "metric": "metric",
    "method": "method",
    "task": "task",
    "code": "code",
}

#: The OWL class of each entity kind.
KIND_CLASS = {
    "dataset": KG + "Dataset",
    "hardware": KG + "Hardware",
    "metric": KG + "Metric",
    "method": KG + "Method",
    "task": KG + "Task",
    "code": KG + "CodeRepository",
}

#: Prefixes pre-declared for every query and used in every serialisation.
PREFIXES = {
    "kg": KG,
    "kgr": ID,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "fabio": "http://purl.org/spar/fabio/",
    "mls": "http://www.w3.org/ns/mls#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def sparql_prologue() -> str:
    """``PREFIX`` lines for every pre-declared prefix."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())

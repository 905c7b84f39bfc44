"""Read the SKOS vocabulary files (``ontology/vocab/*.ttl``) into a :class:`Vocabulary`.

Parsing Turtle with rdflib takes a noticeable fraction of a second per file, so the
compiled concepts are cached (a pickle under the user cache folder, keyed by the
files' names, sizes and modification times); a second start reads the pickle only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from kg.errors import VocabularyError
from kg.namespaces import KG
from kg.records import entity_key
from kg.vocab.model import Concept, ConceptKind, Vocabulary

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: The class of each kind's concepts (``kg:Software`` is recognised but never linked).
CLASS_KIND: dict[str, ConceptKind] = {
    KG + "Dataset": "dataset",
    KG + "Hardware": "hardware",
    KG + "Metric": "metric",
    KG + "Method": "method",
    KG + "Task": "task",
    KG + "Software": "software",
}
#: Scheme local names, for concepts typed only through ``skos:inScheme``.
SCHEME_KIND: dict[str, ConceptKind] = {
    "datasets": "dataset",
    "hardware": "hardware",
    "metrics": "metric",
    "methods": "method",
    "tasks": "task",
    "software": "software",
}
_CACHE_FORMAT = 1  # bump when Concept changes shape


def ontology_dir() -> Path:
    """The ontology folder: ``kg/_ontology`` in an installed wheel, else ``<repo>/ontology``."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_ontology"
    if installed.is_dir():
        return installed
    return package.parent / "ontology"


def vocab_dir() -> Path:
    """The folder of the SKOS vocabulary files."""
    return ontology_dir() / "vocab"


def cache_dir() -> Path:
    """Where compiled vocabularies are cached: ``$KG_CACHE_DIR`` or the user cache folder."""
    if os.environ.get("KG_CACHE_DIR"):
        return Path(os.environ["KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kg-papers"


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha1(f"format={_CACHE_FORMAT}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def _literal_text(values: list, *, pick_one: bool) -> list[str]:
    """Plain or English literals, English first; other languages are left out."""
    plain = [str(value) for value in values if getattr(value, "language", None) in (None, "en")]
    plain.sort(key=lambda text: (text.casefold(), text))
    return plain[:1] if pick_one else plain


def _truthy(values: list) -> bool:
    return any(str(value).strip().lower() in {"true", "1"} for value in values)


def parse_file(path: Path) -> list[Concept]:
    """The concepts one Turtle file defines (anything with a ``skos:prefLabel``)."""
    import rdflib  # imported here: a cached start never needs it

    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises many unrelated types for bad syntax
        raise VocabularyError(f"{path}: not valid Turtle: {error}") from None
    pref = rdflib.URIRef(SKOS + "prefLabel")
    concepts: list[Concept] = []
    for subject in sorted(set(graph.subjects(pref, None)), key=str):
        if not isinstance(subject, rdflib.URIRef):
            continue

        def objects(name: str, *, namespace: str = SKOS, node=subject) -> list:
            return list(graph.objects(node, rdflib.URIRef(namespace + name)))

        kind = next(
            (
                CLASS_KIND[str(c)]
                for c in graph.objects(subject, rdflib.RDF.type)
                if str(c) in CLASS_KIND
            ),
            None,
        )
        if kind is None:
            for scheme in objects("inScheme"):
                kind = SCHEME_KIND.get(str(scheme).rstrip("/").rsplit("/", 1)[-1])
                if kind:
                    break
        if kind is None:
            kind = SCHEME_KIND.get(path.stem)
        if kind is None:
            raise VocabularyError(
                f"{path}: concept <{subject}> has no kind: give it a class "
                f"(kg:Dataset, kg:Hardware, ...) or skos:inScheme"
            )
        labels = _literal_text(objects("prefLabel"), pick_one=False)
        if not labels:
            continue
        label = str(labels[0])
        # Labels a file gives in English win over untagged ones only when both exist.
        english = [str(v) for v in objects("prefLabel") if getattr(v, "language", None) == "en"]
        if english:
            label = english[0]
        aliases = tuple(
            dict.fromkeys(
                alias
                for alias in _literal_text(
                    objects("altLabel") + objects("hiddenLabel"), pick_one=False
                )
                if alias != label
            )
        )
        concepts.append(
            Concept(
                iri=str(subject),
                kind=kind,
                key=entity_key(label),
                label=label,
                aliases=aliases,
                broader=tuple(sorted(str(o) for o in objects("broader"))),
                exact_match=tuple(sorted(str(o) for o in objects("exactMatch"))),
                match_case=_truthy(objects("matchCase", namespace=KG)),
                ambiguous=_truthy(objects("ambiguous", namespace=KG)),
            )
        )
    return concepts


def read_pickle(path: Path) -> object | None:
    """A cached object, or None when the file is missing or unreadable."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None


def write_pickle(path: Path, value: object) -> None:
    """Write ``value`` atomically; a read-only cache folder only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass


def _read_cache(path: Path) -> list[Concept] | None:
    try:
        with path.open("rb") as handle:
            rows = pickle.load(handle)
        return [Concept(*row) for row in rows]
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError, AttributeError):
        return None


def _write_cache(path: Path, concepts: list[Concept]) -> None:
    rows = [
        (
            c.iri,
            c.kind,
            c.key,
            c.label,
            c.aliases,
            c.broader,
            c.exact_match,
            c.match_case,
            c.ambiguous,
        )
        for c in concepts
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(rows, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home only costs a slower start


def load_vocabulary(directory: Path | None = None, *, cache: bool = True) -> Vocabulary:
    """Every concept of the ``*.ttl`` files in ``directory`` (default: the ontology's vocab).

    Raises :class:`~kg.errors.VocabularyError` when the folder is missing or a file
    is not valid Turtle.
    """
    folder = Path(directory) if directory is not None else vocab_dir()
    if not folder.is_dir():
        raise VocabularyError(f"{folder}: no such vocabulary folder")
    files = sorted(folder.glob("*.ttl"))
    cache_file = cache_dir() / f"vocab-{_fingerprint(files)}.pickle" if cache else None
    concepts = _read_cache(cache_file) if cache_file and cache_file.exists() else None
    if concepts is None:
        concepts = [concept for path in files for concept in parse_file(path)]
        if cache_file:
            _write_cache(cache_file, concepts)
    return Vocabulary.from_concepts(concepts)

"""``kg build``: input files → papers → extraction → triples → store, streaming.

The build is incremental and idempotent. A paper already in the store is read
back, merged with the new listing (:func:`kg.sources.merge`) and rewritten as a
whole, so a paper seen on several pages, or in several runs, is one node and the
same input built twice changes nothing. Writes go in batches, each batch one
transaction.
"""

from __future__ import annotations

import functools
import hashlib
import queue
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from kg.errors import InputError
from kg.namespaces import ID, KG
from kg.rdf.mapping import extraction_triples, paper_iri, vocabulary_triples
from kg.records import Paper
from kg.sources import merge, read_papers
from kg.store.base import Store

#: The node that records which vocabulary the store holds.
VOCABULARY_NODE = ID + "vocabulary"


@dataclass
class BuildReport:
    """What a build did; the CLI prints it and decides the exit code."""

    listings: int = 0
    papers_written: int = 0
    skipped: int = 0
    errors: list[InputError] = field(default_factory=list)
    #: Triples in the store before and after; None where counting is not cheap
    #: (:meth:`Store.cheap_to_count`).
    triples_before: int | None = 0
    triples_after: int | None = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.listings / self.seconds if self.seconds else 0.0


def ontology_triples() -> str:
    """The OWL ontology as N-Triples, loaded beside the data so queries can use it."""
    from kg.vocab import ontology_dir

    graph = Graph()
    graph.parse(ontology_dir() / "kg.ttl", format="turtle")
    return graph.serialize(format="nt")


def vocabulary_fingerprint() -> str:
    """Version of the ontology and vocabulary files: their bytes, hashed."""
    from kg.vocab import ontology_dir

    digest = hashlib.sha1()
    folder = ontology_dir()
    for path in [folder / "kg.ttl", *sorted((folder / "vocab").glob("*.ttl"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_vocabulary(store: Store, vocabulary) -> None:
    """Load the ontology and vocabulary concepts unless the store already has this version."""
    fingerprint = vocabulary_fingerprint()
    node = URIRef(VOCABULARY_NODE)
    held = store.query(
        "ASK { ?node kg:fingerprint ?fingerprint }",
        bindings={"node": node, "fingerprint": Literal(fingerprint)},
    )
    if held.boolean:
        return
    # A new vocabulary: drop the concepts' old labels and links, keep the papers.
    stale = store.query(
        "SELECT DISTINCT ?concept WHERE { ?concept skos:inScheme ?scheme . "
        "FILTER(STRSTARTS(STR(?scheme), STR(kgr:scheme))) }"
    ).values("concept")
    text = "".join(vocabulary_triples(vocabulary.concepts.values()))
    marker = f'<{VOCABULARY_NODE}> <{KG}fingerprint> "{fingerprint}" .\n'
    store.replace([VOCABULARY_NODE, *map(str, stale)], text + ontology_triples() + marker)


_PAPER_FIELDS = """
SELECT ?title ?abstract ?issued ?listed ?authors ?upvotes ?org ?identifier ?arxiv ?url
WHERE {
  ?paper dcterms:title ?title .
  OPTIONAL { ?paper dcterms:abstract ?abstract }
  OPTIONAL { ?paper dcterms:issued ?issued }
  OPTIONAL { ?paper kg:listedOn ?listed }
  OPTIONAL { ?paper kg:authorCount ?authors }
  OPTIONAL { ?paper kg:upvotes ?upvotes }
  OPTIONAL { ?paper kg:organization ?org }
  OPTIONAL { ?paper dcterms:identifier ?identifier }
  OPTIONAL { ?paper kg:arxivId ?arxiv }
  OPTIONAL { ?paper schema:url ?url }
} LIMIT 1
"""


def stored_paper(store: Store, iri: str) -> Paper | None:
    """The paper record a previous build wrote, for merging with a new listing."""
    node = URIRef(iri)
    rows = store.query(_PAPER_FIELDS, bindings={"paper": node}).rows
    if not rows:
        return None
    row = rows[0]

    def text(name: str) -> str | None:
        return str(row[name]) if name in row else None

    def number(name: str) -> int | None:
        return int(row[name]) if name in row else None

    lists = store.query(
        "SELECT ?p ?v WHERE { VALUES ?p { kg:authorName kg:arxivCategory } ?paper ?p ?v }",
        bindings={"paper": node},
    )
    authors = sorted(str(r["v"]) for r in lists if str(r["p"]).endswith("authorName"))
    categories = sorted(str(r["v"]) for r in lists if str(r["p"]).endswith("arxivCategory"))
    return Paper(
        title=text("title") or "",
        abstract=text("abstract") or "",
        source_id=text("identifier"),
        arxiv_id=text("arxiv"),
        date=text("issued"),
        page_date=text("listed"),
        authors=authors,
        author_count=number("authors"),
        organization=text("org"),
        upvotes=number("upvotes"),
        url=text("url"),
        categories=categories,
    )


@functools.cache
def _default_extractor():
    """One extractor per process: building its matchers takes seconds."""
    from kg.extract import Extractor

    return Extractor()


def _triples_of(extractor, papers: list[Paper]) -> list[tuple[str, str]]:
    """(paper IRI, its N-Triples) for each paper: extraction and mapping in one step.

    Run in the extraction workers: N-Triples text pickles back several times
    faster than the records it is made from.
    """
    return [
        (paper_iri(extraction.paper)[1:-1], "".join(extraction_triples(extraction)))
        for extraction in extractor.extract(papers)
    ]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _PapersInStore:
    """Which papers are in the store, asking the store only when it could say yes.

    A store lookup costs about 0.1 ms during a build (the store's newest files
    have no filter for a key that is not there), twice per paper. When the store
    held no paper as the build began, a paper is in it only if this build wrote
    it: those are noted in a Bloom filter of fixed size (4 MiB, a few lookups in a
    thousand wasted at 2.5 million papers), and only the papers it may hold are
    looked up. Into a store that already had papers every paper is looked up.
    """

    BITS = 1 << 25
    HASHES = 5

    def __init__(self, store: Store) -> None:
        self.store = store
        answer = store.query(f"ASK {{ ?paper a <{KG}Paper> }}")
        self.check_all = bool(answer.boolean)
        self.bits = bytearray(self.BITS // 8)

    def _positions(self, iri: str) -> list[int]:
        digest = hashlib.blake2b(iri.encode("utf-8"), digest_size=4 * self.HASHES).digest()
        mask = self.BITS - 1
        return [
            int.from_bytes(digest[i : i + 4], "little") & mask for i in range(0, 4 * self.HASHES, 4)
        ]

    def _may_hold(self, iri: str) -> bool:
        bits = self.bits
        return all(bits[p >> 3] & (1 << (p & 7)) for p in self._positions(iri))

    def existing(self, iris: Iterable[str]) -> set[str]:
        if not self.check_all:
            iris = [iri for iri in iris if self._may_hold(iri)]
        return self.store.existing(iris) if iris else set()

    def wrote(self, iris: Iterable[str]) -> None:
        """Note papers now in the store (before the merger may look them up)."""
        bits = self.bits
        for iri in iris:
            for p in self._positions(iri):
                bits[p >> 3] |= 1 << (p & 7)


class _Merger:
    """Merges each listing with what is known of its paper: in flight, or in the store.

    The papers it yields are numbered; the build sets :attr:`written` to the number
    of them now in the store. A paper stays in :attr:`recent` until it is written,
    however deep the pipeline, so a repeat is merged with it rather than with an
    older stored version; past that, at most ``window`` papers are kept as a cache.
    """

    def __init__(self, store: Store, papers: _PapersInStore, *, window: int) -> None:
        self.store = store
        self.papers = papers
        self.window = window
        self.recent: OrderedDict[str, tuple[Paper, int]] = OrderedDict()
        self.position = 0  # papers yielded so far
        self.written = 0  # the first ``written`` papers yielded are in the store

    def __call__(self, papers: Iterable[Paper], batch_size: int) -> Iterator[Paper]:
        for batch in _batches(papers, batch_size):
            # Evict between batches only: what is in ``recent`` now is what the
            # store lookup below skips, so it must stay for the whole batch.
            while len(self.recent) > self.window:
                _, (_, oldest) = next(iter(self.recent.items()))
                if oldest >= self.written:
                    break  # still on its way to the store
                self.recent.popitem(last=False)
            iris = {paper.key: paper_iri(paper)[1:-1] for paper in batch}
            unknown = [iri for key, iri in iris.items() if key not in self.recent]
            in_store = self.papers.existing(unknown)
            for paper in batch:
                key = paper.key
                previous = self.recent[key][0] if key in self.recent else None
                if previous is None and iris[key] in in_store:
                    previous = stored_paper(self.store, iris[key])
                merged = merge(previous, paper) if previous is not None else paper
                self.recent[key] = (merged, self.position)
                self.recent.move_to_end(key)
                self.position += 1
                yield merged


def _write(store: Store, papers: _PapersInStore, batch: list[tuple[str, str]]) -> int:
    """Write one batch of (paper IRI, N-Triples); return the papers written."""
    # A paper repeated inside one batch is written once, in its last (fullest) form.
    latest = {iri: text for iri, text in batch}
    owned = papers.existing(latest)
    old = [iri for iri in latest if iri in owned]
    new = [iri for iri in latest if iri not in owned]
    if old:
        store.replace(old, "".join(latest[iri] for iri in old))
    if new:
        store.add_new(new, "".join(latest[iri] for iri in new))
    papers.wrote(new)
    return len(latest)


class _Writer:
    """Writes batches in order on a thread of its own, one batch queued at most.

    Oxigraph's bulk load releases the GIL, so the main thread meanwhile reads,
    merges and hands out the next batches, and the workers never run dry while a
    batch is loading. ``group`` batches go into the store in one bulk load: the
    store's compaction work grows with the number of loads, not their size, so
    this halves it at the cost of one more batch held here, where doubling the
    batch size would hold more of everything (worker results, the merge window).
    An error in the writer is raised in the main thread at the next :meth:`put`
    or at :meth:`close`; on an error in the main thread, :meth:`close` lets the
    load under way finish (its journal is then cleared) and drops the rest.
    """

    def __init__(
        self,
        store: Store,
        papers: _PapersInStore,
        on_written: Callable[[int, int], None],
        *,
        group: int = 2,
    ) -> None:
        self.store = store
        self.papers = papers
        self.on_written = on_written
        self.group = group
        self.queue: queue.Queue[list[tuple[str, str]] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.stop = False
        self.thread = threading.Thread(target=self._run, name="kg-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        held: list[list[tuple[str, str]]] = []
        while True:
            batch = self.queue.get()
            if batch is not None:
                held.append(batch)
                if len(held) < self.group:
                    continue
            if held and not self.stop and self.error is None:
                try:
                    written = _write(
                        self.store, self.papers, [item for part in held for item in part]
                    )
                    self.on_written(written, len(held))
                except BaseException as error:  # handed to the main thread
                    self.error = error
            held = []
            if batch is None:
                return

    def put(self, batch: list[tuple[str, str]]) -> None:
        self._raise()
        self.queue.put(batch)

    def close(self, *, drop: bool = False) -> None:
        self.stop = drop
        if drop:
            while not self.queue.empty():
                self.queue.get_nowait()
        self.queue.put(None)
        self.thread.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error


class _Progress:
    """A one-line counter on stderr when it is a terminal; silent otherwise."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.start = time.perf_counter()
        self.last = 0.0

    def update(self, count: int, *, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.2:
            return
        self.last = now
        rate = count / max(now - self.start, 1e-9)
        end = "\n" if final else ""
        print(f"\r  {count:,} papers  {rate:,.0f}/s", end=end, file=sys.stderr, flush=True)


def build(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    extractor=None,
    strict: bool = False,
    jobs: int = 1,
    batch_size: int = 512,
    progress: bool | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> BuildReport:
    """Build (or update) the graph in ``store`` from input files.

    With ``strict`` the inputs are read through once first, and the first bad
    record raises :class:`InputError` before anything is written. Otherwise bad
    records are skipped, counted and reported through ``on_error``.
    """
    inputs = [Path(path) for path in inputs]
    report = BuildReport(triples_before=len(store) if store.cheap_to_count() else None)
    started = time.perf_counter()

    def record(error: InputError) -> None:
        report.skipped += 1
        if len(report.errors) < 1000:
            report.errors.append(error)
        if on_error:
            on_error(error)

    if strict:
        for _ in read_papers(inputs, strict=True):
            pass
    extractor = extractor or _default_extractor()
    ensure_vocabulary(store, extractor.vocabulary)
    meter = _Progress(progress)

    def counted(papers: Iterable[Paper]) -> Iterator[Paper]:
        for paper in papers:
            report.listings += 1
            yield paper

    in_store = _PapersInStore(store)
    merger = _Merger(store, in_store, window=(2 * jobs + 2) * batch_size)
    papers = merger(counted(read_papers(inputs, on_error=record)), batch_size)
    from kg.extract.pipeline import map_in_workers  # spaCy loads only when a build runs

    def written(count: int, batches: int = 1) -> None:
        # batches are written in order, each ``batch_size`` of the merged papers
        report.papers_written += count
        merger.written += batches * batch_size

    batches = _batches(papers, batch_size)
    results = map_in_workers(extractor, _triples_of, batches, jobs=jobs)
    if jobs > 1 and store.concurrent_writes:
        writer = _Writer(store, in_store, written)
        try:
            for batch in results:
                writer.put(batch)
                meter.update(report.listings)
        except BaseException:
            writer.close(drop=True)
            raise
        writer.close()
    else:
        for batch in results:
            written(_write(store, in_store, batch))
            meter.update(report.listings)
    meter.update(report.listings, final=True)
    if report.triples_before is not None and store.cheap_to_count():
        report.triples_after = len(store)
    else:
        report.triples_before = report.triples_after = None
    report.seconds = time.perf_counter() - started
    return report


__all__ = ["BuildReport", "build", "ensure_vocabulary", "stored_paper"]

"""The extractor: a blank spaCy pipeline of this package's components, over papers."""

from __future__ import annotations

import gc
import multiprocessing
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories.
from kg.extract import (  # noqa: F401
    acronyms,
    code_links,
    hardware,
    metric_phrases,
    names,
    results,
    roles,
    sentences,
    tasks,
    vocab_ruler,
)
from kg.extract.spans import DOC_BATCH
from kg.extract.tokenizer import blank_nlp
from kg.namespaces import ID, KIND_PATH
from kg.records import Extraction, Paper, entity_key
from kg.vocab import Vocabulary, load_vocabulary

#: Component names in pipeline order: sentences first, matchers, then resolution.
PIPELINE: tuple[str, ...] = (
    "kg_sentences",
    "kg_code_links",
    "kg_vocab_ruler",
    "kg_acronyms",
    "kg_names",
    "kg_hardware",
    "kg_metric_phrases",
    "kg_tasks",
    "kg_roles",
    "kg_results",
)


def build_pipeline(vocabulary: Vocabulary) -> Language:
    """``spacy.blank("en")`` (hyphen-splitting tokenizer) with every component added."""
    nlp = blank_nlp()
    for name in PIPELINE:
        component = nlp.add_pipe(name)
        if hasattr(component, "set_vocabulary"):
            component.set_vocabulary(vocabulary)
    return nlp


#: Papers whose words become permanent (a few MB) before batches run in memory
#: zones: enough abstracts that most words of later ones are known and their
#: tokenisation cached (inside a zone spaCy's tokenizer caches nothing).
WARM_PAPERS = 2048

#: The cyclic collector's thresholds while papers are extracted (CPython's: 700, 10, 10).
COLLECT_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector less often for a while (see :data:`COLLECT_THRESHOLDS`).

    Extraction makes hundreds of container objects a paper (candidates, mentions,
    results, match tuples) that reference counting frees soon after. At CPython's
    default the collector still runs every 700 of them and promotes those a batch
    holds at that moment, so every few thousand papers a full collection walks the
    vocabulary's 140,000 objects (about 70 ms). With the thresholds raised no full
    collection ran in 4,640 papers, and the run took 5-8% less time. Thresholds
    already at least this high (an outer run's, or the caller's) are left alone.
    """
    before = gc.get_threshold()
    if before[0] >= COLLECT_THRESHOLDS[0]:
        yield
        return
    gc.set_threshold(*COLLECT_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class Extractor:
    """Find the entities, roles, results and code links of papers.

    >>> extractor = Extractor()  # doctest: +SKIP
    >>> extractor.extract_one(Paper(title="ByteScale: ...", abstract="...")).labels("method")  # doctest: +SKIP
    ['ByteScale']
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else load_vocabulary()
        self.nlp = build_pipeline(self.vocabulary)
        self._warm_left = WARM_PAPERS  # papers still to run outside a memory zone

    def make_doc(self, text: str) -> Doc:
        """The tokenised text, carrying the text itself (``Doc.text`` rebuilds it each time)."""
        doc = self.nlp.make_doc(text)
        doc.user_data["kg_text"] = text
        return doc

    def extract_one(self, paper: Paper) -> Extraction:
        return self._record(paper, self.nlp(self.make_doc(paper.text)))

    def extract(
        self, papers: Iterable[Paper], *, n_process: int = 1, batch_size: int = 256
    ) -> Iterator[Extraction]:
        """Extractions in the order of ``papers``; ``n_process > 1`` uses worker processes."""
        if n_process > 1:
            yield from self._extract_parallel(papers, n_process=n_process, batch_size=batch_size)
            return
        iterator = iter(papers)
        with fewer_collections():
            for batch in iter(lambda: list(islice(iterator, batch_size)), []):
                yield from self._extract_batch(batch)

    def _extract_batch(self, papers: list[Paper]) -> list[Extraction]:
        """One batch, inside a spaCy memory zone once :data:`WARM_PAPERS` have run.

        spaCy keeps every word it has seen (string store, lexemes, tokenizer
        cache): on millions of abstracts that grows without end. The first
        papers make the common words permanent, with their tokenisation cached;
        the words later batches add are dropped when their zone closes, which
        keeps memory flat and, with a smaller string store, is faster too. The
        records hold no spaCy objects.
        """
        if self._warm_left > 0:
            self._warm_left -= len(papers)
            return self._run(papers)
        with self.nlp.memory_zone():
            return self._run(papers)

    def _run(self, papers: list[Paper]) -> list[Extraction]:
        docs = self.nlp.pipe((self.make_doc(paper.text) for paper in papers), batch_size=DOC_BATCH)
        return [self._record(paper, doc) for paper, doc in zip(papers, docs, strict=True)]

    def _record(self, paper: Paper, doc) -> Extraction:
        # A new name ending in a modifier suffix lost its head noun ("MoE-related",
        # "AI-based", "multi-level"): it names nothing.
        mentions = [
            m
            for m in doc.user_data.get("kg_mentions") or []
            if m.concept is not None or not _MODIFIER_TAIL.search(m.label)
        ]
        for mention in mentions:
            # A new name whose minted IRI is a vocabulary concept's ("MATH+" keys to
            # dataset/math) is that concept, never a second label on its node. Only the
            # exact key counts: "MoE++" stays a name of its own, not Mixture-of-Experts.
            if mention.concept is None and mention.kind != "code":
                minted = f"{ID}{KIND_PATH[mention.kind]}/{entity_key(mention.label)}"
                concept = self.vocabulary.concepts.get(minted)
                if concept is not None and concept.kind == mention.kind:
                    mention.concept, mention.label = concept.iri, concept.label
        return Extraction(
            paper=paper,
            mentions=mentions,
            results=list(doc.user_data.get("kg_results") or []),
        )

    def _extract_parallel(
        self, papers: Iterable[Paper], *, n_process: int, batch_size: int
    ) -> Iterator[Extraction]:
        iterator = iter(papers)
        chunks = iter(lambda: list(islice(iterator, batch_size)), [])
        for extractions in map_in_workers(self, _extract_list, chunks, jobs=n_process):
            yield from extractions


def _extract_list(extractor: Extractor, papers: list[Paper]) -> list[Extraction]:
    return list(extractor.extract(papers))


def map_in_workers(
    extractor: Extractor,
    work: Callable[[Extractor, list[Paper]], T],
    batches: Iterable[list[Paper]],
    *,
    jobs: int,
) -> Iterator[T]:
    """``work(extractor, batch)`` for each batch, in order, in ``jobs`` worker processes.

    Forked workers inherit ``extractor`` with its matchers built (no second
    start-up); where fork is missing, each worker builds its own. At most
    ``2 * jobs`` batches are in flight, so the input is never read ahead. A
    worker's own memory still grows slowly, by the new words spaCy's string store
    and tokenizer cache keep (about 1.5 KB per paper on varied text). Workers are
    not replaced to bound that: a fresh fork of the build's main process, by then
    large with the store's caches, ends up holding private copies of pages the
    main process rewrites, which costs far more (measured: 135 MB workers came
    back at 375 MB each). ``work`` must be a module-level function (it is pickled
    by name).
    """
    if jobs <= 1:
        for batch in batches:
            yield work(extractor, batch)
        return
    global _WORKER
    if "fork" in multiprocessing.get_all_start_methods():
        _WORKER = extractor
        # The collector writes to every object it visits, which copies the page in
        # whichever process runs it: frozen, the extractor's pages stay shared
        # between the build and its workers (measured: 8% less memory in all).
        gc.freeze()
        pool = multiprocessing.get_context("fork").Pool(jobs)
    else:
        pool = multiprocessing.get_context("spawn").Pool(
            jobs, initializer=_init_worker, initargs=(extractor.vocabulary,)
        )
    pending: deque = deque()
    try:
        with pool:
            for batch in batches:
                pending.append(pool.apply_async(_run_work, (work, batch)))
                if len(pending) >= 2 * jobs:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
    finally:
        gc.unfreeze()  # what became garbage meanwhile is collectable again


_MODIFIER_TAIL = re.compile(
    r"-(?:related|based|like|aware|level|driven|oriented|specific|wise|style|centric)$", re.I
)

T = TypeVar("T")
_WORKER: Extractor | None = None  # the extractor of a worker process


def _init_worker(vocabulary: Vocabulary) -> None:
    global _WORKER
    _WORKER = Extractor(vocabulary)


def _run_work(work: Callable[[Extractor, list[Paper]], T], batch: list[Paper]) -> T:
    if _WORKER is None:  # pragma: no cover - fork or the pool initialiser set it
        raise RuntimeError("worker not initialised")
    return work(_WORKER, batch)

"""Interrupted and concurrent builds leave the store consistent and usable."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.build import ensure_vocabulary
from kg.sources import read_papers
from kg.store import OxigraphStore

pytestmark = pytest.mark.slow


def corpus(path: Path, seed_paths: list[Path], copies: int) -> Path:
    """Distinct papers made from the seed abstracts (titles varied so none merge)."""
    papers = list(read_papers(seed_paths))
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            for number, paper in enumerate(papers):
                record = {
                    "id": f"c{copy}-{number}",
                    "title": f"{paper.title} (variant {copy}-{number})",
                    "abstract": paper.abstract,
                }
                handle.write(json.dumps(record) + "\n")
    return path


def _default_sigint() -> None:
    # A suite started in the background by a non-interactive shell inherits an
    # ignored SIGINT, and Python then never raises KeyboardInterrupt: undo that.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def kg(*argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kg", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )


def papers_and_orphans(store: Path) -> tuple[int, int]:
    with OxigraphStore(store, read_only=True) as opened:
        papers = int(opened.query("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Paper }").rows[0]["n"])
        # A paper written by halves would have mentions without a title, or a title without type.
        orphans = int(
            opened.query("""SELECT (COUNT(*) AS ?n) WHERE {
            { ?p kg:hasMention ?m FILTER NOT EXISTS { ?p dcterms:title ?t } }
            UNION { ?p dcterms:title ?t FILTER NOT EXISTS { ?p a kg:Paper } } }""").rows[0]["n"]
        )
    return papers, orphans


def data_size(store: Path) -> int:
    """Bytes in the store's tables and write-ahead logs (not RocksDB's own LOG)."""
    size = 0
    for path in store.glob("*"):
        if path.suffix in (".sst", ".log"):
            with contextlib.suppress(FileNotFoundError):  # compacted away meanwhile
                size += path.stat().st_size
    return size


@pytest.fixture(scope="module")
def vocabulary_size(tmp_path_factory: pytest.TempPathFactory, extractor) -> int:
    """The data size of a store holding the vocabulary alone, as every build starts."""
    path = tmp_path_factory.mktemp("vocabulary") / "store"
    with OxigraphStore(path) as store:
        ensure_vocabulary(store, extractor.vocabulary)
    return data_size(path)


def wait_for_store(store: Path, minimum_size: int = 1, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (store / "CURRENT").exists() and data_size(store) > minimum_size:
            return
        time.sleep(0.05)
    raise AssertionError("the build never started writing")


@pytest.mark.parametrize(
    ("how", "jobs"),
    # --jobs 2: extraction workers, and a writer thread mid-bulk-load when the signal comes
    [("SIGKILL", "1"), ("SIGINT", "1"), ("SIGKILL", "2"), ("SIGINT", "2")],
)
def test_killed_build_leaves_a_usable_store_and_rerun_completes(
    tmp_path: Path, seed_paths: list[Path], vocabulary_size: int, how: str, jobs: str
) -> None:
    data = corpus(tmp_path / "corpus.jsonl", seed_paths, copies=10)  # 3,590 papers
    store = tmp_path / "store"
    process = kg("build", str(data), "--store", str(store), "--jobs", jobs, "--batch-size", "64")
    wait_for_store(store, minimum_size=vocabulary_size + 200_000)  # papers are being written
    process.send_signal(getattr(signal, how))
    _, err = process.communicate(timeout=60)
    if how == "SIGINT":
        assert process.returncode == 130 and err.strip().endswith("Error: interrupted")
        assert "Traceback" not in err
    papers, orphans = papers_and_orphans(store)
    assert orphans == 0
    assert papers < 3590, "the build finished before it was interrupted; make the corpus larger"

    rerun = kg("build", str(data), "--store", str(store), "--jobs", jobs)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert papers_and_orphans(store) == (3590, 0)


def test_second_build_on_a_store_in_use_says_so(tmp_path: Path, seed_paths: list[Path]) -> None:
    store = tmp_path / "store"
    holder = OxigraphStore(store)  # as a running build or `kg serve` would
    try:
        second = kg("build", str(seed_paths[0]), "--store", str(store), "--jobs", "1")
        _, err = second.communicate(timeout=60)
        assert second.returncode == 1
        assert err.strip().startswith("Error: store") and "in use by another process" in err
        assert "Traceback" not in err
    finally:
        holder.close()
    third = kg("build", str(seed_paths[0]), "--store", str(store), "--jobs", "1")
    assert third.wait(timeout=120) == 0  # once released, the store is usable again


def test_interrupt_through_generated_code_still_exits_130(tmp_path: Path) -> None:
    # Under ``python -m``, CPython ends the process by SIGINT at exit once a
    # KeyboardInterrupt has passed through exec()'d code, even if it was handled.
    # dataclasses and namedtuple build methods that way while spaCy loads, so a
    # Ctrl-C at that moment used to end `kg build` killed, not with its message.
    (tmp_path / "interrupted_kg.py").write_text(
        "import kg.cli.stats\n"
        "from kg.cli import entry\n"
        "def run(args):\n"
        "    exec('raise KeyboardInterrupt')\n"
        "kg.cli.stats.run = run\n"
        "entry()\n"
    )
    process = subprocess.run(
        [sys.executable, "-m", "interrupted_kg", "stats", "--store", str(tmp_path / "store")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert process.returncode == 130
    assert process.stderr.strip() == "Error: interrupted"


@pytest.mark.parametrize("journal", ["one triple per load", "one triple per paper (before 0.5)"])
def test_bulk_load_cut_short_is_rolled_back_when_the_store_is_next_opened(
    tmp_path: Path, journal: str
) -> None:
    # What a writer killed inside a bulk load leaves: the journal naming the new
    # papers, and some of their triples. The next open removes both, and only
    # them; the journal of earlier versions (a triple per paper) is read too.
    import pyoxigraph as ox

    from kg.store.oxigraph import PENDING, PENDING_PAPER, PENDING_PAPERS

    paper = "https://w3id.org/kg-ml/id/paper/{}"
    triples = (
        "<{0}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        "<https://w3id.org/kg-ml/ontology#Paper> .\n"
        '<{0}> <http://www.w3.org/2000/01/rdf-schema#label> "{0}" .\n'
    )
    kept, lost = paper.format("kept"), [paper.format("lost1"), paper.format("lost2")]
    store = OxigraphStore(tmp_path / "store")
    store.add_new([kept], triples.format(kept))
    raw = store._store
    if journal == "one triple per load":
        raw.add(ox.Quad(PENDING, PENDING_PAPERS, ox.Literal("\n".join(lost))))
    else:
        raw.extend(ox.Quad(PENDING, PENDING_PAPER, ox.NamedNode(iri)) for iri in lost)
    raw.bulk_load("".join(triples.format(iri) for iri in lost), format=ox.RdfFormat.N_TRIPLES)
    assert store.existing([kept, *lost]) == {kept, *lost}
    del raw
    store.close()

    reopened = OxigraphStore(tmp_path / "store")
    assert reopened.existing([kept, *lost]) == {kept}
    assert len(reopened) == 2  # the kept paper's two triples, no journal
    reopened.close()

"""The SKOS vocabulary loader, on the miniature vocabulary in tests/data/vocab."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import VocabularyError
from kg.vocab import load_vocabulary, ontology_dir, parse_file, scorer_key, vocab_dir

MINI = Path(__file__).resolve().parent / "data" / "vocab"
HW = "https://w3id.org/kg-ml/id/hardware/"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("KG_CACHE_DIR", str(cache))
    return cache


def test_concepts_have_kind_label_aliases_and_links() -> None:
    vocabulary = load_vocabulary(MINI)
    a100 = vocabulary.concepts[HW + "a100"]
    assert a100.kind == "hardware"
    assert a100.label == "A100"
    assert a100.key == "a100"
    assert set(a100.aliases) == {"NVIDIA A100", "A100 GPU"}
    assert a100.broader == (HW + "ampere",)
    assert a100.exact_match == ("https://en.wikipedia.org/wiki/Ampere_(microarchitecture)",)
    assert {c.kind for c in vocabulary} == {
        "dataset",
        "hardware",
        "metric",
        "method",
        "task",
        "software",
    }


def test_flags_are_read() -> None:
    math = load_vocabulary(MINI).lookup("dataset", "MATH")
    assert math is not None and math.match_case and math.ambiguous


@pytest.mark.parametrize(
    ("kind", "text", "label"),
    [
        ("hardware", "a100 gpus", "A100"),
        ("hardware", "NVIDIA A100", "A100"),
        ("hardware", "GPUs", "GPU"),
        ("dataset", "cifar10", "CIFAR-10"),
        ("dataset", "NYU Depth v2", "NYUv2"),
        ("method", "Mixture of Experts", "Mixture-of-Experts"),
        ("method", "MoE", "Mixture-of-Experts"),
        ("software", "pytorch", "PyTorch"),
    ],
)
def test_lookup_by_any_label_as_the_scorer_compares(kind: str, text: str, label: str) -> None:
    concept = load_vocabulary(MINI).lookup(kind, text)
    assert concept is not None and concept.label == label


def test_lookup_is_per_kind() -> None:
    vocabulary = load_vocabulary(MINI)
    assert vocabulary.lookup("method", "A100") is None
    assert vocabulary.lookup("hardware", "nothing like this") is None


def test_ancestors_follow_broader() -> None:
    vocabulary = load_vocabulary(MINI)
    assert vocabulary.ancestors(HW + "a100") == {HW + "ampere", HW + "gpu"}
    assert vocabulary.has_narrower(HW + "gpu")
    assert not vocabulary.has_narrower(HW + "a100")


def test_second_load_reads_the_cache(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_vocabulary(MINI)
    assert list(private_cache.glob("vocab-*.pickle"))
    import kg.vocab.loader as loader

    def no_parsing(path: Path) -> list:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(loader, "parse_file", no_parsing)
    assert load_vocabulary(MINI).concepts == first.concepts


def test_changed_file_invalidates_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "vocab"
    folder.mkdir()
    for path in MINI.glob("*.ttl"):
        (folder / path.name).write_text(path.read_text())
    before = len(load_vocabulary(folder))
    with (folder / "tasks.ttl").open("a") as handle:
        handle.write(
            "\n<https://w3id.org/kg-ml/id/task/objectdetection> a kg:Task ;\n"
            '    skos:prefLabel "object detection" .\n'
        )
    assert len(load_vocabulary(folder)) == before + 1


def test_malformed_turtle_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "datasets.ttl"
    bad.write_text("this is not turtle .")
    with pytest.raises(VocabularyError, match=r"datasets\.ttl"):
        parse_file(bad)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(VocabularyError, match="no such vocabulary folder"):
        load_vocabulary(tmp_path / "absent")


def test_ontology_folder_is_found() -> None:
    assert (ontology_dir() / "kg.ttl").is_file()
    assert vocab_dir() == ontology_dir() / "vocab"


def test_scorer_key_drops_one_plural_s() -> None:
    assert scorer_key("GPUs") == "gpu"
    assert scorer_key("MACs") == "mac"
    assert scorer_key("bus") == "bus"  # three letters or fewer keep their s


def test_real_vocabulary_loads_with_unique_iris() -> None:
    if not list(vocab_dir().glob("*.ttl")):
        pytest.skip("no vocabulary files yet")
    vocabulary = load_vocabulary()
    assert len(vocabulary) > 100
    assert all(concept.iri.startswith("https://w3id.org/kg-ml/id/") for concept in vocabulary)

"""The extractor as a whole: order, parallel runs, scoring, and the real vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract import PIPELINE, Extractor
from kg.extract.scoring import load_records, norm, score
from kg.records import Paper
from kg.vocab import load_vocabulary, vocab_dir

DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "vocab"


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return Extractor(load_vocabulary(MINI))


def papers(count: int) -> list[Paper]:
    return [
        Paper(title=f"Paper {i}", abstract=f"We train ResNet-50 on CIFAR-10 with {i} GPUs.")
        for i in range(count)
    ]


def test_pipeline_is_blank_english_with_one_component_per_module(extractor: Extractor) -> None:
    assert extractor.nlp.pipe_names == list(PIPELINE)
    assert extractor.nlp.meta["lang"] == "en"
    assert not extractor.nlp.meta.get("vectors", {}).get("width")


def test_extract_keeps_input_order(extractor: Extractor) -> None:
    batch = papers(40)
    out = list(extractor.extract(batch, batch_size=7))
    assert [e.paper.title for e in out] == [p.title for p in batch]


def test_parallel_extraction_matches_serial(extractor: Extractor) -> None:
    batch = papers(30)
    serial = [e.as_gold_record() for e in extractor.extract(batch)]
    parallel = [e.as_gold_record() for e in extractor.extract(batch, n_process=2, batch_size=4)]
    assert parallel == serial


def test_lexemes_carry_only_what_the_matchers_read(extractor: Extractor) -> None:
    from spacy.attrs import LOWER

    assert list(extractor.nlp.vocab.lex_attr_getters) == [LOWER]
    doc = extractor.make_doc("ResNet and CIFAR-10")
    assert [token.lower_ for token in doc] == ["resnet", "and", "cifar-10"]


def test_extract_one_equals_extract(extractor: Extractor) -> None:
    paper = papers(1)[0]
    assert (
        extractor.extract_one(paper).as_gold_record()
        == next(extractor.extract([paper])).as_gold_record()
    )


def test_empty_abstract_and_empty_title(extractor: Extractor) -> None:
    assert extractor.extract_one(Paper(title="")).mentions == []
    assert extractor.extract_one(Paper(title="Only a title on GPUs")).labels("hardware") == ["GPU"]


def test_scorer_matches_aliases_plurals_and_urls() -> None:
    gold = [
        {
            "id": "a",
            "title": "T",
            "hardware": ["GPU"],
            "methods": ["Mixture-of-Experts|MoE"],
            "code": ["https://github.com/o/r"],
        }
    ]
    pred = [
        {
            "id": "a",
            "title": "T",
            "hardware": ["GPUs", "TPU"],
            "methods": ["moe", "MoE"],
            "code": ["https://github.com/o/r/"],
        }
    ]
    table = score(gold, pred).types
    assert (table["hardware"].true_positives, table["hardware"].predicted) == (1, 2)
    assert (table["methods"].true_positives, table["methods"].predicted) == (1, 1)
    assert table["code"].f1 == 1.0
    assert norm("CIFAR-10") == norm("cifar10")


def test_fixture_scores_perfectly(extractor: Extractor) -> None:
    from kg.sources import dedupe, read_papers

    records = [
        e.as_gold_record()
        for e in extractor.extract(dedupe(read_papers([DATA / "extract" / "papers.jsonl"])))
    ]
    result = score(load_records(DATA / "extract" / "gold.jsonl"), records)
    for kind in ("datasets", "hardware", "proposed", "code"):
        assert result.types[kind].f1 == 1.0, (kind, json.dumps(records))


# -- the real vocabulary ----------------------------------------------------------

real_vocabulary = pytest.mark.skipif(
    not list(vocab_dir().glob("*.ttl")), reason="no vocabulary files yet"
)


@pytest.fixture(scope="module")
def real() -> Extractor:
    return Extractor()


@real_vocabulary
def test_real_software_is_never_a_method_or_hardware(real: Extractor) -> None:
    extraction = real.extract_one(
        Paper(title="T", abstract="Our PyTorch and CUDA code trains in FP8 and BF16 with cuDNN.")
    )
    assert extraction.labels("method") == []
    assert extraction.labels("hardware") == []


@real_vocabulary
def test_real_most_specific_hardware(real: Extractor) -> None:
    extraction = real.extract_one(Paper(title="T", abstract="We use 8 NVIDIA A100 GPUs."))
    assert [label.lower() for label in extraction.labels("hardware")] == ["a100"]


@real_vocabulary
def test_real_common_names(real: Extractor) -> None:
    extraction = real.extract_one(
        Paper(
            title="T",
            abstract="We fine-tune BERT and GPT-4 with LoRA on GLUE and ImageNet "
            "and report accuracy and latency for image classification.",
        )
    )

    def labels(kind: str, *names: str) -> set[str]:
        concepts = [real.vocabulary.lookup(kind, name) for name in names]
        assert all(concepts), names
        return {concept.label for concept in concepts}

    assert labels("method", "BERT", "GPT-4", "LoRA") <= set(extraction.labels("method"))
    assert labels("dataset", "GLUE", "ImageNet") <= set(extraction.labels("dataset"))
    assert labels("metric", "accuracy", "latency") <= set(extraction.labels("metric"))
    assert labels("task", "image classification") <= set(extraction.labels("task"))


@real_vocabulary
def test_real_speed_up_verbs_report_a_speedup_only_with_its_figure(real: Extractor) -> None:
    def speedups(abstract: str) -> tuple[list[str], list[str]]:
        extraction = real.extract_one(Paper(title="T", abstract=abstract))
        metrics = [label for label in extraction.labels("metric") if label == "speedup"]
        return metrics, [r.value for r in extraction.results if r.metric == "speedup"]

    assert speedups("T3 speeds up communication-heavy sublayers by 30% geomean.") == (
        ["speedup"],
        ["30"],
    )
    assert speedups("The kernel sped up decoding by 2.1x on one GPU.")[0] == ["speedup"]
    assert speedups("Compilers have sped up research for decades.") == ([], [])
    assert speedups("We are speeding up the adoption of open models.") == ([], [])


@real_vocabulary
def test_batched_components_give_each_paper_what_it_gets_alone(
    real: Extractor, seed_paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each component runs a batch of docs before the next component starts, so the
    # trigger words a later component asks for first are added after earlier ones
    # indexed the batch's docs: those indexes must be rebuilt, not reused.
    import numpy as np

    from kg.extract import _scan
    from kg.sources import dedupe, read_papers

    monkeypatch.setattr(_scan, "_TRIGGER_WORDS", {})
    monkeypatch.setattr(_scan, "_HASHES", {})
    monkeypatch.setattr(_scan, "_MAY_TRIGGER", np.zeros_like(_scan._MAY_TRIGGER))
    batch = list(dedupe(read_papers(seed_paths)))[:100]
    together = [e.as_gold_record() for e in real.extract(batch)]
    assert together == [real.extract_one(paper).as_gold_record() for paper in batch]


@real_vocabulary
def test_trigger_words_from_the_vocabulary_matcher_are_those_of_a_token_scan(
    real: Extractor, seed_paths: list[Path]
) -> None:
    # The vocabulary ruler's phrase matcher also finds every registered trigger word,
    # and find_words takes their positions from it; without it, find_words indexes
    # the doc's own LOWER values. Both must give the same words at the same places.
    from kg.extract import _scan
    from kg.sources import dedupe, read_papers

    ruler = real.nlp.get_pipe("kg_vocab_ruler")
    sets = list(_scan._HASHES)
    assert len(sets) >= 5  # names, hardware and tasks declare theirs at import
    found = 0
    for paper in list(dedupe(read_papers(seed_paths)))[:150]:
        doc = ruler(real.make_doc(paper.text))
        assert doc.user_data["kg_triggers"][0] == len(_scan.registered_words())
        from_matcher = [_scan.find_words(doc, words) for words in sets]
        del doc.user_data["kg_triggers"]
        assert from_matcher == [_scan.find_words(doc, words) for words in sets]
        found += sum(map(len, from_matcher))
    assert found > 1000


def test_extraction_runs_the_collector_less_often_and_restores_its_thresholds(
    extractor: Extractor,
) -> None:
    import gc

    from kg.extract.pipeline import COLLECT_THRESHOLDS

    before = gc.get_threshold()
    seen = [gc.get_threshold() for _ in extractor.extract(papers(3))]
    assert seen == [COLLECT_THRESHOLDS] * 3
    assert gc.get_threshold() == before
    # a caller that set higher thresholds keeps them
    gc.set_threshold(100_000, 50, 50)
    try:
        assert {gc.get_threshold() for _ in extractor.extract(papers(2))} == {(100_000, 50, 50)}
        assert gc.get_threshold() == (100_000, 50, 50)
    finally:
        gc.set_threshold(*before)


def test_plain_words_and_affix_shortcuts_give_spacys_own_tokens(seed_paths: list[Path]) -> None:
    # The tokenizer skips its affix regexes for a word of letters, or of letters and
    # digits ending in a digit, searches suffixes in a word's last characters,
    # prefixes and infixes only where their first character can be, and URLs only
    # in words with a dot: on real text, labels and odd shapes the tokens must be
    # exactly what spaCy's English rules give without those shortcuts.
    import itertools

    from spacy.lang.en import English
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    from kg.extract.tokenizer import _STOP_AFTER_MODEL, blank_nlp
    from kg.sources import read_papers

    fast = blank_nlp().tokenizer
    rules = blank_nlp().tokenizer
    rules.token_match = None
    full_search = compile_suffix_regex([*English.Defaults.suffixes, _STOP_AFTER_MODEL]).search
    rules.suffix_search = full_search
    rules.prefix_search = compile_prefix_regex(English.Defaults.prefixes).search
    rules.infix_finditer = compile_infix_regex(English.Defaults.infixes).finditer
    rules.url_match = English.Defaults.url_match
    texts = [paper.text for paper in read_papers(seed_paths)]
    texts += [label for c in load_vocabulary().concepts.values() for label in (c.label, *c.aliases)]
    shapes = ["".join(p) for n in (1, 2, 3) for p in itertools.product("aZ1mMkgGBT%'.", repeat=n)]
    shapes += ["".join(p) for p in itertools.product("1h…$.)", repeat=4)]
    texts += [f"{s} ({s}) {s}. x{s}, {s}s cannot word{s} 12{s}. A100{s}" for s in shapes]
    texts += ["https://github.com/a/b.", "etc....", "e.g.,", "kmh.", "(see Fig. 2)...", "3US$."]
    differ = [t for t in texts if [x.text for x in fast(t)] != [x.text for x in rules(t)]]
    assert not differ, differ[:5]
    words = {word for text in texts for word in text.split()}
    words |= {"a\n", "12km\n", "x" + "." * 12, "12мбар", "3اكواب", "long-word-12km³", "°C."}
    # every character a suffix rule can end with, after letters, digits and capitals
    ends = {chr(c) for c in range(0x20, 0x3000)} - {" ", "\x85", "\xa0"}
    words |= {f"{before}{end}" for before in ("a", "ab1", "AB", "3", "x.", "1M") for end in ends}
    # and every character a prefix or infix rule can start with, in the same places
    words |= {f"{end}{after}" for after in ("a", "1", "AB", "x.y") for end in ends}
    words |= {f"{a}{char}{b}" for a, b in ("ab", "12", "aB", "A1", "1a", "..") for char in ends}
    words |= {"192.168.0.1", "10.1.2.3", "http://localhost", "a@b.io", "x.y:80/p?q#f"}
    for name in ("suffix_search", "prefix_search", "url_match"):
        shortcut, rule = getattr(fast, name), getattr(rules, name)
        spans = [(w, shortcut(w), rule(w)) for w in words]
        differ = [w for w, a, b in spans if (a and a.span()) != (b and b.span())]
        assert not differ, (name, differ[:5])
    infixes = [(w, fast.infix_finditer(w), rules.infix_finditer(w)) for w in words]
    differ = [w for w, a, b in infixes if [m.span() for m in a] != [m.span() for m in b]]
    assert not differ, differ[:5]


def test_gated_patterns_find_what_their_plain_form_finds(seed_paths: list[Path]) -> None:
    # ``gated`` leads a pattern with a lookahead on its possible first characters so
    # that ``re`` skips most positions at once: every match must stay the same, on
    # whole texts and on the windows the components search.
    import importlib
    import random
    import re

    from kg.extract import PIPELINE
    from kg.extract._scan import gated
    from kg.sources import read_papers

    texts = [paper.text for paper in read_papers(seed_paths)]
    texts += ["We, they and/or it; while whereas, and X-Bench on Android GPUs 12%."]
    assert gated(r"\bwhile\b").pattern.startswith("(?=[w])")
    assert gated(r"[A-Za-z]+").pattern == "[A-Za-z]+"  # a class already leads: left alone
    modules = {f"kg.extract.{name.removeprefix('kg_')}" for name in PIPELINE}
    modules |= {"kg.extract.metric_cues", "kg.extract.names", "kg.extract.roles"}
    found = []
    for module in sorted(modules):
        for value in vars(importlib.import_module(module)).values():
            for pattern in value.values() if isinstance(value, dict) else [value]:
                if isinstance(pattern, re.Pattern) and pattern.pattern.startswith("(?=["):
                    found.append(pattern)
    assert len(found) >= 15
    rng = random.Random(7)
    for pattern in found:
        plain = re.compile(pattern.pattern.split(")(?:", 1)[1][:-1], pattern.flags)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ], pattern.pattern
            for _ in range(5):
                start = rng.randrange(len(text))
                end = min(len(text), start + rng.randrange(1, 120))
                a, b = pattern.search(text, start, end), plain.search(text, start, end)
                assert (a and a.span()) == (b and b.span()), pattern.pattern

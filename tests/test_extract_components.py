"""Each extractor component on small hand-made texts, with the miniature vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import Extractor
from kg.extract.code_links import clean_url
from kg.extract.sentences import split_sentences
from kg.records import Extraction, Paper
from kg.vocab import load_vocabulary

MINI = Path(__file__).resolve().parent / "data" / "vocab"


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Extractor:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        return Extractor(load_vocabulary(MINI))


def run(extractor: Extractor, abstract: str, title: str = "A study") -> Extraction:
    return extractor.extract_one(Paper(title=title, abstract=abstract))


def keys(extraction: Extraction, kind: str) -> set[str]:
    return {label.lower() for label in extraction.labels(kind)}


# -- sentences ---------------------------------------------------------------------


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_title_is_its_own_sentence() -> None:
    assert sentences_of("A Title\n\nFirst one. Second one.") == [
        "A Title",
        "First one.",
        "Second one.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It reaches 98.23% accuracy on the test set.",
        "Models, e.g. ResNet, do well.",
        "Methods, i.e. Transformers, do well.",
        "As Smith et al. Showed, it works.",
        "It beats X vs. Y on all sets.",
        "J. Smith and K. Lee wrote it.",
    ],
)
def test_abbreviations_and_decimals_do_not_split(text: str) -> None:
    assert sentences_of(text) == [text]


def test_sentence_evidence_is_cut_from_the_text(extractor: Extractor) -> None:
    extraction = run(extractor, "We study things. We train ResNet-50 on CIFAR-10 here.")
    paper_text = extraction.paper.text
    for mention in extraction.mentions:
        assert paper_text[mention.start : mention.end] == mention.text
        start = mention.sentence_start
        assert paper_text[start : start + len(mention.sentence)] == mention.sentence
        assert mention.sentence.startswith("We train")
        assert mention.component


# -- vocabulary ruler ---------------------------------------------------------------


def test_vocabulary_names_are_linked_to_concepts(extractor: Extractor) -> None:
    extraction = run(extractor, "We fine-tune Llama 2 with LoRA on GSM8K and ImageNet.")
    assert keys(extraction, "method") == {"llama 2", "lora"}
    assert keys(extraction, "dataset") == {"gsm8k", "imagenet"}
    concepts = {m.label: m.concept for m in extraction.mentions}
    assert concepts["LoRA"] == "https://w3id.org/kg-ml/id/method/lora"


def test_spelling_variants_and_plurals_match(extractor: Extractor) -> None:
    extraction = run(extractor, "We use CIFAR10, two ResNet50 models and Transformers.")
    assert keys(extraction, "dataset") == {"cifar-10"}
    assert keys(extraction, "method") == {"resnet-50", "transformer"}


def test_capital_labels_match_their_case_only(extractor: Extractor) -> None:
    extraction = run(extractor, "The cpu of a gpu-friendly design is not a named entity.")
    assert keys(extraction, "hardware") == set()


def test_ambiguous_label_needs_a_cue(extractor: Extractor) -> None:
    assert keys(run(extractor, "We study MATH and logic."), "dataset") == set()
    assert keys(run(extractor, "We evaluate on the MATH benchmark."), "dataset") == {"math"}
    assert keys(run(extractor, "We report results on GSM8K and MATH."), "dataset") == {
        "gsm8k",
        "math",
    }


def test_one_phrase_gives_the_most_specific_hardware(extractor: Extractor) -> None:
    extraction = run(extractor, "We train on 8 NVIDIA A100 GPUs.")
    assert keys(extraction, "hardware") == {"a100"}


def test_a_separate_class_word_adds_the_class(extractor: Extractor) -> None:
    extraction = run(extractor, "We train on 8 NVIDIA A100 GPUs. Inference runs on a GPU.")
    assert keys(extraction, "hardware") == {"a100", "gpu"}


def test_software_is_never_a_method_or_hardware(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We implement it in PyTorch with CUDA kernels and train in FP8 and BF16."
    )
    assert keys(extraction, "method") == set()
    assert keys(extraction, "hardware") == set()
    assert all(m.kind != "software" for m in extraction.mentions)


# -- acronyms ---------------------------------------------------------------------


def test_acronym_with_expansion_is_one_entity(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "The core is a novel strategy, namely Hybrid Data Parallelism (HDP), for training.",
    )
    mentions = [m for m in extraction.mentions if m.kind == "method"]
    assert len(mentions) == 1
    assert {mentions[0].label, *mentions[0].aliases} == {"Hybrid Data Parallelism", "HDP"}


def test_acronym_of_a_known_concept_links_to_it(extractor: Extractor) -> None:
    extraction = run(extractor, "We build on low-rank adaptation (LoRA) for tuning.")
    assert keys(extraction, "method") == {"lora"}


def test_later_uses_of_a_defined_acronym_are_mentions(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "We propose Gradient Echo Sampling (GES). GES halves the cost of training.",
    )
    found = [m for m in extraction.mentions if "GES" in (m.label, *m.aliases)]
    assert len(found) == 2


def test_a_defined_acronym_outranks_another_kinds_reading(extractor: Extractor) -> None:
    # the paper says what its CPUs are: later "CPU" and "CPUs" are those, not processors
    extraction = run(
        extractor,
        "We study Contrastive Prompt Units (CPUs) for ResNet. Each CPU is small. CPUs help.",
    )
    assert extraction.labels("hardware") == []
    defined = [m for m in extraction.mentions if m.label == "Contrastive Prompt Units"]
    assert [m.text for m in defined] == ["Contrastive Prompt Units (CPUs", "CPU", "CPUs"]


# -- names and roles --------------------------------------------------------------


def test_title_name_before_colon_is_proposed(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "Scaling long-context ability is essential.",
        title="ByteScale: Efficient Scaling of LLM Training on 12,000 GPUs",
    )
    assert extraction.proposed_labels() == ["ByteScale"]
    assert "ByteScale" in extraction.labels("method")


def test_title_phrase_before_colon_is_not_a_name(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We look at it.", title="Towards Better Training: A Study of Many Things"
    )
    assert extraction.proposed_labels() == []


def test_title_benchmark_is_a_proposed_dataset(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "Code generation is hard.",
        title="JavaBench: A Benchmark of Object-Oriented Code Generation",
    )
    assert extraction.labels("dataset") == ["JavaBench"]
    assert extraction.proposed_labels() == ["JavaBench"]


@pytest.mark.parametrize(
    "abstract",
    [
        "In this work, we introduce FlowMix, an efficient trainer.",
        "We present a system called FlowMix that trains fast.",
        "We propose a simple method, dubbed FlowMix, to train fast.",
    ],
)
def test_what_we_propose_is_proposed(extractor: Extractor, abstract: str) -> None:
    extraction = run(extractor, abstract)
    assert extraction.proposed_labels() == ["FlowMix"]


def test_several_capitalised_words_after_propose_are_a_name(extractor: Extractor) -> None:
    extraction = run(
        extractor, "Additionally, we design a Depth-Adaptive Dual Decoder to fuse maps."
    )
    assert extraction.proposed_labels() == ["Depth-Adaptive Dual Decoder"]


def test_used_names_are_not_proposed(extractor: Extractor) -> None:
    extraction = run(extractor, "We propose to fine-tune Llama 2 with LoRA.")
    assert extraction.proposed_labels() == []
    assert keys(extraction, "method") == {"llama 2", "lora"}


def test_dataset_phrases_name_datasets(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "Experiments on the outdoor SemKit and indoor RoomSet datasets and on "
        "benchmarks such as CodeQA, MathX and TabBench show gains.",
    )
    assert keys(extraction, "dataset") == {"semkit", "roomset", "codeqa", "mathx", "tabbench"}


def test_model_sizes_stay_in_the_name(extractor: Extractor) -> None:
    extraction = run(extractor, "We fine-tune Llama-2-7B and compare with ResNet-50.")
    assert keys(extraction, "method") == {"llama-2-7b", "resnet-50"}


def test_list_items_sharing_a_head_word_are_each_linked(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We mix model, pipeline, and data parallelism for image classification."
    )
    assert {"pipeline parallelism", "data parallelism"} <= keys(extraction, "method")
    # only items the vocabulary names as such: "model parallelism" is not in this one
    assert "model parallelism" not in keys(extraction, "method")
    pipeline = next(m for m in extraction.mentions if m.label == "pipeline parallelism")
    assert pipeline.text == "pipeline"  # the evidence is the words written


def test_release_numbers_stay_in_the_name_figures_do_not(extractor: Extractor) -> None:
    extraction = run(extractor, "We compare Transformer 2.0 with LoRA 1.5 and ResNet 7.5% lower.")
    assert keys(extraction, "method") == {"transformer 2.0", "lora 1.5", "resnet"}
    extraction = run(extractor, "LoRA 2.5x faster than ResNet 0.85 and Transformer 89.1 on it.")
    assert keys(extraction, "method") == {"lora", "resnet", "transformer"}


def test_bare_sizes_are_not_entities(extractor: Extractor) -> None:
    extraction = run(extractor, "We train models from 7B to 141B parameters on 2048K tokens.")
    assert extraction.labels("method") == []
    assert extraction.labels("dataset") == []


# -- hardware patterns ------------------------------------------------------------


def test_hardware_model_numbers_outside_the_vocabulary(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We run on an NVIDIA GeForce RTX 4070 Ti and two MI250X accelerators."
    )
    assert keys(extraction, "hardware") == {"rtx 4070 ti", "mi250x"}


@pytest.mark.parametrize("space", [" ", "\n", "\u00a0"])
def test_vendor_and_model_apart_by_any_space(extractor: Extractor, space: str) -> None:
    extraction = run(extractor, f"Inference runs on an Arm{space}X925 core.")
    assert keys(extraction, "hardware") == {"x925"}


# -- code links -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ("https://github.com/owner/repo.", "https://github.com/owner/repo"),
        ("https://github.com/owner/repo).", "https://github.com/owner/repo"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("GitHub.com/google/XNNPACK.", "https://GitHub.com/google/XNNPACK"),
        ("huggingface.co/datasets/x/y,", "https://huggingface.co/datasets/x/y"),
    ],
)
def test_urls_lose_trailing_punctuation(written: str, url: str) -> None:
    assert clean_url(written) == url


def test_code_links_in_text(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "Code is at https://github.com/owner/repo. Data: "
        "(https://huggingface.co/datasets/owner/data), and https://github.com/ owner/other.",
    )
    assert extraction.labels("code") == [
        "https://github.com/owner/repo",
        "https://huggingface.co/datasets/owner/data",
        "https://github.com/owner/other",
    ]
    assert keys(extraction, "method") == set()


# -- tasks and metrics ------------------------------------------------------------


def test_task_phrases(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We address fraud detection and accurate classification for LLM inference."
    )
    assert keys(extraction, "task") == {"fraud detection", "llm inference"}


def test_metric_phrases(extractor: Extractor) -> None:
    extraction = run(extractor, "We report pass@1, top-1 accuracy and F1 score with low latency.")
    assert keys(extraction, "metric") == {"pass@1", "top-1 accuracy", "f1", "latency"}


# -- results ----------------------------------------------------------------------


def results_of(extractor: Extractor, abstract: str) -> list[tuple]:
    return [
        (r.metric, r.value, r.unit, r.dataset, r.hardware_count)
        for r in run(extractor, abstract).results
    ]


def test_result_with_metric_after_the_value(extractor: Extractor) -> None:
    assert results_of(extractor, "It reaches 98.23% accuracy on ImageNet.") == [
        ("accuracy", "98.23", "%", "ImageNet", None)
    ]


def test_result_with_metric_before_the_value(extractor: Extractor) -> None:
    assert results_of(extractor, "It gives a speedup of up to 7.89x over the baseline.") == [
        ("speedup", "7.89", "x", None, None)
    ]


def test_result_reduction_and_percent_words(extractor: Extractor) -> None:
    assert results_of(extractor, "We see a 28% latency reduction.") == [
        ("latency", "28", "%", None, None)
    ]


def test_hardware_counts(extractor: Extractor) -> None:
    results = run(extractor, "We train on more than 12,000 GPUs with high throughput.").results
    assert [(r.hardware_count, r.hardware) for r in results] == [(12000, "GPU")]


def test_gpu_hours_are_a_result(extractor: Extractor) -> None:
    assert results_of(extractor, "Training took over 35,000 GPU hours.") == [
        ("GPU hours", "35000", "GPU hours", None, None)
    ]


# -- more proposal patterns -------------------------------------------------------


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("To this end, we propose Telly to fine-tune models cheaply.", "Telly"),
        ("We introduce a novel 'Gradient Echo Sampling' strategy.", "Gradient Echo Sampling"),
        (
            "We train a student with a learnable prior (Entropic Student) for speed.",
            "Entropic Student",
        ),
        ("This report presents the Open Relay Library (ORL), a tool.", "ORL"),
        ("We release annotated logs, denoted LogSet-2.0, for study.", "LogSet-2.0"),
    ],
)
def test_more_ways_to_propose(extractor: Extractor, abstract: str, name: str) -> None:
    extraction = run(extractor, abstract)
    proposed = {label for m in extraction.mentions if m.proposed for label in (m.label, *m.aliases)}
    assert name in proposed


def test_title_with_leading_article(extractor: Extractor) -> None:
    extraction = run(
        extractor, "It is a codebase.", title="The Relay Kitchen: A Testbed for Models"
    )
    assert extraction.proposed_labels() == ["Relay Kitchen"]


# -- more hardware ----------------------------------------------------------------


def test_models_listed_after_a_class_word(extractor: Extractor) -> None:
    extraction = run(extractor, "We run experiments on two GPUs, P100 and P4000.")
    assert keys(extraction, "hardware") == {"p100", "p4000"}


def test_absent_hardware_is_not_a_mention(extractor: Extractor) -> None:
    extraction = run(extractor, "It also runs on GPU-less devices.")
    assert keys(extraction, "hardware") == set()


# -- more tasks -------------------------------------------------------------------


def test_training_of_llms_is_llm_training(extractor: Extractor) -> None:
    extraction = run(extractor, "Training of large language models needs many GPUs.")
    assert "LLM training" in extraction.labels("task")


def test_metric_words_used_otherwise_are_not_metrics(extractor: Extractor) -> None:
    extraction = run(extractor, "Devices use low-latency links and latency-aware routing.")
    assert keys(extraction, "metric") == set()
    assert keys(run(extractor, "We cut latency by 20%."), "metric") == {"latency"}


def test_hardware_revision_stays_in_the_name(extractor: Extractor) -> None:
    extraction = run(extractor, "We deploy it on an RTX 3090 v2 board.")
    assert keys(extraction, "hardware") == {"rtx 3090 v2"}


# -- sentences and results: abbreviations, factors, bare sizes ----------------------


def test_dotted_abbreviations_do_not_end_sentences() -> None:
    text = (
        "It beats the baseline by up to 7.89x. Inter-data partitioning (a.k.a. Data "
        "Parallelism) is used, w.r.t. memory. See Fig. 2 and Eq. 3, approx. 5 runs."
    )
    assert sentences_of(text) == [
        "It beats the baseline by up to 7.89x.",
        "Inter-data partitioning (a.k.a. Data Parallelism) is used, w.r.t. memory.",
        "See Fig. 2 and Eq. 3, approx. 5 runs.",
    ]


def test_factor_after_a_comparison_verb_is_a_speedup(extractor: Extractor) -> None:
    assert results_of(
        extractor, "ByteScale outperforms the state-of-the-art training system by up to 7.89x."
    ) == [("speedup", "7.89", "x", None, None)]
    assert results_of(extractor, "Models are 4.31x and 4.15x faster than before.") == [
        ("speedup", "4.31", "x", None, None),
        ("speedup", "4.15", "x", None, None),
    ]


def test_bare_model_sizes_are_no_results(extractor: Extractor) -> None:
    text = "We evaluate model sizes ranging from 7B to 141B parameters at high throughput."
    assert results_of(extractor, text) == []


def test_value_is_tied_to_the_metric_of_its_own_phrase(extractor: Extractor) -> None:
    # "by 23%" measures the accuracy before it, not the one after "and"
    assert results_of(
        extractor,
        "It improves accuracy by 23% and latency by 15%. Training took 5 hours with high accuracy.",
    ) == [("accuracy", "23", "%", None, None), ("latency", "15", "%", None, None)]


# -- datasets and hardware (names, variants, devices) ----------------------------


def test_short_letter_digit_name_can_be_proposed(extractor: Extractor) -> None:
    # "C4", "T5": a capital and a digit name a system; only "v2"/"x8" are versions
    extraction = run(extractor, "This paper introduces a solution, namely the C4. C4 is fast.")
    assert "C4" in extraction.proposed_labels()


@pytest.fixture(scope="module")
def full_extractor() -> Extractor:
    """The extractor on the shipped vocabularies (for rules that read skos:broader)."""
    return Extractor()


def test_bare_class_task_gives_way_to_a_specific_one(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We study imbalanced classification. Classification accuracy drops on rare classes.",
    )
    tasks = extraction.labels("task")
    assert "imbalanced classification" in tasks
    assert "classification" not in tasks


def test_llm_stage_with_modifiers_before_the_model_class(extractor: Extractor) -> None:
    extraction = run(
        extractor, "Pipeline parallelism scales the training of transformer-based LLMs."
    )
    assert "LLM training" in extraction.labels("task")


def test_task_written_head_first_is_listed_by_its_label(full_extractor: Extractor) -> None:
    from kg.extract.output import gold_record

    extraction = run(full_extractor, "Serving large language models is costly at scale.")
    assert "LLM serving" in gold_record(extraction)["tasks"]


def test_bracketed_or_lower_case_short_form_is_not_our_own_name(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We split subjects into healthy controls and unstable controls (uHC) in our cohort.",
    )
    assert not [m for m in extraction.mentions if m.proposed and m.label == "uHC"]


def test_acronym_expansion_overrides_an_ambiguous_vocabulary_sense(extractor: Extractor) -> None:
    # the paper says what its MATH stands for: not the MATH benchmark
    extraction = run(
        extractor,
        "We propose Multi Agent Tree Heuristics (MATH) for planning on a benchmark. "
        "MATH solves problems fast.",
    )
    assert "math" not in keys(extraction, "dataset")


def test_title_name_is_a_dataset_only_by_the_subtitle_head(extractor: Extractor) -> None:
    bench = run(extractor, "We evaluate models.", title="CodeRace: A Large Benchmark of Code Tasks")
    guide = run(extractor, "We help.", title="GuideX: Guidelines for Creating Synthetic Datasets")
    assert keys(bench, "dataset") == {"coderace"}
    assert "guidex" not in keys(guide, "dataset")


def test_dataset_by_apposition_after_a_bracketed_expansion(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "We develop QUIRK (QUality Inspection Reference Kit), a rigorous benchmark for code.",
    )
    assert "quirk" in keys(extraction, "dataset")


def test_slash_variants_of_a_dataset(extractor: Extractor) -> None:
    extraction = run(extractor, "Robustness improves on ImageNet-R/A/C for all models.")
    assert {"imagenet-r", "imagenet-a", "imagenet-c"} <= keys(extraction, "dataset")


def test_name_after_a_comma_that_starts_a_clause_is_no_dataset(extractor: Extractor) -> None:
    extraction = run(extractor, "Evaluated on many models and datasets, FooLens wins by far.")
    assert "foolens" not in keys(extraction, "dataset")


def test_class_word_before_a_model_gives_the_model_only(extractor: Extractor) -> None:
    extraction = run(extractor, "It fine-tunes the model on a single GPU RTX 3090 in a day.")
    assert keys(extraction, "hardware") == {"rtx 3090"}


def test_class_acronym_before_a_data_noun_is_no_dataset(extractor: Extractor) -> None:
    extraction = run(extractor, "We compare against twelve state-of-the-art DNN benchmarks.")
    assert keys(extraction, "dataset") == set()


def test_proposed_version_of_a_known_dataset_is_a_dataset(extractor: Extractor) -> None:
    extraction = run(extractor, "In this work, we present the GSM8K 2.0 update for evaluation.")
    assert "gsm8k 2.0" in keys(extraction, "dataset")


def test_compute_budget_names_its_device_class(extractor: Extractor) -> None:
    extraction = run(extractor, "The whole study amounts to more than 400,000 GPU-hours.")
    assert "gpu" in keys(extraction, "hardware")


def test_ti_variant_stays_in_a_device_name(extractor: Extractor) -> None:
    extraction = run(extractor, "We train on four RTX 3090 Ti GPUs.")
    assert keys(extraction, "hardware") == {"rtx 3090 ti"}


def test_name_ending_in_digit_and_capital_at_sentence_end(extractor: Extractor) -> None:
    extraction = run(extractor, "Our model reaches 80.1 on GSM8K. It is small.")
    assert "gsm8k" in keys(extraction, "dataset")


def test_slash_shorthand_gives_both_datasets(extractor: Extractor) -> None:
    extraction = run(extractor, "We evaluate on CIFAR-10/100 in all settings.")
    assert {"cifar-10", "cifar-100"} <= keys(extraction, "dataset")


def test_dataset_by_colon_apposition_and_domain_word_before_data_noun(
    extractor: Extractor,
) -> None:
    colon = run(extractor, "To this end, we build TabArena: a living benchmark for tables.")
    domain = run(extractor, "The Spider and BIRD text-to-SQL benchmarks are used.")
    assert "tabarena" in keys(colon, "dataset")
    assert keys(domain, "dataset") == {"spider", "bird"}


def test_apposition_head_decides_a_proposed_names_kind(extractor: Extractor) -> None:
    extraction = run(
        extractor, "We propose Data Polishing, a strategy to improve a dataset once for all."
    )
    assert "data polishing" not in keys(extraction, "dataset")


def test_collected_data_is_proposed_only_with_a_data_noun(extractor: Extractor) -> None:
    made = run(
        extractor, "To this end, we first collect Sensor Universe, a large interaction dataset."
    )
    used = run(extractor, "We collect ImageNet images for training.")
    assert "sensor universe" in keys(made, "dataset")
    assert used.proposed_labels() == []


def test_mobile_platforms_in_a_device_list(extractor: Extractor) -> None:
    listed = run(extractor, "It runs on Android and iOS devices.")
    software = run(extractor, "Our Android app uses iOS frameworks.")
    assert {"android device", "ios device"} <= keys(listed, "hardware")
    assert keys(software, "hardware") == set()


def test_ordinal_before_a_task_head_is_no_task(extractor: Extractor) -> None:
    extraction = run(
        extractor,
        "Next-generation chips and the 4th generation of Xeon CPUs help speech recognition.",
    )
    tasks = keys(extraction, "task")
    assert not any("generation" in task for task in tasks)
    assert "speech recognition" in tasks


def test_hyphenated_task_head_keeps_its_noun(extractor: Extractor) -> None:
    extraction = run(extractor, "Transformers struggle with simple state-tracking.")
    assert keys(extraction, "task") & {"state-tracking", "state tracking"}


# -- what a paper does not propose -------------------------------------------------


def _proposed(extraction: Extraction) -> set[str]:
    return {label for m in extraction.mentions if m.proposed for label in (m.label, *m.aliases)}


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        # a version of a model the vocabulary knows
        ("We find that ChatGPT-4 writes fast code. We use ChatGPT-4 in our loop.", "ChatGPT-4"),
        # a class of models written as one word
        ("We tune CodeLLMs with our reward. Our CodeLLMs improve.", "CodeLLMs"),
        # cited after a lead-in
        ("Our theory covers existing schemes including FedAvg and FedQuux.", "FedQuux"),
        # a modifier: what the paper does without
        ("We remove MatMul ops. Our MatMul-free models scale. MatMul is costly.", "MatMul"),
        # an acronym the text defines is the paper's only after a proposing word
        ("We use two State-of-the-Art (SoA) nets. Our system beats the SoA model.", "SoA"),
        # a pair inside a clause of the proposal, not its object
        (
            "We propose Zorp, a framework that integrates Gated Linear Mixers (GLM) and more.",
            "Gated Linear Mixers",
        ),
    ],
)
def test_names_near_we_that_are_not_proposed(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    assert name not in _proposed(run(full_extractor, abstract))


def test_pair_after_the_last_proposing_verb_is_proposed(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We propose a shared layout of tensors and develop a Dynamic Block Scaling (DBS) scheme.",
    )
    assert "Dynamic Block Scaling" in _proposed(extraction)


# -- metric cues (kg/extract/metric_cues.py) ------------------------------------------


@pytest.mark.parametrize(
    ("label", "text", "word"),
    [
        ("precision", "We train with 8-bit precision on GPUs.", "precision"),
        ("precision", "Mixed precision training is fast.", "precision"),
        ("recall", "LLMs partially recall knowledge.", "recall"),
        ("inference time", "We study inference-time compute in LLMs.", "inference-time"),
        ("inference time", "It scales during both training and inference time.", "inference time"),
        ("speedup", "Methods that speed up training help.", "speed up"),
        ("speedup", "Compilers have sped up research for decades.", "sped up"),
        ("number of parameters", "Models with 137B parameters are evaluated.", "parameters"),
    ],
)
def test_metric_words_that_measure_nothing(label: str, text: str, word: str) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index(word)
    assert not_a_measure(label, text, start, start + len(word))


@pytest.mark.parametrize(
    ("label", "text", "word"),
    [
        ("precision", "It reaches high precision and recall.", "precision"),
        ("recall", "Recall improves to 91% on the test set.", "Recall"),
        ("wall-clock time", "It lags behind in wall-clock time.", "wall-clock time"),
        ("speedup", "It gives a 3x speed up over baselines.", "speed up"),
        ("number of parameters", "It needs 2x fewer parameters.", "parameters"),
    ],
)
def test_metric_words_that_measure(label: str, text: str, word: str) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index(word)
    assert not not_a_measure(label, text, start, start + len(word))


@pytest.mark.parametrize(
    ("label", "text", "word", "measured"),
    [
        (
            "computational cost",
            "It cuts computational cost by 41.5\\%.",
            "computational cost",
            True,
        ),
        ("error rate", "Feedback halves the error rate.", "error rate", True),
        ("cost", "It saves $100K in cost.", "cost", True),
        ("cost", "This lowers the cost of serving.", "cost", False),
        ("runtime", "Runtime matters for users.", "Runtime", False),
    ],
)
def test_ambiguous_metric_needs_a_measure(label: str, text: str, word: str, measured: bool) -> None:
    from kg.extract.metric_cues import has_metric_cue

    start = text.index(word)
    assert has_metric_cue(label, text, start, start + len(word), (0, len(text))) is measured


def test_metric_phrases_with_a_qualifier_or_a_coined_rank(extractor: Extractor) -> None:
    extraction = run(extractor, "It obtains a top-1 eval accuracy of 77%, and we propose eff@k.")
    assert {"top-1 accuracy", "eff@k"} <= keys(extraction, "metric")
    assert "x@1.com" not in keys(run(extractor, "Mail x@1.com for data."), "metric")


@pytest.mark.parametrize(
    ("label", "text", "word", "other_use"),
    [
        ("top-1 accuracy", "We target the Top-1 supercomputer, Frontier.", "Top-1", True),
        ("top-1 accuracy", "It reaches 77.1% top-1 on ImageNet.", "top-1", False),
        ("speedup", "It can speed up training by up to 35%.", "speed up", False),
        ("speedup", "T3 speeds up the sublayers by 30% geomean.", "speeds up", False),
        ("precision", "Training under bfloat16 precision drifts.", "precision", True),
        ("inference time", "We cut 72% in prediction time.", "prediction time", False),
    ],
)
def test_metric_word_senses(label: str, text: str, word: str, other_use: bool) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index(word)
    assert not_a_measure(label, text, start, start + len(word)) is other_use


def test_a_factor_is_a_figure() -> None:
    from kg.extract.metric_cues import has_metric_cue

    text = "Model sizes can be reduced by a factor of 4."
    assert has_metric_cue("model size", text, 0, 11, (0, len(text)))


# -- lower-case objects of a proposing verb (kg/extract/proposal_phrases.py) ----------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "We devise an optimum group size model, which balances cost.",
            ["optimum group size model"],
        ),
        (
            "We propose learnable conformal abstention, integrating RL.",
            ["learnable conformal abstention"],
        ),
        (
            "We propose a simple fast compound scaling strategy that scales.",
            ["fast compound scaling"],
        ),
        (
            "We introduce three types of zero-computation experts: the zero expert.",
            ["zero-computation experts"],
        ),
        (
            "We propose linear operator fusion and compact materialization to help.",
            ["linear operator fusion", "compact materialization"],
        ),
        ("We propose the linear-complexity multiplication L-Mul algorithm that adds.", ["L-Mul"]),
        # descriptions, appositions and capitalised names are not read here
        ("We propose additional layers to the network.", []),
        ("We present a comprehensive comparison of baselines.", []),
        ("We introduce a simple slimmed-down version of attention.", []),
        ("We propose a novel cache eviction method, DefensiveKV, for speed.", []),
        ("We propose a multi-task model consisting of two parts.", []),
        ("We develop a balance scheduler to mitigate imbalance.", []),
        ("We present Zorp Net, a system.", []),
    ],
)
def test_object_phrase_of_a_proposing_verb(sentence: str, expected: list[str]) -> None:
    from kg.extract.proposal_phrases import object_phrases

    verb_end = next(
        sentence.find(verb) + len(verb)
        for verb in ("devise", "propose", "introduce", "present", "develop")
        if verb in sentence
    )
    assert [sentence[s:e] for s, e in object_phrases(sentence, verb_end)] == expected


def test_lower_case_proposal_is_a_proposed_method(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor, "To fix this, we propose an importance-aware pixel map that keeps pixels."
    )
    assert "importance-aware pixel map" in _proposed(extraction)


def test_llm_stage_with_three_modifiers(extractor: Extractor) -> None:
    extraction = run(extractor, "The demand for inference on extremely large scale LLMs grows.")
    assert "LLM inference" in extraction.labels("task")


def test_moe_stage_is_a_task(extractor: Extractor) -> None:
    extraction = run(extractor, "We cut the cost of Mixture-of-Experts training on GPUs.")
    assert "MoE training" in extraction.labels("task")


@pytest.mark.parametrize(
    ("label", "text", "word"),
    [
        ("cost", "We build a proxy cost model for design search.", "cost"),
        ("precision", "It reduces the precision of weights to four bits.", "precision"),
    ],
)
def test_metric_words_naming_a_thing_or_a_format(label: str, text: str, word: str) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index(word)
    assert not_a_measure(label, text, start, start + len(word))


@pytest.mark.parametrize(
    ("written", "label", "shown"),
    [
        ("top-1 eval accuracy", "top-1 accuracy", "top-1 accuracy"),
        ("classification accuracies", "accuracy", "accuracy"),
        ("peak memory usage", "peak memory", "peak memory usage"),
    ],
)
def test_generic_qualifiers_show_the_metric_label(written: str, label: str, shown: str) -> None:
    from kg.extract.output import display_name
    from kg.records import Mention

    mention = Mention(
        kind="metric",
        label=label,
        text=written,
        start=0,
        end=len(written),
        sentence=written,
        sentence_start=0,
        component="test",
        concept="https://w3id.org/kg-ml/id/metric/x",
    )
    assert display_name(mention) == shown


@pytest.mark.parametrize(
    ("label", "text", "word"),
    [
        ("model size", "Gains hold across most model sizes.", "model sizes"),
        ("model size", "We study the impact of model size on accuracy.", "model size"),
        ("runtime", "It improves runtime performance by 15%.", "runtime"),
    ],
)
def test_metric_words_naming_a_setting_or_a_modifier(label: str, text: str, word: str) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index(word)
    assert not_a_measure(label, text, start, start + len(word))


def test_plain_title_words_are_a_name_only_when_used_again(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We sample many times and find that coverage grows with the number of samples.",
        title="Large Language Monkeys: Scaling Compute with Repeated Sampling",
    )
    assert "Large Language Monkeys" not in _proposed(extraction)
    extraction = run(
        full_extractor,
        "Code is at https://github.com/someone/FlagAggregator for all.",
        title="Flag Aggregator: Robust Distributed Training under Failures",
    )
    assert "Flag Aggregator" in _proposed(extraction)


def test_new_loss_pair_is_named_with_its_head(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We introduce the Margin Drift Penalty (MDP) loss, a regularizer. MDP helps.",
    )
    assert "Margin Drift Penalty loss" in _proposed(extraction)
    assert "Margin Drift Penalty" not in extraction.labels("method")


@pytest.mark.parametrize(
    ("text", "other_use"),
    [
        ("It shows substantial gains in precision for rare classes.", False),
        ("Quantifying the effects of reducing precision on training.", True),
    ],
)
def test_precision_gain_is_a_measure_reduction_is_a_format(text: str, other_use: bool) -> None:
    from kg.extract.metric_cues import not_a_measure

    start = text.index("precision")
    assert not_a_measure("precision", text, start, start + len("precision")) is other_use


def test_more_task_heads(extractor: Extractor) -> None:
    extraction = run(extractor, "We apply it to molecule discovery and traffic imputation.")
    assert {"molecule discovery", "traffic imputation"} <= keys(extraction, "task")


@pytest.mark.parametrize(
    ("sentence", "task"),
    [
        ("The model learns to prove theorems in Lean.", "theorem proving"),
        ("We train networks for classifying images on phones.", "image classification"),
        ("Agents that generate code must be tested.", "code generation"),
    ],
)
def test_verb_and_object_name_a_known_task(
    full_extractor: Extractor, sentence: str, task: str
) -> None:
    from kg.extract.output import gold_record

    assert task in gold_record(run(full_extractor, sentence))["tasks"]


def test_verb_and_object_unknown_to_the_vocabulary_give_nothing(extractor: Extractor) -> None:
    extraction = run(extractor, "We predict the weather of planets and generate ideas.")
    assert not any("weather" in task or "idea" in task for task in keys(extraction, "task"))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We detect objects in a novel framework we call QuickDet.", "QuickDet"),
        ("We cast it as a game, which we call the mallocQuest, and solve it.", "mallocQuest"),
        ("We refer to the modified method, with our fixes, as STABLE-XYZ.", "STABLE-XYZ"),
        (
            "We further propose the staleness gap penalty and outer momentum clipping "
            "techniques together with our system.",
            "outer momentum clipping",
        ),
        (
            "We further propose a soft pseudo-label method informed by reflectivity.",
            "soft pseudo-label",
        ),
    ],
)
def test_naming_by_we_call_and_shared_heads(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    assert name in _proposed(run(full_extractor, abstract))


def test_name_after_a_slash_or_a_long_citing_list_is_not_ours(full_extractor: Extractor) -> None:
    extraction = run(
        full_extractor,
        "We show that our framework covers existing schemes including centralized "
        "learning, FedAvg, asynchronous FedAvg, and FedQuux. It transfers to FPN/SpineQuux.",
    )
    assert not {"FedQuux", "SpineQuux"} & _proposed(extraction)


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        (
            "Zapper: Fast Serving\n\nZapper employs chunked-refills, which split requests.",
            "chunked-refills",
        ),
        (
            "Zapper: Fast Serving\n\nZapper proposes a Token-Slicing technique for overlap.",
            "Token-Slicing",
        ),
        (
            "Our proposed learnable commutative monoid (LCM) aggregator is fast.",
            "learnable commutative monoid",
        ),
        (
            'We show this via a proposed "algorithmic unit test", where data is synthetic.',
            "algorithmic unit test",
        ),
        ("Our proposed MatMul-free models achieve good results.", "MatMul-free models"),
        ("Our model applies the proposed Shiftmax and ShiftGELU to integers.", "Shiftmax"),
    ],
)
def test_objects_of_the_papers_own_system_and_of_our_proposed(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    title, _, body = abstract.rpartition("\n\n")
    assert name in _proposed(run(full_extractor, body, title=title or "A study"))


def test_subject_after_the_proposed_is_not_read_into_its_verb(full_extractor: Extractor) -> None:
    extraction = run(full_extractor, "We prove that the proposed method achieves a large speed-up.")
    assert not [label for label in _proposed(extraction) if "achieves" in label]


def test_llm_stage_leaves_the_names_before_the_model_class(full_extractor: Extractor) -> None:
    extraction = run(full_extractor, "It speeds up the training of transformer-based LLMs.")
    assert "LLM training" in extraction.labels("task")
    assert "Transformer" in extraction.labels("method")


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We introduce a new DNN layer (called Delta Gate Layer) for sparsity.", "DNN"),
        (
            "Experiments were run to build Deep Neural Networks (DNN) on a PC.",
            "Deep Neural Networks",
        ),
        ("We present ZorpSet--a collection of images--to address this.", "ZorpSet--a"),
        (
            "We introduce module robust criticality (MRC), a measure of module importance.",
            "module robust criticality",
        ),
        (
            "We propose fine-grained streaming multiprocessor (SM) scheduling for balance.",
            "fine-grained streaming multiprocessor",
        ),
        (
            "We propose a novel setting, Multilevel Anomaly Grading (MAG), for detection.",
            "Multilevel Anomaly Grading",
        ),
    ],
)
def test_classes_measures_settings_and_partial_acronyms_are_not_proposed(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    assert name not in _proposed(run(full_extractor, abstract))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("We built our own automation infrastructure, ZELT, which runs models.", "ZELT"),
        ("This leads to FAC9DNN, our specialized circuit design for networks.", "FAC9DNN"),
        ("Even its rank-1 variant, APOLLO-Micro, achieves good results.", "APOLLO-Micro"),
        ("Zapper: Fast Search\n\nIt features OSQ, an optimized quantization approach.", "OSQ"),
        (
            "Here, the concept of Continual Probe Networks (CPNs) is proposed and explored.",
            "Continual Probe Networks",
        ),
        ("We analyse the setting and propose the SSQ algorithm, which projects gradients.", "SSQ"),
    ],
)
def test_apposition_to_our_its_and_passive_proposals(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    title, _, body = abstract.rpartition("\n\n")
    assert name in _proposed(run(full_extractor, body, title=title or "A study"))


@pytest.mark.parametrize(
    "abstract",
    [
        "When combined with schedules like V-Quarter, our approach is balanced.",
        "On ImageNet, our model achieves 75% top-1 accuracy.",
        "We introduce benchmark harmony, which measures how uniform results are.",
        "We align with this trend and propose a method compressing complex strategies.",
    ],
)
def test_cited_names_measures_and_clauses_are_not_proposed(
    full_extractor: Extractor, abstract: str
) -> None:
    assert not _proposed(run(full_extractor, abstract))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        (
            "This paper proposes a framework called <kalibrator>, which predicts scores.",
            "kalibrator",
        ),
        (
            "We present zelda (short for Zero-Effort Label Data Augmentation), a model series.",
            "zelda",
        ),
        (
            "We integrate Token Folding with pipelines. Code: https://github.com/x/TokenFolding",
            "Token Folding",
        ),
    ],
)
def test_marked_names_and_names_behind_the_repository(
    full_extractor: Extractor, abstract: str, name: str
) -> None:
    assert name in _proposed(run(full_extractor, abstract))


def test_bracket_that_restates_the_word_before_is_not_a_name(full_extractor: Extractor) -> None:
    extraction = run(full_extractor, "We prove it rarely makes an error (Family-Wise Error).")
    assert "Family-Wise Error" not in _proposed(extraction)


def test_shared_head_list_search_from_word_starts_finds_the_full_search() -> None:
    # The list before "data parallelism" is searched for only where a word can start
    # (and at the window's edge, which may cut a word): the match must be the leftmost
    # one the plain search finds, including lists of odd words and cut windows.
    import itertools

    from kg.extract.roles import _SHARED_HEAD_LIST, _shared_head_list

    words = ["tensor,", "pipeline,", "x-y", "3D,", "_q", "é", "a1,", "ab", "and", "or"]
    for count in (1, 2, 3):
        for chosen in itertools.product(words, repeat=count):
            text = " ".join(chosen) + " and "
            for start in range(len(text)):
                full = _SHARED_HEAD_LIST.search(text, start, len(text))
                fast = _shared_head_list(text, start, len(text))
                assert (full and full.span()) == (fast and fast.span()), (text, start)

"""The per-paper record: one name per entity, in the words annotators use."""

from __future__ import annotations

from kg.extract.output import display_name, gold_record
from kg.records import Extraction, Mention, Paper


def mention(kind: str, label: str, text: str, concept: str | None = "iri:x", **extra) -> Mention:
    return Mention(
        kind=kind,  # type: ignore[arg-type]
        label=label,
        text=text,
        start=0,
        end=len(text),
        sentence=text,
        sentence_start=0,
        component="test",
        concept=concept,
        **extra,
    )


def test_forms_of_the_label_keep_the_label() -> None:
    assert display_name(mention("method", "Transformer", "transformers")) == "Transformer"
    assert display_name(mention("method", "Transformer", "transformer models")) == "Transformer"
    assert display_name(mention("method", "fine-tuning", "fine-tuned")) == "fine-tuning"
    assert display_name(mention("method", "low-rank adaptation", "LoRA")) == "low-rank adaptation"


def test_a_synonym_is_listed_as_written() -> None:
    assert display_name(mention("metric", "memory usage", "memory footprint")) == "memory footprint"


def test_hardware_short_names() -> None:
    assert display_name(mention("hardware", "RTX A6000", "A6000")) == "A6000"
    assert display_name(mention("hardware", "A100", "NVIDIA A100")) == "A100"
    assert display_name(mention("hardware", "AI accelerator", "AI accelerators")) == "accelerator"


def test_record_has_one_name_per_entity_and_proposals() -> None:
    extraction = Extraction(
        paper=Paper(title="T", abstract="A"),
        mentions=[
            mention("method", "FlowMix", "FlowMix", None, proposed=True),
            mention("method", "FlowMix", "FlowMix", None),
            mention("metric", "memory usage", "memory footprint", "iri:m"),
            mention("metric", "memory usage", "memory usage", "iri:m"),
        ],
    )
    record = gold_record(extraction)
    assert record["methods"] == ["FlowMix"]
    assert record["proposed"] == ["FlowMix"]
    assert record["metrics"] == ["memory footprint"]


def test_hardware_model_without_vendor_and_class_word() -> None:
    assert display_name(mention("hardware", "RTX A6000", "NVIDIA A6000 GPU")) == "A6000"
    assert display_name(mention("hardware", "ARM CPU", "ARM CPU")) == "ARM CPU"


def test_dataset_listed_by_the_paper_spelling_of_its_name() -> None:
    assert display_name(mention("dataset", "NYUv2", "NYUDv2")) == "NYUDv2"
    assert display_name(mention("dataset", "UCI Adult", "ADULT")) == "ADULT"
    # a phrase keeps the label: "NYU Depth v2" is listed as NYUv2
    assert display_name(mention("dataset", "NYUv2", "NYU Depth v2")) == "NYUv2"


def test_plus_variant_of_a_dataset_is_listed_apart() -> None:
    extraction = Extraction(
        paper=Paper(title="T", abstract="A"),
        mentions=[
            mention("dataset", "HumanEval", "HumanEval", "iri:he"),
            mention("dataset", "HumanEval", "HumanEval+", "iri:he"),
        ],
    )
    assert gold_record(extraction)["datasets"] == ["HumanEval", "HumanEval+"]


def test_dataset_article_and_bare_number_keep_the_label() -> None:
    assert display_name(mention("dataset", "The Pile", "Pile")) == "The Pile"
    assert display_name(mention("dataset", "CIFAR-100", "100")) == "CIFAR-100"

"""New names keep their identity: a variant of a known name is not folded into it."""

from __future__ import annotations

from kg.records import Paper


def test_a_proposed_variant_stays_its_own_method(extractor) -> None:
    paper = Paper(
        title="MoE++: Accelerating Mixture-of-Experts Methods with Zero-Computation Experts",
        abstract="In this work, we propose MoE++, a general and heterogeneous MoE framework.",
    )
    extraction = extractor.extract_one(paper)
    proposed = extraction.proposed_labels()
    assert "MoE++" in proposed
    assert not any(label.lower().startswith("mixture") for label in proposed)


def test_a_new_name_on_a_concept_iri_becomes_that_concept(extractor) -> None:
    """'MATH+' keys to MATH's IRI: it must link MATH, not relabel it."""
    paper = Paper(title="A study", abstract="Models are robust on the GSM8K+ and MATH+ benchmarks.")
    extraction = extractor.extract_one(paper)
    for mention in extraction.mentions:
        if mention.kind == "dataset" and mention.label.upper().startswith("MATH"):
            assert mention.concept is not None and mention.concept.endswith("/dataset/math")


def test_a_modifier_without_its_noun_is_no_name(extractor) -> None:
    paper = Paper(
        title="Scaling Sparse Models",
        abstract="We propose an AI-based scheduler and study MoE-related models on GPUs.",
    )
    labels = {m.label for m in extractor.extract_one(paper).mentions}
    assert not {"AI-based", "MoE-related"} & labels

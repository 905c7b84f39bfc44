"""The extractor: a spaCy pipeline (blank English, no model) that turns papers into
:class:`~kg.records.Extraction` records — entity mentions with their evidence,
roles (proposed or used), numeric results and code links.

One component per module, registered with ``@Language.factory``:

=====================  ====================================================
``kg_sentences``       sentence splitter for abstracts (:mod:`.sentences`)
``kg_code_links``      GitHub / Hugging Face / project URLs (:mod:`.code_links`)
``kg_vocab_ruler``     names the SKOS vocabulary lists (:mod:`.vocab_ruler`)
``kg_acronyms``        "Hybrid Data Parallelism (HDP)" pairs (:mod:`.acronyms`)
``kg_names``           title "X: ...", "we propose X", "the X dataset" (:mod:`.names`)
``kg_hardware``        hardware model numbers (:mod:`.hardware`)
``kg_metric_phrases``  ``pass@k``, ``top-5 accuracy`` (:mod:`.metric_phrases`)
``kg_tasks``           task noun phrases by head word (:mod:`.tasks`)
``kg_roles``           overlaps, kinds, linking, roles → mentions (:mod:`.roles`)
``kg_results``         numeric claims (:mod:`.results`)
=====================  ====================================================

Around them: :mod:`.pipeline` (:class:`Extractor`, parallel runs), :mod:`.output`
(the per-paper record ``kg extract`` prints), :mod:`.scoring` (``kg eval``, with
the reference scorer's matching rules), :mod:`.spans` and :mod:`._scan` (what the
components share).
"""

from __future__ import annotations

from kg.extract.output import gold_record
from kg.extract.pipeline import PIPELINE, Extractor, build_pipeline

__all__ = ["PIPELINE", "Extractor", "build_pipeline", "gold_record"]

"""``kg_vocab_ruler``: find every name the SKOS vocabulary lists.

Two :class:`~spacy.matcher.PhraseMatcher` s: one on ``LOWER`` for ordinary labels,
one on ``ORTH`` for labels that must keep their case (``kg:matchCase`` concepts and
labels written in capitals, so ``MATH`` and ``GPU`` are not found in "math" or
"gpu-friendly" prose). Each label also matches its spelling variants (hyphen, space
or nothing between parts) and its plural. Software concepts are matched too: they
win overlaps and are then dropped, so ``CUDA`` or ``FP8`` are never taken for
hardware or methods. The same pass finds the other components' trigger words
(:func:`~kg.extract._scan.find_words`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.extract._scan import keep_trigger_index, registered_words
from kg.extract.spans import Candidate, Component, candidates, text_of, token_starts
from kg.vocab import Vocabulary
from kg.vocab.loader import cache_dir, read_pickle, write_pickle

#: Tie-break priority of a vocabulary match of each kind over other matches of equal length.
PRIORITY = {"software": 30, "dataset": 20, "hardware": 20, "metric": 20, "task": 20, "method": 19}


def is_capitals(label: str) -> bool:
    """``GPU``, ``MMLU``, ``A100``: every letter a capital (then case must match)."""
    letters = [char for char in label if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def needs_case(label: str) -> bool:
    """Labels matched with their exact case: capitals (``GPU``) and short mixed case
    (``mAP``, ``MoE``), whose lower-case forms are often ordinary words ("map")."""
    if is_capitals(label):
        return True
    letters = [char for char in label if char.isalpha()]
    return len(letters) <= 5 and any(char.isupper() for char in label[1:])


#: A bare vocabulary for pattern docs: only the attributes the matchers read.
_PATTERN_VOCAB = Vocab(lex_attr_getters={LOWER: str.lower})
_VERB_FORMS = (
    ("pruning", ("prune", "pruned", "prunes")),
    ("pre-training", ("pre-train", "pre-trained")),
    ("pretraining", ("pretrain", "pretrained")),
    ("speed-up", ("speeds up", "sped up", "speeding up")),
)
_KIND_WORDS = frozenset(
    {
        "dataset",
        "datasets",
        "hardware",
        "metric",
        "metrics",
        "method",
        "methods",
        "task",
        "tasks",
        "software",
    }
)
_JOINT = re.compile(r"(?<=\d)[- ](?=[A-Za-z0-9])|(?<=[A-Za-z])[- ](?=\d)")


def label_variants(label: str) -> Iterator[str]:
    """The label, its hyphen/space variants and their plurals.

    Parts are run together only where a digit meets the joint (``CIFAR-10`` →
    ``CIFAR10``, ``RTX 3090`` → ``RTX3090``): "MultiPL-E" must not become "multiple".
    """
    forms = {label}
    if "-" in label:
        forms.add(label.replace("-", " "))
    if " " in label and len(label.split()) <= 3:
        forms.add(label.replace(" ", "-"))
    if _JOINT.search(label):
        forms.add(_JOINT.sub("", label))
    # verbs of "pruning"/"pre-training"/"speed-up" labels: papers "prune" and "pre-train"
    # models, and "speed up" training "by 30%"
    for ending, verbs in _VERB_FORMS:
        if label.endswith(ending):
            stem = label[: -len(ending)]
            forms.update(stem + verb for verb in verbs)
    for form in sorted(forms):
        yield form
        if form[-1:].isalpha() and not form.endswith("s"):
            yield form + ("es" if form.endswith(("x", "ch", "sh")) else "s")
        if form.endswith("y") and len(form) > 3 and form[-2] not in "aeiou":
            yield form[:-1] + "ies"


@Language.factory(
    "kg_vocab_ruler",
    assigns=["doc._.kg_candidates"],
    requires=["doc._.kg_sentences"],
)
def make_vocab_ruler(nlp: Language, name: str) -> VocabularyRuler:
    return VocabularyRuler(nlp, name)


class VocabularyRuler(Component):
    """Matches vocabulary labels; call :meth:`set_vocabulary` before use."""

    def __init__(self, nlp: Language, name: str = "kg_vocab_ruler") -> None:
        self.nlp = nlp
        self.name = name
        self.vocabulary = Vocabulary()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact: dict[str, frozenset[str]] = {}  # case-sensitive concepts: their exact forms
        self.free: dict[str, frozenset[str]] = {}  # their labels of free case, lower-cased
        self.hits: dict[int, _Hit] = {}  # match id → what a match becomes
        self.triggers = 0  # how many registered trigger words the matcher also finds

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """Compile ``vocabulary`` into the matcher (replacing what it held).

        One ``LOWER`` matcher serves both: a case-sensitive label is matched in lower
        case and then kept only if the text has one of its exact forms, which costs
        less than a second pass of a second matcher over every token.
        """
        self.vocabulary = vocabulary
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        table: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for concept in vocabulary:
            if concept.key in _KIND_WORDS:
                continue  # a scheme's root ("hardware", "dataset") names no entity
            forms = table.setdefault(concept.iri, set())
            for label in concept.labels:
                case = concept.match_case or needs_case(label)
                for form in label_variants(label):
                    # tokenised as written: "GSM8K" splits where "gsm8k" does not
                    forms.add(form)
                    if case:
                        exact.setdefault(concept.iri, set()).add(form)
                    else:
                        # a label of free case makes every case of its forms acceptable
                        exact.setdefault(concept.iri + "#free", set()).add(form.lower())
        self.exact = {
            iri: frozenset(forms) for iri, forms in exact.items() if not iri.endswith("#free")
        }
        self.free = {
            iri.removesuffix("#free"): frozenset(forms)
            for iri, forms in exact.items()
            if iri.endswith("#free")
        }
        splits = self._splits({form for forms in table.values() for form in forms})
        self.hits = {}
        for iri, forms in table.items():
            concept = vocabulary.concepts[iri]
            match_id = self.nlp.vocab.strings.add(iri)
            # everything a match needs, looked up once per match id instead of per match
            self.hits[match_id] = _Hit(
                iri=iri,
                kind=concept.kind,
                label=concept.label,
                priority=PRIORITY.get(concept.kind, 0),
                ambiguous=concept.ambiguous,
                exact=self.exact.get(iri),
                free=self.free.get(iri, frozenset()),
            )
            self.matcher.add(
                iri, [Doc(_PATTERN_VOCAB, words=splits[form]) for form in sorted(forms)]
            )
        self.triggers = 0
        self._add_trigger_words()

    def _add_trigger_words(self) -> None:
        """Have the matcher find the trigger words registered since the last call too,
        each under its own hash: their positions (see
        :func:`~kg.extract._scan.find_words`) then cost no pass of their own."""
        words = registered_words()
        for word in list(words.values())[self.triggers :]:
            self.matcher.add(word, [Doc(_PATTERN_VOCAB, words=[word])])
        self.triggers = len(words)

    def _splits(self, forms: set[str]) -> dict[str, list[str]]:
        """How the tokenizer splits each pattern text, cached on disk between runs.

        Tokenising tens of thousands of labels with the full vocabulary costs
        seconds; the word lists are all a pattern needs, and they are built into
        docs over a bare vocabulary (hashes of ``ORTH``/``LOWER`` do not depend on it).
        """
        digest = hashlib.sha1("\0".join(sorted(forms)).encode("utf-8")).hexdigest()[:20]
        path = cache_dir() / f"splits-{digest}.pickle"
        cached = read_pickle(path)
        if isinstance(cached, dict) and len(cached) == len(forms):
            return cached
        texts = sorted(forms)
        splits = {
            text: [token.text for token in doc]
            for text, doc in zip(texts, self.nlp.tokenizer.pipe(texts), strict=True)
        }
        write_pickle(path, splits)
        return splits

    def __call__(self, doc: Doc) -> Doc:
        found = candidates(doc)
        text = text_of(doc)
        hits = self.hits
        starts = token_starts(doc)
        last = len(starts) - 1
        if self.triggers != len(registered_words()):
            self._add_trigger_words()
        triggers: dict[int, list[int]] = {}
        for match_id, start, end in self.matcher(doc):
            hit = hits.get(match_id)
            if hit is None:  # a trigger word
                triggers.setdefault(match_id, []).append(start)
                continue
            char_start = starts[start]
            # the next token's start, less the space between (no Token objects built)
            char_end = starts[end] if end <= last else len(text)
            while char_end > char_start and text[char_end - 1].isspace():
                char_end -= 1
            if hit.exact is not None:
                written = text[char_start:char_end]
                if written not in hit.exact and written.lower() not in hit.free:
                    continue  # "math" is not MATH, "map" is not mAP
            # positional (proposed, aliases, needs_cue): keywords cost more than the init
            found.append(
                Candidate(
                    hit.kind,
                    char_start,
                    char_end,
                    hit.label,
                    self.name,
                    hit.iri,
                    hit.priority,
                    False,
                    (),
                    hit.ambiguous,
                )
            )
        keep_trigger_index(doc, self.triggers, triggers)
        return doc


class _Hit(NamedTuple):
    """What a match of one concept's patterns becomes."""

    iri: str
    kind: str
    label: str
    priority: int
    ambiguous: bool
    exact: frozenset[str] | None  # case-sensitive forms, if the concept has any
    free: frozenset[str]  # its labels of free case, lower-cased

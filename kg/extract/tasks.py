"""``kg_tasks``: task names the vocabulary does not list, by their head noun.

"fraud detection", "human pose estimation", "speaker recognition": one or two
noun modifiers before a task head ("detection", "classification", "generation",
...). Adjectives and function words end the phrase ("accurate detection" gives
nothing), so only noun-compound task names come out.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates

HEADS = (
    "classification|detection|segmentation|recognition|generation|estimation|completion|"
    "translation|summarization|answering|retrieval|forecasting|captioning|tracking|"
    "localization|reconstruction|parsing|tagging|synthesis|super-resolution|denoising|"
    "editing|understanding|reasoning|prediction|recommendation|verification|diagnosis"
)
_TASK = re.compile(rf"\b((?:[A-Za-z0-9][\w-]*\s+){{1,2}})({HEADS})\b")
#: Words that cannot start a task name (adjectives, determiners, verbs, vague nouns).
STOP = frozenset(
    """a an the this that these those our their its his her of for in on to with by from and or
    as at is are be was were can will may into over under via both each all any more most less
    accurate efficient effective fast faster better improved robust reliable precise high low
    real-time large small new novel existing previous current various different multiple
    several many such other same simple complex challenging downstream final overall
    automatic automated joint general improving enabling achieving performing enhanced
    enhancing perform performs performed improve improves enable enables support supports
    model models method methods approach approaches framework system based using
    better-quality high-quality state-of-the-art sota competitive strong superior
    conditional explicit implicit standard traditional conventional typical key
    underlying successful accurate-yet large-scale fine-grained coarse-grained
    task tasks problem problems""".split()
)


@Language.factory("kg_tasks", assigns=["doc._.kg_candidates"])
def make_tasks(nlp: Language, name: str) -> TaskPatterns:
    return TaskPatterns(name)


class TaskPatterns:
    def __init__(self, name: str = "kg_tasks") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = candidates(doc)
        for match in _TASK.finditer(text):
            words = match.group(1).split()
            # keep the nouns nearest the head, dropping anything from the last stop word on
            kept: list[str] = []
            for word in reversed(words):
                if word.lower() in STOP or word.lower().endswith(("ly", "ing", "ed")):
                    break
                kept.insert(0, word)
            if not kept:
                continue
            phrase = " ".join([*kept, match.group(2)])
            start = match.end() - len(phrase)
            if text[start : match.end()] != phrase:
                continue  # a line break or double space inside: leave it
            found.append(
                Candidate(
                    "task",
                    start,
                    match.end(),
                    phrase.lower() if not any(w.isupper() for w in kept) else phrase,
                    self.name,
                    priority=3,
                )
            )
        return doc

"""``kg_acronyms``: acronyms defined with their expansion.

"Hybrid Data Parallelism (HDP)" and "HDP (Hybrid Data Parallelism)" give the pair
``HDP`` ↔ ``Hybrid Data Parallelism``, found with the Schwartz & Hearst (2003)
rule: the short form's characters occur in order in the long form, the first one
starting a word. The pair becomes one candidate whose label is the expansion and
whose alias is the acronym; the resolver links it to a vocabulary concept when
either form is known and picks its kind from the expansion's head word otherwise.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, Component, candidates, text_of

# "(HDP)", "(NDC-Scene)", "(MoE)", "(SSC)", "(e.g. …)" is rejected by the checks below
_PAREN = re.compile(r"\(\s*([A-Za-z][\w\-+./]{0,14}?)s?\s*[;,)]")
_WORD = re.compile(r"[\w][\w\-+'/]*")
_STOP_HEADS = frozenset({"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "with"})


def _is_short_form(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    capitals = sum(char.isupper() for char in letters)
    return (
        2 <= len(text) <= 15
        and bool(letters)
        and capitals >= 2
        and capitals * 2 >= len(letters) - 2
    )


def best_long_form(short: str, words: list[str]) -> int | None:
    """How many trailing ``words`` make the expansion of ``short``, or None (Schwartz & Hearst)."""
    chars = [char.lower() for char in short if char.isalnum()]
    if not chars:
        return None
    text = " ".join(words)
    lower = text.lower()
    s = len(chars) - 1
    position = len(lower) - 1
    while s >= 0:
        char = chars[s]
        # the first short-form character must start a word of the long form
        while position >= 0 and (
            lower[position] != char or (s == 0 and position > 0 and lower[position - 1].isalnum())
        ):
            position -= 1
        if position < 0:
            return None
        position -= 1
        s -= 1
    start = lower.rfind(" ", 0, position + 1) + 1
    used = text[start:].split(" ")
    if len(used) > min(len(chars) + 5, len(chars) * 2):
        return None
    return len(used)


@Language.factory(
    "kg_acronyms",
    assigns=["doc._.kg_acronyms", "doc._.kg_candidates"],
    requires=["doc._.kg_sentences"],
)
def make_acronyms(nlp: Language, name: str) -> AcronymFinder:
    return AcronymFinder(name)


class AcronymFinder(Component):
    def __init__(self, name: str = "kg_acronyms") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        pairs: dict[str, str] = {}
        found = candidates(doc)
        for match in _PAREN.finditer(text):
            short = match.group(1).rstrip(".-/")
            if not _is_short_form(short):
                continue
            window_start = max(0, match.start() - 160)
            before = text[window_start : match.start()]
            before = re.split(r"[.;:()\[\]\n]|, (?=\w)", before)[-1]
            words = _WORD.findall(before)
            if not words:
                continue
            count = best_long_form(short, words[-(len(short) * 2 + 3) :])
            if count is None:
                continue
            long_words = words[-count:]
            while long_words and long_words[0].lower() in _STOP_HEADS:
                long_words = long_words[1:]
            if not long_words:
                continue
            long_form = " ".join(long_words)
            if entity_like_long(long_form, short):
                long_start = text.rfind(long_words[0], window_start, match.start())
                pairs.setdefault(short, long_form)
                found.append(
                    Candidate(
                        kind="",  # decided by the resolver
                        start=long_start,
                        end=match.end() - 1,
                        label=long_form,
                        component=self.name,
                        priority=5,
                        aliases=(short,),
                    )
                )
        doc.user_data["kg_acronyms"] = pairs
        return doc


def entity_like_long(long_form: str, short: str) -> bool:
    """Whether the expansion reads as a name rather than a run of prose."""
    words = long_form.split()
    return 1 <= len(words) <= 8 and long_form.lower() != short.lower()

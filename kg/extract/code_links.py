"""``kg_code_links``: URLs of code, data and project pages.

GitHub and Hugging Face links are found with or without a scheme; trailing
punctuation that belongs to the sentence (``.``, ``,``, ``)`` without its ``(``)
is stripped.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, Component, candidates, text_of

_URL = re.compile(
    r"\b(?:https?://|www\.|(?:github\.com|huggingface\.co|gitlab\.com|bitbucket\.org)/)"
    r"[^\s<>\"'`]+",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?'\"”’*"
_HOST_ONLY = re.compile(r"^(?:https?://)?(?:www\.)?[\w.-]+\.[a-z]{2,}/$", re.IGNORECASE)
_BROKEN = re.compile(r" ([\w.-]+/[^\s<>\"'`]+)")
_HINTS = ("http", "www.", "github.com", "huggingface.co", "gitlab.com", "bitbucket.org")
_CLOSING = {")": "(", "]": "[", "}": "{"}


def strip_trailing(raw: str) -> str:
    """``raw`` without the punctuation the sentence put after it."""
    url = raw
    while url:
        last = url[-1]
        if last in _TRAILING or (last in _CLOSING and url.count(last) > url.count(_CLOSING[last])):
            url = url[:-1]
        else:
            break
    return url


def clean_url(raw: str) -> str:
    """The URL as the graph keeps it: trailing punctuation stripped, a scheme added."""
    url = strip_trailing(raw)
    return url if url.lower().startswith(("http://", "https://")) else "https://" + url


@Language.factory("kg_code_links", assigns=["doc._.kg_candidates"])
def make_code_links(nlp: Language, name: str) -> CodeLinks:
    return CodeLinks(name)


class CodeLinks(Component):
    def __init__(self, name: str = "kg_code_links") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        lower = text.lower()
        if not any(hint in lower for hint in _HINTS):
            return doc
        found = candidates(doc)
        for match in self._urls(text, lower):
            kept = strip_trailing(match.group(0))
            end = match.start() + len(kept)
            broken = _BROKEN.match(text, end) if _HOST_ONLY.search(kept) else None
            if broken:  # "https://github.com/ owner/repo": a space slipped into the URL
                tail = strip_trailing(broken.group(1))
                kept += tail
                end = broken.start(1) + len(tail)
            url = clean_url(kept)
            found.append(
                Candidate(
                    kind="code",
                    start=match.start(),
                    end=end,
                    label=url,
                    component=self.name,
                    priority=100,
                )
            )
        return doc

    @staticmethod
    def _urls(text: str, lower: str) -> list[re.Match[str]]:
        """``_URL.finditer(text)``, tried only where a URL can start (every one of its
        alternatives begins with a hint): the regex is slow to scan a whole text."""
        if len(lower) != len(text):  # lower-casing moved offsets (rare scripts): scan it all
            return list(_URL.finditer(text))
        starts = sorted({i for hint in _HINTS for i in _positions(lower, hint)})
        matches: list[re.Match[str]] = []
        end = 0
        for start in starts:
            if start >= end and (match := _URL.match(text, start)):
                matches.append(match)
                end = match.end()
        return matches


def _positions(text: str, word: str) -> list[int]:
    found = []
    position = text.find(word)
    while position >= 0:
        found.append(position)
        position = text.find(word, position + 1)
    return found

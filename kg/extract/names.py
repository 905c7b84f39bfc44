"""``kg_names``: names no vocabulary lists, found by the words around them.

- the title's ``X: ...`` (X a short name) — proposed by the paper;
- ``we propose / introduce / present X`` and ``called / named / dubbed X`` — proposed;
- ``the X dataset / benchmark / corpus``, ``X and Y datasets``, ``benchmarks such as
  X, Y and Z`` — datasets;
- other name-shaped words (``ByteScale``, ``vLLM``, ``NDC-Scene``) — methods, at the
  lowest priority, so any vocabulary or cue-based reading wins.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.spans import Candidate, candidates

# A word that may be (part of) a name: letters/digits joined by - + . (not ending in .)
_W_TAIL = r"[A-Za-z0-9]*(?:[-+.'][A-Za-z0-9]+)*\+*"
_W = r"[A-Za-z0-9]" + _W_TAIL
_NAME = rf"{_W}(?:[ -]{_W}){{0,3}}"
_NAME_WORD = re.compile(_W)
_SIZE_ONLY = re.compile(
    r"^(?:\d+(?:\.\d+)?[A-Za-z]{0,2}|[A-Za-z]?\d+(?:\.\d+)?[KkMmBbTtGg]?[Bb]?)$"
)
_DATA_NOUN = r"(?:data\s?sets?|benchmarks?|corpus|corpora|suites?)"
_DATASET_AFTER = re.compile(
    rf"\b((?:{_NAME})(?:\s*,\s*(?:{_NAME}))*(?:,?\s+(?:and|or)\s+(?:{_NAME}))?)\s+{_DATA_NOUN}\b"
)
_DATASET_BEFORE = re.compile(
    rf"\b{_DATA_NOUN},?\s+(?:such as|including|like|namely|e\.g\.,?|i\.e\.,?|:|\()\s*"
    rf"((?:{_NAME})(?:\s*,\s*(?:{_NAME}))*(?:,?\s+(?:and|or)\s+(?:{_NAME}))?)"
)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_PROPOSE = re.compile(
    r"\b(?:we|We|paper|work|study)\s+(?:also\s+|further\s+|then\s+|first\s+|therefore\s+|thus\s+|hence\s+)?"
    r"(?:propose|introduce|present|develop|design|build|create|construct|release|curate|"
    r"contribute|devise|put forward|establish|offer)[sd]?\b"
)
_NAMED = re.compile(
    r"\b(?:called|named|dubbed|termed|coined|entitled|namely)\s+[\"“']?(" + _NAME + ")"
)
_TITLE_HEAD = re.compile(r"^([^:\n]{2,60}?)\s?:\s+\S")
# What follows a propose verb: an optional article and adjectives, then the name.
_ADJECTIVES = (
    r"(?:novel|new|simple|general|unified|efficient|effective|lightweight|scalable|flexible|"
    r"fast|practical|principled|robust|first|two-stage|end-to-end|open-source|large-scale|"
    r"comprehensive|systematic|automated|automatic|adaptive|innovative|hybrid|training-free|"
    r"plug-and-play|highly|fully|holistic|modular|versatile|straightforward|powerful|"
    r"high-quality|challenging)"
)
_AFTER_PROPOSE = re.compile(
    rf"^\s+(?:(?:a|an|the|our)\s+)?(?:{_ADJECTIVES}[,]?\s+(?:and\s+)?)*"
    rf"(?P<name>(?:[A-Z]{_W_TAIL}|[a-z]+[A-Z]\w*)(?:[ -](?:[A-Z]{_W_TAIL}|[a-z]+[A-Z]\w*|of|for|and|with|\d\w*)){{0,6}})"
)
_APPOSITIVE_KIND = re.compile(
    rf"^\s*,\s*(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?P<noun>{_DATA_NOUN}|dataset|collection)\b"
)
_DATASET_SUFFIX = re.compile(r"(?:Bench|Eval|QA|-?Set|Corpus|Data)\d*$")
#: Capitalised words that are never names on their own.
COMMON = frozenset(
    """a an the we our this these that it its in on of for to and or with by from our
    however moreover furthermore additionally specifically finally first second third
    experiments results based using towards toward via""".split()
)
_VERSIONED = re.compile(r"[A-Za-z]")


def is_name(text: str) -> bool:
    """Whether ``text`` looks like a name: CamelCase, capitals, letters with digits."""
    if not text or text.lower() in COMMON or _SIZE_ONLY.match(text.replace(" ", "")):
        return False
    for word in re.split(r"[ ]", text):
        inner = word[1:]
        if any(c.isupper() for c in inner) and any(c.isalpha() for c in word):
            return True  # ByteScale, vLLM, NDC-Scene, MATH
        if any(c.isdigit() for c in word) and any(c.isalpha() for c in word) and word[0].isupper():
            return True  # GSM8K, T5, C4
        if word.endswith("+") and word[0].isupper():
            return True
    return False


def _name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces and lone punctuation around ``text[start:end]``."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "+"):
        end -= 1
    return start, end


@Language.factory("kg_names", assigns=["doc._.kg_candidates"], requires=["doc._.kg_sentences"])
def make_names(nlp: Language, name: str) -> NamePatterns:
    return NamePatterns(name)


class NamePatterns:
    def __init__(self, name: str = "kg_names") -> None:
        self.name = name

    def _add(
        self,
        found: list[Candidate],
        kind: str,
        start: int,
        end: int,
        text: str,
        *,
        priority: int,
        proposed: bool = False,
    ) -> None:
        start, end = _name_span(text, start, end)
        if end > start:
            found.append(
                Candidate(
                    kind,
                    start,
                    end,
                    text[start:end],
                    self.name,
                    priority=priority,
                    proposed=proposed,
                )
            )

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        found = candidates(doc)
        title_end = text.find("\n\n")
        title_end = len(text) if title_end < 0 else title_end

        # The title's "X: ...": the paper's own name for what it introduces.
        head = _TITLE_HEAD.match(text[:title_end])
        if head and len(head.group(1).split()) <= 5 and is_name(head.group(1)):
            rest = text[head.end() - 1 : title_end].lower()
            kind = (
                "dataset"
                if re.search(r"benchmark|dataset|corpus", rest)
                or _DATASET_SUFFIX.search(head.group(1))
                else "method"
            )
            if not re.search(r"\b(?:survey|review|overview|tutorial)\b", rest):
                self._add(found, kind, 0, head.end(1), text, priority=12, proposed=True)

        for match in _PROPOSE.finditer(text):
            after = _AFTER_PROPOSE.match(text, match.end())
            if not after:
                continue
            name = after.group("name")
            # "we propose a Depth-Adaptive Dual Decoder" (several capitalised words) or
            # "we introduce ByteScale" (one name-shaped word)
            words = name.split()
            while words and words[-1].lower() in {"of", "for", "and", "with"}:
                words.pop()
            name = " ".join(words)
            if not name or not (is_name(name) or len(words) >= 2):
                continue
            start = after.start("name")
            end = start + len(name)
            kind = "method"
            appositive = _APPOSITIVE_KIND.match(text, end)
            if (
                appositive
                or _DATASET_SUFFIX.search(name)
                or re.match(rf"\s+{_DATA_NOUN}\b", text[end : end + 20])
            ):
                kind = "dataset"
            self._add(found, kind, start, end, text, priority=12, proposed=True)

        for match in _NAMED.finditer(text):
            name = match.group(1)
            if not is_name(name):
                name = _NAME_WORD.match(name).group(0)
                if not is_name(name):
                    continue
            start = match.start(1)
            end = start + len(name)
            kind = (
                "dataset"
                if _DATASET_SUFFIX.search(name)
                or re.search(
                    rf"{_DATA_NOUN}\s+(?:called|named|dubbed|termed|coined)",
                    text[max(0, match.start() - 40) : match.end()],
                )
                else "method"
            )
            self._add(found, kind, start, end, text, priority=12, proposed=True)

        for pattern in (_DATASET_AFTER, _DATASET_BEFORE):
            for match in pattern.finditer(text):
                offset = match.start(1)
                for part in _LIST_SPLIT.split(match.group(1)):
                    position = text.find(part, offset)
                    offset = position + len(part)
                    if not part or position < 0:
                        continue
                    # keep the name-shaped tail: "the challenging GSM8K" → "GSM8K"
                    words = part.split()
                    while words and not is_name(words[0]):
                        position += len(words[0]) + 1
                        words = words[1:]
                    if words:
                        self._add(
                            found,
                            "dataset",
                            position,
                            position + len(" ".join(words)),
                            text,
                            priority=25,
                        )

        # Name-shaped words nothing else explains: methods, at the lowest priority.
        for match in _NAME_WORD.finditer(text):
            word = match.group(0)
            if is_name(word) and not word.isupper() and _VERSIONED.search(word):
                self._add(found, "method", match.start(), match.end(), text, priority=1)
        return doc

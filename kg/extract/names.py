"""``kg_names``: names no vocabulary lists, found by the words around them.

- the title's ``X: ...`` (X a short name) — proposed by the paper;
- ``we propose / introduce / present X`` and ``called / named / dubbed X`` — proposed;
- ``the X dataset / benchmark / corpus``, ``X and Y datasets``, ``benchmarks such as
  X, Y and Z`` — datasets;
- other name-shaped words (``ByteScale``, ``vLLM``, ``MoETuner``) — methods, at the
  lowest priority, so that any vocabulary or cue-based reading wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract._scan import _WORD as _SCAN_WORD
from kg.extract._scan import (
    find_words,
    gated,
    is_word_end,
    is_word_start,
    trigger_words,
    words_after,
    words_before,
)
from kg.extract.proposal_phrases import object_phrases
from kg.extract.roles import GENERIC
from kg.extract.spans import Candidate, Component, candidates, text_of
from kg.vocab import scorer_key

_SIZE_ONLY = re.compile(
    r"^(?:\d+(?:\.\d+)?[A-Za-z]{0,2}|[a-z]?\d+(?:\.\d+)?[KkMmBbTtGg]?[Bb]?|\d+D)$"
)
#: Every ASCII lower-case letter to "a", every upper-case one to "A", for finding "aA".
_CASE_CLASSES = bytes.maketrans(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", b"a" * 26 + b"A" * 26
)
_DATA_NOUNS = trigger_words(
    {"dataset", "datasets", "benchmark", "benchmarks", "corpus", "corpora", "suite", "suites"}
)
#: Verbs whose lower-case object is a method ("we devise an optimum group size model").
_METHOD_VERB_STEMS = (
    ("propose", ("", "s", "d")),
    ("introduce", ("", "s", "d")),
    ("present", ("", "s", "ed")),
    ("develop", ("", "s", "ed")),
    ("design", ("", "s", "ed")),
    ("devise", ("", "s", "d")),
)
#: Verbs that introduce a name: the method verbs, and those that make data.
_NAMING_VERB_STEMS = (
    *_METHOD_VERB_STEMS,
    ("build", ("", "s")),
    ("built", ("",)),
    ("create", ("", "s", "d")),
    ("construct", ("", "s", "ed")),
    ("release", ("", "s", "d")),
    ("curate", ("", "s", "d")),
    ("collect", ("", "s", "ed")),
    ("contribute", ("", "s", "d")),
)


def _verb_forms(stems: tuple[tuple[str, tuple[str, ...]], ...]) -> frozenset[str]:
    return frozenset(f"{stem}{ending}" for stem, endings in stems for ending in endings)


_PROPOSE_VERBS = _verb_forms(_NAMING_VERB_STEMS)
_METHOD_VERBS = _verb_forms(_METHOD_VERB_STEMS)
#: Verbs whose object is new when their subject is the paper's own system.
_OWN_VERBS = frozenset({"employs", "features", "incorporates", "introduces", "proposes"})
#: Acronyms of classes of models, never a paper's own name.
_CLASS_NAMES = frozenset(
    {"DNN", "CNN", "RNN", "GNN", "NN", "LLM", "VLM", "MLLM", "SLM", "LM", "ML", "AI", "DL", "RL"}
)
_SYSTEM_SUBJECT = re.compile(
    r"(?:\b(?:[Oo]ur|[Tt]he) (?:system|framework|method|approach|design)|(?:^|[.!?\n]\s*)It)"
    r"(?:\s+\w+ly)?\s+$"
)
#: A CamelCase repository name ("VocabularyParallelism") and its words.
_REPOSITORY = re.compile(r"github\.com/[\w.-]+/([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)+)\b")
_CAMEL_PART = re.compile(r"[A-Z][a-z0-9]+")
_LISTED_BEFORE = gated(
    r"(?:\b(?:like|as|including|and|or|than|on|in|with|from|over)|,)\s+$", re.IGNORECASE
)
_WE_BEFORE = gated(r"\b[Ww]e\b[^.;]*$")
#: "X is proposed", "X (XX) are introduced": a passive proposal of the name before it.
_PASSIVE_CUES = (" is proposed", " are proposed", " is introduced", " are introduced")
_BEFORE_PASSIVE = re.compile(r"((?:[A-Z][\w+-]*\s+){0,4}[A-Z][\w+-]*)\s*(?:\([^()]{1,15}\)\s*)?$")
_OUR_THEN_NAME = re.compile(
    r"(?:[Oo]ur|[Ii]ts)\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?[\w-]+,\s+(?P<name>[A-Za-z][\w+.-]*[\w+])"
    r"(?=,|\s+(?:which|that|to|for|is)\b)"
)
_NAME_BEFORE_OUR = re.compile(r"(?<![\w+.-])[A-Za-z][\w+.-]*[\w+]$")
_HEAD_AFTER = re.compile(r" [a-z]+")
_PROPOSED_BEFORE = gated(r"\b(?:our|the|a)\s+(?:newly\s+)?$", re.IGNORECASE)
_QUOTED = re.compile(
    r"\s+(?:(?:a|an|the|our)\s+)?(?:novel\s+|new\s+)?[\"“'](?P<name>[A-Za-z][\w -]{2,50}?)[\"”']"
)
_PROPOSE_SUBJECT = gated(
    r"(?:\b(?:we|paper|work|study|report|article|chapter|thesis|to)"
    r"(?:\s+(?:also|further|then|first|therefore|thus|hence|additionally|newly))?\s+)$",
    re.IGNORECASE,
)
_NAMING = frozenset({"called", "named", "dubbed", "termed", "coined", "namely", "denoted"})
_TRIGGERS = trigger_words(_PROPOSE_VERBS | _NAMING | _OWN_VERBS | {"novel", "call", "as"})
#: "a framework we call SSDLite", "which we call the mallocGame"; "we refer to X as Y".
_WE_CALL = re.compile(r"\b(?:we|We)\s+(?:will\s+)?call\s*$")
_REFER_AS = re.compile(r"\b[Ww]e\s+(?:will\s+)?refer\s+to\s+[^.;]{1,80}\s+as\s*$")
#: Words that make a title's head a phrase rather than a name.
TITLE_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "in",
        "on",
        "of",
        "for",
        "with",
        "and",
        "or",
        "by",
        "from",
        "at",
        "via",
        "is",
        "are",
        "towards",
        "toward",
        "beyond",
        "rethinking",
        "understanding",
        "revisiting",
        "evaluating",
        "benchmarking",
        "scaling",
        "improving",
        "learning",
        "training",
        "efficient",
        "when",
        "what",
        "why",
        "how",
        "do",
        "does",
        "can",
    ]
)
STRONG = 13  # title and "called X": kept even on a name the vocabulary knows
TITLE = 22  # above the vocabulary's 20
#: A subtitle that describes the head as a thing: ": A Testbed for ...", ": An Engine ...".
_DESCRIBED = re.compile(r"\s?:\s+(?:A|An)\s")
_TITLE_HEAD = re.compile(r"^([^:\n]{2,60}?)\s?:\s+\S")
# words with dots only inside ("Loghub-2.0", not "LowFormer." ending a sentence)
_NAMED = re.compile(
    r"[\"“'<]?(?P<name>[A-Za-z0-9][\w+'-]*(?:\.\w+)*\+*(?:[ -][A-Z][\w+'-]*(?:\.\w+)*\+*){0,4})"
)
#: "a novel 'Configuration-Invariant Knowledge Distillation'", "a novel bipolar-INT format".
_NOVEL = re.compile(
    r"[\"“']?(?P<name>(?:[A-Z][\w+'-]*|[a-z]+-[A-Z][\w-]*)(?:[ -][A-Z][\w+'-]*){0,5})"
)
#: "(Entropic Student)": a capitalised name in brackets after what it names.
_BRACKETED = re.compile(r"\((?P<name>[A-Z][a-z][\w-]*(?: [A-Z][\w-]*){0,3})\)")
_PROPOSING = re.compile(r"\b(?:we|our|novel|propose[sd]?|introduce[sd]?|present(?:s|ed)?)\b", re.I)
_ADJECTIVE = (
    r"(?:novel|new|simple|general|unified|efficient|effective|lightweight|scalable|flexible|"
    r"fast|practical|principled|robust|first|two-stage|end-to-end|open-source|large-scale|"
    r"comprehensive|systematic|automated|automatic|adaptive|innovative|hybrid|training-free|"
    r"plug-and-play|highly|fully|holistic|modular|versatile|straightforward|powerful|"
    r"high-quality|challenging|method|framework|approach|technique|system|model|algorithm|"
    r"benchmark|dataset|called|named|dubbed|termed)"
)
_CAP = r"(?:[A-Z][\w+.'-]*[\w+]|[A-Z]|[a-z]+[A-Z][\w+-]*|\d(?:[\w-]|\.\d)*)"
_AFTER_PROPOSE = re.compile(
    rf"[sd]?\s+(?:(?:a|an|the|our|two|three)\s+)?(?:{_ADJECTIVE}[,:]?\s+(?:and\s+)?)*"
    rf"[\"“]?(?P<name>{_CAP}(?:[ -](?:{_CAP}|of|for|and|with|in|on)){{0,7}})"
)
#: "we propose a fair error-bound scaling approach", "we propose an importance-aware pixel
#: map that ...": a lower-case name before a generic head noun or a relative clause.
_LOWER_PROPOSAL = re.compile(
    r"\s+(?:(?:a|an|the|two|our)\s+)?(?P<name>[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,6}?)\s+"
    r"(?P<head>method|approach|strategy|technique|techniques|scheme|algorithm|"
    r"framework)\b"
)
_ARTICLE = re.compile(r"\s+(?:the|a|an)\s+([\w+-]+)")
_LOWER_NAMED = re.compile(
    r"\s+(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)(?=,|\s+(?:that|which)\b|\.)"
)
_LOWER_ADJECTIVES = frozenset(
    [
        "novel",
        "new",
        "simple",
        "general",
        "unified",
        "efficient",
        "effective",
        "lightweight",
        "scalable",
        "flexible",
        "fast",
        "practical",
        "principled",
        "robust",
        "first",
        "innovative",
        "yet",
        "powerful",
        "straightforward",
        "versatile",
        "generic",
        "holistic",
        "comprehensive",
        "advanced",
        "elegant",
        "key",
        "experimental",
        "efficient",
        "effective",
        "but",
        "and",
        "two",
        "three",
    ]
)
_LOWER_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "for",
        "in",
        "on",
        "with",
        "by",
        "from",
        "is",
        "are",
        "be",
        "this",
        "that",
        "these",
        "our",
        "its",
        "their",
        "we",
        "it",
        "method",
        "approach",
        "framework",
        "model",
        "system",
        "which",
    ]
)
_APPOSITIVE_DATA = re.compile(
    r"\s*(?:\([^()]{1,80}\)\s*)?[,:]\s*(?:a|an|the)\s+"
    # the apposition's head: "X, a strategy to improve a dataset" is no dataset
    r"(?:(?!(?:for|of|to|in|on|with|from|that|which|and)\b)[\w-]+\s+){0,4}?"
    r"(?:dataset|benchmark|corpus|collection|suite)\b"
)
_DATA_WORD = gated(r"\b(?:Benchmark|Dataset|Corpus|Suite)$")  # the name's head
_DATA_BEFORE = gated(r"\b(?:data\s?sets?|benchmarks?|corpus|datastore)\b[^.;]{0,25}$", re.I)
_NAME_BEFORE_COLON = re.compile(r"([A-Za-z][\w+-]*):\s$")
_DATA_NEAR = re.compile(r"\s+(?:dataset|benchmark|corpus)")
_BENCH = gated(r"\b[A-Z][\w]*-Bench(?:-\w+)?\b")
_DATASET_SUFFIX = re.compile(r"(?:Bench|Eval|QA|Set|Corpus|Data)\d*\+*$")
#: "X: A Large-Scale Benchmark for ...", not "X: Guidelines for Creating Datasets"
_TITLE_DATA = re.compile(
    r"\s*:?\s*(?:(?:an?|the)\s+)?(?:(?!(?:for|of|to|in|on|with|from|via|and|towards?)\b)"
    r"[\w&.-]+\s+){0,4}?(?:benchmark|dataset|data\s?set|corpus|suite|testbed|leaderboard|"
    r"knowledge graph)s?\b|.*\bbenchmarking\b",
    re.IGNORECASE,
)
#: "our benchmark ENAMEL", "the new dataset X": a name right after a data noun.
_AFTER_DATA_NOUN = re.compile(
    r"\b(?:our|the|this|a)\s+(?:new\s+|proposed\s+)?(?:benchmark|dataset|corpus)\s+$"
)
#: "ImageNet-R/A/C", "CIFAR-10/100": sibling variants written after a slash.
_SLASH_VARIANTS = re.compile(r"\b([A-Z][A-Za-z]+-)([A-Z0-9]{1,4})((?:/[A-Z0-9]{1,4})+)(?![\w/])")
_SLASH_GATE = re.compile(r"-[A-Z0-9]{1,4}/")
#: "weights.We": two sentences run together, not a name.
_RUN_ON = re.compile(r"[a-z]{2}\.[A-Z][a-z]")
_SURVEY = re.compile(r"\b(?:survey|review|overview|tutorial|primer)\b", re.IGNORECASE)
_LIST_WORDS = frozenset({",", "and", "or", "&"})
_LEAD_INS = frozenset(
    {"such", "as", "including", "like", "namely", "e.g.", "e.g", "i.e.", ":", "(", "viz", ","}
)
_SUFFIX = re.compile(
    r"-(?:based|like|driven|aware|powered|discovered|generated|enabled|style|specific|"
    r"centric|friendly|free|level|wise|scale|sized|compatible|guided|oriented|assisted)$",
    re.IGNORECASE,
)
#: CamelCase words that name organisations, platforms or things, not methods.
NOT_METHODS = frozenset(
    [
        "GitHub",
        "GitLab",
        "OpenAI",
        "DeepMind",
        "HuggingFace",
        "YouTube",
        "LinkedIn",
        "PayPal",
        "iPhone",
        "iPad",
        "iOS",
        "macOS",
        "LiDAR",
        "LiDARs",
        "JavaScript",
        "TypeScript",
        "PhD",
        "PhDs",
        "arXiv",
        "BibTeX",
        "LaTeX",
        "PowerPoint",
        "WeChat",
        "TikTok",
        "eBay",
        "McDonald",
        "SciPy",
        "NumPy",
        "PyPI",
        "DevOps",
        "MLOps",
        "FinTech",
        "AutoML",
        "GenAI",
        "IoT",
        "IoTs",
        "SoC",
        "SoCs",
        "MCUs",
        "FPGAs",
        "GPUs",
        "TPUs",
        "NPUs",
        "CPUs",
        "DNNs",
        "CNNs",
        "RNNs",
        "LLMs",
        "VLMs",
        "MLLMs",
        "PFLOPs",
        "TFLOPs",
        "GFLOPs",
        "FLOPs",
        "MACs",
        "PetaFLOP",
        "PetaFLOPs",
        "TeraFLOPs",
        "MoEs",
        "DoS",
        "DDoS",
        "QoS",
        "QoE",
        "SLOs",
        "KVs",
    ]
)
#: Capitalised words that are never names on their own.
COMMON = frozenset(
    [
        "a",
        "an",
        "the",
        "we",
        "our",
        "this",
        "these",
        "that",
        "it",
        "its",
        "in",
        "on",
        "of",
        "for",
        "to",
        "and",
        "or",
        "with",
        "by",
        "from",
        "however",
        "moreover",
        "furthermore",
        "additionally",
        "specifically",
        "finally",
        "first",
        "second",
        "third",
        "experiments",
        "results",
        "based",
        "using",
        "towards",
        "toward",
        "via",
    ]
)


@lru_cache(maxsize=8192)
def is_name(text: str) -> bool:
    """Whether ``text`` looks like a name: CamelCase, capitals, letters with digits.

    Cached: the list and proposal readers ask about the same few words again and again.
    """
    if not text or text.lower() in COMMON or _SIZE_ONLY.match(text.replace(" ", "")):
        return False
    if _RUN_ON.search(text):
        return False
    for word in text.split():
        if not word[0].isalnum():
            continue
        # an upper-case letter after the first is itself a cased letter: no second test
        if any(map(str.isupper, word[1:])):
            return True  # ByteScale, vLLM, NDC-Scene, MATH
        if word[0].isupper() and any(map(str.isdigit, word)):
            return True  # GSM8K, T5, C4
        if word[0].isupper() and word.endswith("+"):
            return True  # MoE++
    return False


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "+"):
        end -= 1
    return start, end


def _list_before(text: str, end: int) -> list[tuple[int, int]]:
    """Name items of a list that ends at ``end``: "X, Y and indoor Z" → X, Y, Z."""
    # Most walks stop a word or two before ``end``: read a short window first, and the
    # full one only when the walk gets near the short window's first word (which the
    # window's edge may have cut in half). Past that word both windows split alike.
    items, stopped = _walk_list_before(text, words_before(text, end, span=_SHORT_SPAN))
    if stopped < 2:
        items, _ = _walk_list_before(text, words_before(text, end))
    return items


#: Characters before a data noun read first for its list (see ``_list_before``).
_SHORT_SPAN = 48


def _walk_list_before(text: str, words: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int]:
    """The items of the list ending ``words``, and the index of the word the walk
    stopped at (-1 when it ran out of words); it read no word before that one's
    predecessor."""
    items: list[tuple[int, int]] = []
    item_end: int | None = None
    item_start = 0
    index = len(words) - 1
    while index >= 0:
        start, stop = words[index]
        word = text[start:stop]
        # "text-to-SQL benchmarks": a lower-case compound is the domain, not a name
        if (is_name(word) and not (word[:1].islower() and "-" in word)) or (
            word[:1].isupper()
            and word.lower() not in COMMON
            # "Heritage Health datasets", not a sentence's first word ("Benchmark datasets")
            and (item_end is not None or (start > 1 and text[start - 2] not in ".\n"))
        ):
            item_start = start
            if item_end is None:
                item_end = stop
            index -= 1
            continue
        if item_end is not None:
            items.append((item_start, item_end))
            item_end = None
        if word in _LIST_WORDS and items:
            index -= 1
            continue
        # one lowercase modifier before an item of a list ("outdoor X and indoor Y")
        if (
            items
            and word.islower()
            and index > 0
            and text[words[index - 1][0] : words[index - 1][1]] in _LIST_WORDS
        ):
            index -= 1
            continue
        lower = word.islower() or (word[:1].islower() and "-" in word)
        if not items and lower and len(words) - index <= 1:
            index -= 1  # "X test set": skip one word before the data noun
            continue
        break
    if item_end is not None:
        items.append((item_start, item_end))
    return items, index


def _list_after(text: str, start: int) -> list[tuple[int, int]]:
    """Name items of a list that starts after a lead-in: "benchmarks such as X, Y and Z"."""
    if not _lead_in_after(text, start):
        return []  # most data nouns: no list follows, no need to split the words after
    words = words_after(text, start)
    index = 0
    while index < len(words) and text[words[index][0] : words[index][1]].lower() in _LEAD_INS:
        index += 1
    if index == 0:
        return []
    # "datasets, X, Y and Z." lists after a bare comma; "datasets, X outperforms" does not
    comma_only = all(text[b:e] == "," for b, e in words[:index])
    items: list[tuple[int, int]] = []
    item: list[int] | None = None
    while index < len(words):
        begin, stop = words[index]
        word = text[begin:stop]
        if is_name(word) or (item is not None and word[:1].isupper()):
            if item is None:
                item = [begin, stop]
            else:
                item[1] = stop
        elif word in _LIST_WORDS:
            if item is not None:
                items.append((item[0], item[1]))
                item = None
        else:
            if comma_only and word[:1].isalpha():
                return []  # the name is the subject of a clause
            break
        index += 1
    if item is not None:
        items.append((item[0], item[1]))
    return items


def _lead_in_after(text: str, start: int) -> bool:
    """Whether the first word ``words_after(text, start)`` would give is a lead-in."""
    end = min(len(text), start + _AFTER_SPAN)
    cut = text.find("\n", start, end)
    if cut >= 0:
        end = cut
    # with ``endpos`` the pattern sees the same string as on the slice words_after reads
    first = _SCAN_WORD.search(text, start, end)
    return first is not None and first.group().lower() in _LEAD_INS


#: The window ``words_after`` reads by default.
_AFTER_SPAN = 160


@Language.factory("kg_names", assigns=["doc._.kg_candidates"], requires=["doc._.kg_sentences"])
def make_names(nlp: Language, name: str) -> NamePatterns:
    return NamePatterns(name)


def _camel_positions(text: str) -> Iterator[int]:
    """Offsets of every ASCII lower-case letter followed by an upper-case one ("tS" in
    "ByteScale"), as ``re.finditer(r"[a-z][A-Z]", text)`` finds them, but without a
    regex: ``re`` scans a character class slowly, ``bytes.find`` scans quickly."""
    # one byte per character ("?" for any non-ASCII one), so offsets stay the same
    cases = text.encode("ascii", "replace").translate(_CASE_CLASSES)
    position = cases.find(b"aA")
    while position >= 0:
        yield position
        position = cases.find(b"aA", position + 2)


def _has_quote(text: str, start: int) -> bool:
    """A quote mark within the few words after ``start`` (cheap gate for ``_QUOTED``)."""
    window = text[start : start + 24]
    return '"' in window or "“" in window or "'" in window


def _own_subject(before: str, own: str | None) -> bool:
    """Whether ``before`` ends with the paper's own system as a subject: its title name,
    "It" opening a sentence, or "our system/framework/method"."""
    if _SYSTEM_SUBJECT.search(before):
        return True
    if own is None:
        return False
    words = before.rstrip()
    if words.endswith("ly"):  # "SARATHI then efficiently employs"
        words = words[: words.rfind(" ")].rstrip() if " " in words else ""
    return words.endswith(own) and is_word_start(words, len(words) - len(own))


class NamePatterns(Component):
    """Pattern rules for new names of methods and datasets, and for what a paper proposes."""

    def __init__(self, name: str = "kg_names") -> None:
        self.name = name

    def _add(
        self,
        found: list[Candidate],
        text: str,
        kind: str,
        start: int,
        end: int,
        *,
        priority: int,
        proposed: bool = False,
    ) -> None:
        start, end = _strip(text, start, end)
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
        text = text_of(doc)
        found = candidates(doc)
        own = self._title(text, found)
        self._proposals(doc, text, found, own)
        self._datasets(doc, text, found)
        # name-shaped words nothing else explains: methods, at the lowest priority
        last = -1
        for camel in _camel_positions(text):
            if camel < last:
                continue
            start, end = camel, camel + 2
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-+"):
                start -= 1
            while end < len(text) and (text[end].isalnum() or text[end] in "-+"):
                if text.startswith("--", end):
                    break  # "MetaShift--a collection": a dash
                end += 1
            last = end
            word = text[start:end]
            suffix = _SUFFIX.search(word)
            if suffix:  # "cuDNN-based", "ReLU-like": the name is before the suffix
                end = start + suffix.start()
                word = text[start:end]
            if word.strip("-+") in NOT_METHODS:
                continue
            # "JavaBench", "MathEval": a benchmark by its name's ending
            kind = "dataset" if _DATASET_SUFFIX.search(word) else "method"
            self._add(found, text, kind, start, end, priority=1)
        if "Bench" in text:  # "NATS-Bench", "MT-Bench": names of benchmarks
            for match in _BENCH.finditer(text):
                self._add(found, text, "dataset", match.start(), match.end(), priority=2)
        return doc

    def _title(self, text: str, found: list[Candidate]) -> str | None:
        """Propose the title's ``X: ...`` name; return it (the paper's own name) or None."""
        title_end = text.find("\n\n")
        title = text if title_end < 0 else text[:title_end]
        head = _TITLE_HEAD.match(title)
        if not head:
            return
        name = head.group(1).strip()
        start = 0
        if name.startswith("The ") and len(name.split()) > 1:
            start, name = 4, name[4:]  # "The Languini Kitchen: ..."
        words = name.split()
        # a name, not a phrase: "MoE++", "Flag Aggregator", "DART-Math"; not "Towards X",
        # "Challenges in Deploying Y", "To FP8 and Back Again"
        if len(words) > 4 or any(
            w.lower() in TITLE_STOP or not (w[0].isupper() or is_name(w)) for w in words
        ):
            return
        if words[0].lower().endswith("ing") and not is_name(words[0]):
            return
        if "," in name:
            return  # "Reinforce Data, Multiply Impact: ...": a phrase
        if (
            len(words) > 1
            and not any(is_name(w) for w in words)
            and not _DESCRIBED.match(title, head.end(1))
        ):
            # plain capitalised words ("Large Language Monkeys", "Topo Goes Political") are
            # a name only if the paper uses it again (in the abstract or its code's URL) or
            # the subtitle describes it ("The Relay Kitchen: A Testbed for ...")
            body = text[len(title) :].lower()
            if name.lower() not in body and name.replace(" ", "").lower() not in body:
                return
        rest = title[head.end(1) :]
        if _SURVEY.search(rest):
            return
        data = _TITLE_DATA.match(rest) or _DATASET_SUFFIX.search(name)
        if not data:
            # "SURGE: On the Potential of ...": the abstract's "SURGE, a benchmark"
            body = text.find(name, len(title))
            while body >= 0 and not data:
                data = _APPOSITIVE_DATA.match(text, body + len(name))
                body = text.find(name, body + len(name))
        kind = "dataset" if data else "method"
        # the paper's own name outranks a vocabulary reading of the same words ("C4:")
        self._add(found, text, kind, start, head.end(1), priority=TITLE, proposed=True)
        return name

    def _proposals(self, doc: Doc, text: str, found: list[Candidate], own: str | None) -> None:
        # "SARATHI employs chunked-prefills, ...": what the paper's own system uses is new
        own = own if own and len(own) > 2 else None
        refers = "refer" in text  # "we refer to X as Y" is rare: skip "as" without it
        for position, verb_end, word in find_words(doc, _TRIGGERS):
            if word in _OWN_VERBS or word == "proposed":
                before = text[max(0, position - 60) : position]
                if (word == "proposed" and _PROPOSED_BEFORE.search(before)) or (
                    word in _OWN_VERBS and _own_subject(before, own)
                ):
                    # "our proposed X", "TokenWeave proposes a Token-Splitting technique"
                    if not self._object(text, found, verb_end, closed=word == "proposed"):
                        after = _AFTER_PROPOSE.match(text, verb_end)
                        if after:
                            # "the proposed Shiftmax and ShiftGELU": two names
                            offset = after.start("name")
                            for part in after.group("name").split(" and "):
                                end = offset + len(part)
                                head = (
                                    _HEAD_AFTER.match(text, end) if _SUFFIX.search(part) else None
                                )
                                if head:  # "our proposed MatMul-free models"
                                    part, end = text[offset : head.end()], head.end()
                                self._proposed_name(text, found, offset, part, bare=True)
                                offset = end + 5
                    continue
                if word not in _PROPOSE_VERBS:
                    continue
            if word == "novel":
                self._novel(text, found, verb_end)
                continue
            if word == "as" and not refers:
                continue
            if word in ("call", "as"):
                # "which we call X", "we refer to the modified RPS as STABLE-RPS"
                cue = _WE_CALL if word == "call" else _REFER_AS
                if not cue.search(text, max(0, position - 120), verb_end):
                    continue
                word = "called"
            if word in _NAMING:
                # "which we call the mallocGame" (not "namely the memory mapping problem")
                article = _ARTICLE.match(text, verb_end)
                if article and is_name(article.group(1)):
                    verb_end = article.end(1) - len(article.group(1)) - 1
                lower_name = _LOWER_NAMED.match(text, verb_end)
                if lower_name and not is_name(lower_name.group("name")):
                    # "a framework called blind message passing, which"
                    self._lower_names(text, found, lower_name, priority=STRONG)
                    continue
                after = _NAMED.match(text, verb_end + 1)
                if after:
                    self._proposed_name(
                        text,
                        found,
                        after.start("name"),
                        after.group("name"),
                        priority=STRONG,
                        # "called <projektor>": marked as a name
                        bare=text[after.start()] == "<",
                    )
                continue
            if not _PROPOSE_SUBJECT.search(text, max(0, position - 30), position) and not (
                # "we analyse X and propose Y"
                word in _METHOD_VERBS
                and text.endswith("and ", 0, position)
                and _WE_BEFORE.search(text, max(0, position - 120), position)
            ):
                continue
            if word in _METHOD_VERBS and self._object(text, found, verb_end):
                continue
            # the object-phrase reader has judged a lower-case object of a method verb
            lower_name = None if word in _METHOD_VERBS else _LOWER_PROPOSAL.match(text, verb_end)
            if lower_name:
                self._lower_names(text, found, lower_name)
                continue
            after = _AFTER_PROPOSE.match(text, verb_end)
            if after:
                name = after.group("name")
                # "we propose Telly to ...": no article, so a capitalised word is a name
                bare = text[verb_end : after.start("name")].strip(' "“') == ""
                # "we collect X" proposes only data ("we collect ImageNet images" does not)
                data_only = word.startswith("collect")
                self._proposed_name(
                    text, found, after.start("name"), name, bare=bare, data_only=data_only
                )
        self._our_appositions(text, found)
        if "github.com/" in text:
            self._repository_names(text, found)
        passive = "is proposed" in text or "are proposed" in text or "introduced" in text
        for cue in _PASSIVE_CUES if passive else ():
            position = text.find(cue)
            while position >= 0:
                # "the concept of Continual Inference Networks (CINs) is proposed"
                named = _BEFORE_PASSIVE.search(text, max(0, position - 80), position)
                if named and named.group(1).split()[0].lower() not in COMMON:
                    self._proposed_name(text, found, named.start(1), named.group(1))
                position = text.find(cue, position + len(cue))
        if "(" in text:
            # "the Low Rank Compensation (LoRC) strategy": an acronym of the words before
            # it is the acronym finder's pair, proposed or not by the resolver
            acronyms = doc.user_data.get("kg_acronyms") or {}
            for match in _BRACKETED.finditer(text):
                if match.group("name") in acronyms:
                    continue
                # "an error (Family-Wise Error)": the bracket says which kind of the word
                # before it, it names nothing new
                before = text[max(0, match.start() - 30) : match.start()].split()
                last = match.group("name").split()[-1].split("-")[-1].lower()
                if before and before[-1].lower().rstrip("s") == last.rstrip("s"):
                    continue
                sentence_start = max(
                    text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())
                )
                if _PROPOSING.search(text, sentence_start + 1, match.start()):
                    self._proposed_name(text, found, match.start("name"), match.group("name"))

    def _repository_names(self, text: str, found: list[Candidate]) -> None:
        """ "... Vocabulary Parallelism ..." with code at github.com/x/VocabularyParallelism:
        the words the paper's repository is named after are its method's name."""
        lower = text.lower()
        for match in _REPOSITORY.finditer(text):
            words = _CAMEL_PART.findall(match.group(1))
            if len(words) < 2:
                continue
            for joiner in (" ", "-"):
                position = lower.find(joiner.join(words).lower())
                if position >= 0 and is_word_start(text, position):
                    end = position + len(joiner.join(words))
                    if is_word_end(text, end) and text[position].isupper():
                        self._add(found, text, "method", position, end, priority=12, proposed=True)
                        break

    def _our_appositions(self, text: str, found: list[Candidate]) -> None:
        """ "our own automation infrastructure, MELT", "FAC4DNN, our specialized circuit",
        "its rank-1 variant, APOLLO-Mini": a name in apposition to "our"/"its" X."""
        spans: list[tuple[int, str]] = []
        lower = text.lower()
        for cue in ("our ", "its "):
            position = lower.find(cue)
            while position >= 0:
                if is_word_start(text, position):
                    # cheap gate first: a comma a few words on
                    if lower.find(", ", position, position + 60) >= 0:
                        match = _OUR_THEN_NAME.match(text, position)
                        if match:
                            spans.append((match.start("name"), match.group("name")))
                    if text.startswith(", our ", position - 2):
                        before = _NAME_BEFORE_OUR.search(text, max(0, position - 42), position - 2)
                        # "schedules like V-Half, our approach", "on CIFAR-10 and ImageNet, our"
                        if before and not _LISTED_BEFORE.search(
                            text, max(0, before.start() - 20), before.start()
                        ):
                            spans.append((before.start(), before.group(0)))
                position = lower.find(cue, position + 4)
        for start, name in spans:
            if is_name(name) and name not in NOT_METHODS:
                self._proposed_name(text, found, start, name, bare=True)

    def _object(
        self, text: str, found: list[Candidate], verb_end: int, *, closed: bool = False
    ) -> bool:
        """Propose the lower-case or quoted object of a proposing verb; whether one was read."""
        quoted = _QUOTED.match(text, verb_end) if _has_quote(text, verb_end) else None
        if quoted:  # 'a proposed "algorithmic unit test"'
            name = quoted.group("name")
            if " " in name or "-" in name:
                self._proposed_name(text, found, quoted.start("name"), name, bare=True)
                return True
        spans = object_phrases(text, verb_end, closed=closed)
        for start, end in spans:
            if scorer_key(text[start:end]) not in GENERIC:  # "deep learning"
                self._proposed_name(text, found, start, text[start:end], bare=True)
        return bool(spans)

    def _lower_names(
        self, text: str, found: list[Candidate], match: re.Match[str], *, priority: int = 12
    ) -> None:
        """Lower-case names of what the paper proposes, split at "and"."""
        offset = match.start("name")
        for part in re.split(r"( and )", match.group("name")):
            start = offset
            offset += len(part)
            if part == " and ":
                continue
            words = part.split()
            while words and (words[0] in _LOWER_ADJECTIVES or words[0].endswith("ly")):
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
            if not name or not (len(words) >= 2 or "-" in name) or set(words) & _LOWER_STOP:
                continue
            head = (match.groupdict().get("head") or "").lower()
            kind = "dataset" if head in ("dataset", "benchmark", "corpus") else "method"
            self._add(found, text, kind, start, start + len(name), priority=priority, proposed=True)

    def _novel(self, text: str, found: list[Candidate], position: int) -> None:
        """ "a novel 'Configuration-Invariant Knowledge Distillation'", "a novel bipolar-INT format" """
        after = _NOVEL.match(text, position + 1)
        if after and (is_name(after.group("name")) or " " in after.group("name")):
            self._proposed_name(text, found, after.start("name"), after.group("name"))

    def _proposed_name(
        self,
        text: str,
        found: list[Candidate],
        start: int,
        name: str,
        *,
        priority: int = 12,
        bare: bool = False,
        data_only: bool = False,
    ) -> None:
        words = name.split()
        while words and words[-1].lower() in {"of", "for", "and", "with", "in", "on"}:
            words.pop()
        while words and words[0] in ("the", "a", "an"):  # "namely the C4"
            start += len(words[0]) + 1
            words = words[1:]
        if not words:
            return
        name = " ".join(words)
        if "--" in name:  # "MetaShift--a collection of ...": a dash, not a hyphen
            name = name[: name.index("--")]
            words = name.split()
        end = start + len(name)
        # a class of models ("a new DNN layer", "build Deep Neural Networks (DNN)")
        if scorer_key(name) in GENERIC or name.rstrip("s") in _CLASS_NAMES:
            return
        if len(name) < 2 or words[-1].lower() in ("datasets", "benchmarks", "corpora"):
            return  # "to Construct Equitable Training Datasets": a phrase, not a name
        # one word must look like a name ("ByteScale") or stand in apposition ("Fuyou, a
        # system"); several capitalised words are a name ("Depth-Adaptive Dual Decoder")
        appositive = len(words) == 1 and (
            bare or text[end : end + 2] in (", ", " (", ": ", " -", " —", ",")
        )
        if not (
            is_name(name) or len(words) >= 2 or (appositive and words[0].lower() not in COMMON)
        ):
            return
        data = (
            _APPOSITIVE_DATA.match(text, end)
            or _DATASET_SUFFIX.search(name)
            or _DATA_NEAR.match(text, end)
            or _DATA_WORD.search(name)  # "TabZilla Benchmark Suite"
            or _DATA_BEFORE.search(text, max(0, start - 40), start)  # "a new dataset, X"
        )
        if data_only and not data:
            return
        self._add(
            found,
            text,
            "dataset" if data else "method",
            start,
            end,
            priority=priority,
            proposed=True,
        )

    def _datasets(self, doc: Doc, text: str, found: list[Candidate]) -> None:
        title_end = text.find("\n\n")
        for position, _, noun in find_words(doc, _DATA_NOUNS):
            # every word of a title is capitalised: its lists are no evidence of names
            if position < title_end:
                continue
            for start, end in _list_before(text, position):
                if not _SUFFIX.search(text[start:end]) and "/" not in text[start:end]:
                    named = _NAME_BEFORE_COLON.search(text, max(0, start - 40), start)
                    if named and is_name(named.group(1)):
                        # "the AlgoPerf: Training Algorithms benchmark": the name is AlgoPerf
                        start, end = named.start(1), named.end(1)
                    self._add(found, text, "dataset", start, end, priority=25)
            after = position + len(noun)
            while after < len(text) and text[after].isalpha():
                after += 1  # the plural
            if is_word_end(text, after):
                for start, end in _list_after(text, after):
                    if not _SUFFIX.search(text[start:end]):  # "MLP-like architectures"
                        self._add(found, text, "dataset", start, end, priority=25)
                if _AFTER_DATA_NOUN.search(text, max(0, after - 40), after + 1):
                    name = _NAMED.match(text, after + 1)
                    if name and is_name(name.group("name").split()[0]):
                        start = name.start("name")
                        word = name.group("name").split()[0]
                        self._add(found, text, "dataset", start, start + len(word), priority=25)
        # every variant list holds "-X/": a literal-led search finds it cheaply
        if "/" in text and _SLASH_GATE.search(text):
            for match in _SLASH_VARIANTS.finditer(text):
                base = match.group(1)
                # "CIFAR-10/100" is one token: its first name needs a candidate too
                first = match.start(1), match.end(2), base + match.group(2)
                found.append(Candidate("dataset", *first, self.name, priority=25))
                offset = match.start(3)
                for part in match.group(3).split("/")[1:]:
                    offset += 1
                    found.append(
                        Candidate(
                            "dataset",
                            offset,
                            offset + len(part),
                            base + part,
                            self.name,
                            priority=25,
                        )
                    )
                    offset += len(part)

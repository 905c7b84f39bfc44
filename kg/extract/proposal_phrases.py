"""The object of a proposing verb, written in lower case: what the paper introduces.

"we propose chunked-prefills, which ...", "we devise an optimum group size model",
"we introduce three types of zero-computation experts", "we propose a simple fast
compound scaling strategy": the noun phrase right after the verb, cut at the first
clause or preposition, with determiners and evaluative adjectives stripped. It
names a method when its head is a method word: a generic head ("strategy",
"framework") is dropped, a specific one ("loss", "kernel", "encoder") or a process
noun ("batching", "fusion", "partitioning") stays. A name-shaped word inside the
phrase ("the linear-complexity multiplication L-Mul algorithm") is the name.

Pure functions on the text, so :mod:`kg.extract.names` stays a list of patterns.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Where the phrase ends: punctuation, or a word that opens a clause or a complement.
_END = re.compile(r"[,.;:()\[\]\n\"“”]|\s[-–—]+\s")
_STOP_WORDS = _words(
    "that which who whose where when while to for of in on with by from into onto via "
    "using based called named dubbed termed as at than is are was were be can could will "
    "would may might should must across over under between among through within without "
    "against towards toward per or but not also both either each all the a an its their "
    "our this these those it they we them us consisting comprising containing including "
    "integrating leveraging combining enabling allowing making achieving exploiting "
    "utilizing utilising yielding providing requiring involving capturing targeting "
    "incorporating featuring establishing built designed tailored inspired equipped "
    "trained composed specifically capable able suitable aimed together jointly respectively"
)
#: Words skipped before the phrase: determiners, numbers, evaluative adjectives.
_SKIP = _words(
    "a an the our this these its their two three four five six seven eight nine ten "
    "several multiple some dozens hundreds and but runtime "
    "novel new simple general unified efficient effective lightweight scalable flexible "
    "practical principled robust first innovative yet powerful straightforward "
    "versatile generic holistic comprehensive advanced elegant key alternative improved "
    "dedicated specialized specialised custom tailored carefully highly well-designed "
    "theoretically provably easy-to-implement plug-and-play training-free"
)
#: "three types of X": the kind of thing is X.
_KINDS_OF = _words("types kinds variants family families class classes set series")
#: Heads that say "a method" and nothing more: the name is the words before them.
GENERIC_HEADS = _words(
    "method methods approach approaches technique techniques strategy strategies scheme "
    "schemes algorithm algorithms framework frameworks mechanism mechanisms methodology "
    "procedure paradigm"
)
#: Heads that are part of the name: "hybrid clipped activation function".
SPECIFIC_HEADS = _words(
    "model architecture network encoder encoders decoder kernel kernels loss objective "
    "regularizer regulariser function format representation layer layers module block "
    "blocks operator operators protocol protocols schedule scheduler estimator aggregator "
    "attention optimizer optimiser map maps experts expert adapter adapters transformer "
    "tokenizer embedding embeddings cache prefills"
)
#: A process noun names what a technique does: "decode-maximal batching", "operator fusion".
_PROCESS = re.compile(r"(?:ing|tion|sion|ment|ism)s?$")
#: Nouns with those endings that name no process: "a slimmed-down version of X".
_NOT_PROCESS = _words(
    "version versions extension extensions question questions solution solutions condition "
    "conditions position precision decision dimension direction collection section relation "
    "population session discussion motivation intuition notion definition application "
    "applications implementation implementations combination formulation explanation "
    "observation assumption limitation contribution investigation evaluation setting "
    "settings thing things something finding findings understanding variant variants "
    "results"
)
#: After the phrase, a name in apposition is what the paper proposes: "a novel cache
#: eviction method, DefensiveKV", "a two-part procedure, LLM.int8()", "..., called im2win".
_APPOSITION = re.compile(
    r"\s*(?:,|:|[-–—]+)\s*(?:(?:called|named|dubbed|termed|namely)\s+)?[\"“']?"
    r"(?:[A-Z]|[a-z]+[A-Z0-9])"
)
_NAMING_AFTER = re.compile(r"[^.;]{0,40}?,\s*(?:called|named|dubbed|termed)\b")
_BRACKET_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,12})s?\)")
_MEASURE_AFTER = re.compile(
    r",\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:measure|metric|score|criterion|index|quantity)\b"
)
_MEASURES = re.compile(r",\s+(?:which|that)\s+(?:measures|quantifies|scores|evaluates)\b")
_FIRST_WORD = re.compile(r"\s+(\S+)")
_NEXT_WORD = re.compile(r"\s+(\w+)")
#: Heads so general that one hyphenated modifier does not make a name: "a multi-task model".
_BROAD_HEADS = _words("model network architecture function module layer layers")
#: First words that make the phrase a description, not a name.
_GENERIC_START = _words(
    "additional extra various different existing standard conventional traditional common "
    "popular other more further same such many few specific particular certain previous "
    "prior small large simple basic naive initial final main overall systematic detailed "
    "thorough extensive empirical experimental theoretical formal rigorous careful "
    "preliminary broad wide challenging"
)


def _is_name(word: str) -> bool:
    """A coined name inside a phrase: mixed case ("L-Mul", "W4Ax", "AllReduce-RMSNorm"),
    not a compound of class acronyms ("CPU-GPU") or a capitalised word."""
    if word.islower():
        return False
    core = word.strip("+")
    if core.endswith("s") and core[:-1].isupper():
        return False  # "LLMs": a class
    return (
        len(core) > 1
        and any(c.isupper() for c in core[1:])
        and any(c.islower() or c.isdigit() for c in core)
    )


def object_phrases(text: str, start: int, *, closed: bool = False) -> list[tuple[int, int]]:
    """Spans of the method names in the object phrase of a verb ending at ``start``.

    With ``closed``, only a phrase that ends at a comma, a full stop, "which/that" or
    its acronym counts ("our proposed X (XX)"): after "the proposed" the phrase is
    often a subject, and its verb would run into it. Empty when the object is capitalised (a name the other patterns read), a single
    plain word ("a model"), or a description ("additional layers", "an analysis").
    """
    first = _FIRST_WORD.match(text, start)
    if first is None or (first.group(1)[:1].isupper() and first.group(1).lower() not in _SKIP):
        return []  # "we propose ByteScale": a capitalised object, read by the name patterns
    cut = _END.search(text, start, start + 120)
    segment = text[start : cut.start() if cut else start + 120]
    ended = cut is not None and cut.group(0)[0] in ",."
    # "X (ACR)": an acronym of the whole phrase closes it ("learnable commutative
    # monoid (LCM)"), not one of its last words ("fine-grained streaming multiprocessor (SM)")
    acronym = _BRACKET_ACRONYM.match(text, cut.start()) if cut and cut.group(0) == "(" else None
    short_for = cut is not None and text.startswith("(short for ", cut.start())
    tokens = segment.split()
    index = 0
    skipped = False
    while index < len(tokens):
        word = tokens[index].lower()
        if word in _SKIP or (word.endswith("ly") and len(word) > 4):
            index += 1
            skipped = True
        elif word in _KINDS_OF and index + 1 < len(tokens) and tokens[index + 1] == "of":
            index += 2
            skipped = True
        else:
            break
    if index >= len(tokens) or tokens[index][:1].isupper():
        return []  # nothing, or a capitalised phrase: the name patterns read it
    conjuncts: list[list[tuple[int, int, str]]] = []
    phrase: list[tuple[int, int, str]] = []
    offset = 0
    for position in range(index, len(tokens)):
        word = tokens[position]
        lower = word.lower()
        if lower in _STOP_WORDS:
            ended = lower in ("which", "that")
            break
        if lower == "and":
            conjuncts.append(phrase)
            phrase = []
            continue
        if not phrase and (lower in _SKIP or lower.endswith("ly")):
            continue  # "X and five Y strategies", "X and highly Y"
        following = tokens[position + 1].lower() if position + 1 < len(tokens) else ""
        if phrase and (
            (lower.endswith("ing") and (following in _SKIP or following[:1].isdigit()))
            or (lower.endswith("ed") and following in _STOP_WORDS)
        ):
            ended = False
            break  # a participle: "a design covering three settings", "X informed by Y"
        # the phrase's first word is found past the skipped ones, the next after it
        offset = segment.find(word, offset) if phrase else _nth_start(segment, tokens, position)
        phrase.append((start + offset, start + offset + len(word), word))
        offset += len(word)
    if phrase and phrase[0][2][:1].isupper():
        phrase = []
    if acronym and len(phrase) <= sum(c.isupper() for c in acronym.group(1)):
        ended = True
        if _MEASURE_AFTER.match(text, acronym.end()):
            return []  # "module robust criticality (MRC), a measure that ...": a metric
    if closed and not ended:
        return []
    if short_for and len(phrase) == 1 and not conjuncts:
        # "we present deita (short for Data-Efficient ...)": a name and its expansion
        return [(phrase[0][0], phrase[0][1])]
    # "the staleness gap penalty and outer momentum clipping techniques": the conjuncts
    # share the generic head of the last one
    shared = bool(phrase) and phrase[-1][2].lower() in GENERIC_HEADS
    spans: list[tuple[int, int]] = []
    for conjunct in conjuncts:
        spans.extend(_method_span(conjunct, bare=shared))
    spans.extend(_method_span(phrase, bare=not skipped and ended))
    # a name in apposition or after "called" is the proposal, not its description
    kept = []
    for begin, end in spans:
        after = _phrase_end(text, end)
        if not (
            _APPOSITION.match(text, after)
            or _NAMING_AFTER.match(text, after)
            or _MEASURES.match(text, after)  # "benchmark harmony, which measures ..."
        ):
            kept.append((begin, end))
    return kept


def _nth_start(segment: str, tokens: list[str], position: int) -> int:
    """The offset of ``tokens[position]`` in ``segment`` (``segment.split()``)."""
    offset = 0
    for token in tokens[: position + 1]:
        offset = segment.find(token, offset) + len(token)
    return offset - len(tokens[position])


def _phrase_end(text: str, end: int) -> int:
    """The end of the phrase including a generic head dropped from the name."""
    match = _NEXT_WORD.match(text, end)
    if match and match.group(1).lower() in GENERIC_HEADS:
        return match.end()
    return end


def _method_span(phrase: list[tuple[int, int, str]], *, bare: bool) -> list[tuple[int, int]]:
    """The method name in one phrase: a name inside it, or the phrase by its head."""
    if not phrase or len(phrase) > 6 or phrase[0][2].lower() in GENERIC_HEADS:
        return []  # "a method compressing ...": the head comes first, a clause follows
    names = [(s, e) for s, e, w in phrase if _is_name(w)]
    if names:
        return names[-1:]  # "the linear-complexity multiplication L-Mul algorithm"
    if any(w[:1].isupper() for _, _, w in phrase):
        return []
    head = phrase[-1][2].lower()
    hyphenated = any("-" in w for _, _, w in phrase)
    if head in GENERIC_HEADS:
        phrase = phrase[:-1]
    elif head in SPECIFIC_HEADS:
        # "a balance scheduler" describes a part; "importance-aware pixel map" names one
        if len(phrase) < 3 and (head in _BROAD_HEADS or not hyphenated):
            return []
    elif head in _NOT_PROCESS or not (_PROCESS.search(head) or bare):
        return []
    if not phrase or phrase[0][2].lower() in _GENERIC_START:
        return []
    if len(phrase) == 1 and "-" not in phrase[0][2]:
        return []  # "a model", "an attention": one plain word names nothing
    return [(phrase[0][0], phrase[-1][1])]

"""``kg_roles``: turn overlapping candidates into the paper's mentions.

- the longest span wins an overlap (ties: higher priority), so "NVIDIA A100" beats
  "A100" and "ResNet-50" beats "ResNet"; software spans win and are then dropped;
- a class word right after a specific device ("A100 GPUs", "RTX 3090 GPU") is part
  of that phrase and adds nothing: one phrase, one entity, the most specific;
- acronym pairs get a kind: the vocabulary's if either form is known, else from the
  expansion's head word; the pair is one entity with both labels;
- new names are linked to a concept when the vocabulary knows them after all;
- ``kg:ambiguous`` labels need a cue in their sentence (a data word, another dataset);
- method names keep a size written onto them ("Llama-2-7B");
- proposed marks from the pattern components survive the overlap they lose.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract._scan import gated, is_word_end, is_word_start
from kg.extract.metric_cues import has_metric_cue, not_a_measure
from kg.extract.spans import Candidate, Component, SentenceIndex, candidates, overlaps, text_of
from kg.records import Mention, entity_key
from kg.vocab import Vocabulary, scorer_key

_SIZE_SUFFIX = re.compile(
    r"[- ]\d+(?:\.\d+)?[BbMmKkTt](?![\w.])(?:-(?:Instruct|Chat|chat|Base|base|it|hf|Coder))*"
)
#: A release number written after a model's name: "Jamba 1.5", "Granite 3.0"
#: (one digit and one decimal, so "BERT 89.1" and "scores 0.85" are figures, not versions).
_VERSION_SUFFIX = re.compile(r"[- ][1-9]\.\d(?![\w.%×])")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]+")
#: "tensor, pipeline(,) and " right before "data parallelism": words sharing its head.
_SHARED_HEAD_LIST = re.compile(r"(?:[A-Za-z][\w-]*,\s+)*[A-Za-z][\w-]*,?\s+(?:and|or|and/or)\s+$")
#: The same, tried only where no letter stands before: a list that matches from a
#: letter also matches from the letter before it, which is further left.
_SHARED_HEAD_LIST_AT_WORD = re.compile(rf"(?<![A-Za-z]){_SHARED_HEAD_LIST.pattern}")
_LIST_ITEM = re.compile(r"[A-Za-z][\w-]*(?=,|\s+(?:and|or|and/or)\s)")
_PROPOSING = re.compile(
    r"\b(?:propose[sd]?|introduce[sd]?|novel|we present|is presented|are presented)\b", re.I
)
# "-34-10", "-V2-Coder-Instruct", "-B", "-v1", "4": what follows a model family's name
_VERSION_TAIL = re.compile(r"(?:[- ]?(?:[Vv]?\d[\w.]*|[A-Z]))(?:-[\w.]+)*$")
_METHOD_HEAD = re.compile(
    r"(?:ing|tion|sion|ism|ment|network|model|algorithm|method|optimi[sz]er|encoder|decoder|"
    r"former|attention|layer|search|descent|regression|forest|machine|tree|policy|parallelism|"
    r"sampling|estimator|scheme|format|representation|mechanism|architecture|"
    r"technique|strategy|unit|function|kernel|graph|field|process|gradient)s?$",
    re.IGNORECASE,
)
#: What follows a separator in a version of a model: "-4", "-v2", "-XL", "-Instruct"
#: (not "Samba-CoE": another name built on Samba's).
_VERSION_WORD = re.compile(
    r"(?:[Vv]?\d[\w.]*|[A-Z]|XX?L|Large|Base|Small|Tiny|Mini|Turbo|Pro|Plus|Instruct|Chat)$"
)
#: Naming words: "namely parallel scaling (ParScale)", "called X".
_NAMING = re.compile(r"\b(?:called|named|dubbed|termed|namely|coined)\b", re.IGNORECASE)
_PROPOSING_PAIR = re.compile(
    r"\b(?:propose[sd]?|introduce[sd]?|novel|present(?:s|ed)?|develop(?:s|ed)?|"
    r"design(?:s|ed)?|devise[sd]?)\b",
    re.I,
)
_NOT_METHOD_NOUN = re.compile(
    r"\b(?:setting|problem|task|metric|measure|score|scenario|notation|definition)s?\b"
)
#: "(TCM) loss": a loss is named with its head word.
_LOSS_AFTER = re.compile(r"\)?\s+(loss|Loss)\b")
#: Words that open a clause or phrase between a proposing verb and a pair it does not name.
_CLAUSE = re.compile(
    r"\b(?:that|which|where|with|using|uses|use|by|from|of|on|in|to|for|such|including|"
    r"integrat\w*|combin\w*|leverag\w*|based)\b"
)
#: "CodeLLMs", "MedVLMs": a class of models written as one word, not a system.
_CLASS_PLURAL = re.compile(r"(?:(?:LM|DNN|CNN|GNN|NN|Model|Net)s|LLMs?|VLMs?)$")
#: Words before a name that cite it: "such as X", "including X", "compared with X".
_CITED_BEFORE = gated(
    r"\b(?:such as|including|like|e\.g\.,?|i\.e\.,?|compared (?:to|with)|than|over|versus|"
    r"vs\.?|existing|baselines?|prior|previous|state-of-the-art|SOTA|version of)\s+"
    r"(?:(?:the|a|an)\s+)?(?:[\w.+-]+(?:,| and| or)?\s+){0,6}$",
    re.IGNORECASE,
)
#: "MatMul-free", "BERT-like": a name used as a modifier names what exists already.
_MODIFIER_AFTER = re.compile(r"-(?:free|like|style|inspired|less)\b")
_SMALL_WORDS = frozenset({"of", "for", "and", "in", "on", "the", "a", "an", "to", "with"})
_OWN = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study))\b")
# "ImageNet-C", "ARC-E", "ImageNet-1K", "HumanEval+", "Flowers-102+"
_DATA_SUFFIX = re.compile(r"(?:-(?:[A-Z][A-Za-z]?|\d+[Kk]?)(?![\w-])\+*|\++)(?![\w-])")
#: Words that make an ambiguous label of each kind a real name in their sentence.
# the capitalised parts of a coined name: "Aug" "GSM8K", "Scribble" "KITTI", "HumanEval"
_NAME_PART = re.compile(r"[A-Z][A-Z0-9]+(?![a-z])|[A-Z][a-z]+(?:[A-Z][a-z]+)*|[A-Z][\w]+(?=\+)")
# "Ultra96 v2", "Skylake-X", "RTX 3060 Ti": a revision written onto a device's name
_HARDWARE_SUFFIX = re.compile(
    r"(?:[ -]v\d+(?:\.\d+)?|-[A-Z]{1,2}| (?:Ti|SUPER|Super|Pro|Max|Ultra))(?![\w-])"
)
_CUES = {
    "dataset": gated(
        r"\b(?:benchmarks?|datasets?|corpus|corpora|test sets?|splits?|problems|evaluat\w*|"
        r"accuracy|score[sd]?|pass@\w+|solv\w*)\b",
        re.IGNORECASE,
    ),
    "hardware": gated(
        r"\b(?:supercomputers?|clusters?|nodes|GPUs?|CPUs?|TPUs?|accelerators?|exascale|HPC|"
        r"chips?|devices?|processors?|hardware)\b",
        re.IGNORECASE,
    ),
    "metric": re.compile(
        r"\d(?:\.\d+)?\s?(?:%|x\b|×|percent|times)",
        re.IGNORECASE,
    ),
}
_CUES["task"] = gated(
    r"\b(?:tasks?|problems?|benchmarks?|datasets?|accuracy|performance|evaluat\w*|models?)\b",
    re.IGNORECASE,
)
_ANY_CUE = gated(r"\b(?:benchmarks?|datasets?|evaluat\w*)\b", re.IGNORECASE)
#: Nouns that make one device of the device before them: "GPU server", "CPU node".
_SYSTEM_NOUNS = frozenset(
    {"server", "cluster", "node", "machine", "workstation", "board", "instance"}
)
#: "GPU-less", "CPU-free": the thing is absent.
_NEGATED = re.compile(r"-(?:less|free)\b")
_KIND_HEADS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dataset", re.compile(r"(?:data\s?set|benchmark|corpus|bench|collection)s?$", re.I)),
    (
        "metric",
        re.compile(
            r"(?:error|score|rate|accuracy|ratio|distance|precision|recall|index|coefficient|similarity)s?$",
            re.I,
        ),
    ),
    ("hardware", re.compile(r"\b(?:processing unit|processor|accelerator|chip|device)s?$", re.I)),
    (
        "task",
        re.compile(
            r"(?:classification|detection|segmentation|recognition|generation|estimation|"
            r"completion|translation|summari[sz]ation|answering|retrieval|forecasting|"
            r"captioning|tracking|localization|reconstruction|understanding|reasoning)$",
            re.I,
        ),
    ),
)
#: Expansions that name a class of things, not a method: never entities on their own.
GENERIC = frozenset(
    scorer_key(text)
    for text in (
        "large language model",
        "language model",
        "machine learning",
        "deep learning",
        "artificial intelligence",
        "neural network",
        "deep neural network",
        "natural language processing",
        "computer vision",
        "foundation model",
        "multimodal large language model",
        "vision language model",
        "small language model",
        "internet of things",
        "high performance computing",
        "state of the art",
    )
)
#: A compute budget counted in hours or days of a device class: "GPU-hours".
_BUDGET = re.compile(r"(GPU|TPU|NPU|CPU|[Aa]ccelerator)[- ]?(?:hours?|days?)\b")
PRIORITY_HARDWARE = 20
#: Acronyms of classes of models or fields: "DNN benchmarks" name no dataset.
_CLASS_ACRONYMS = frozenset(
    scorer_key(text)
    for text in ("DNN", "NN", "LLM", "VLM", "MLLM", "SLM", "ML", "AI", "NLP", "CV", "DL", "RL")
)
#: Priority of the proposal patterns that stand even against a vocabulary name.
STRONG_PROPOSAL = 13


def _symbols(text: str) -> str:
    """The signs that make ``MoE++`` another name than ``MoE`` (and C# than C)."""
    if "+" not in text and "#" not in text and "*" not in text:
        return ""  # most names: no walk over their characters
    return "".join(char for char in text if char in "+#*")


def _other_expansion(long_form: str, labels: tuple[str, ...] | list[str]) -> bool:
    """Whether the paper's expansion shares no word with any label of a concept its
    acronym matches: another thing with the same letters."""
    words = {w for w in re.split(r"[\s-]+", long_form.lower()) if len(w) > 2}
    known = {w for label in labels for w in re.split(r"[\s-]+", label.lower())}
    return bool(words) and not words & known


def _drops_final_s(form: str, labels: tuple[str, ...] | list[str]) -> bool:
    """``DART`` against ``DARTS``: the scorer's plural rule joined two names."""
    key = entity_key(form)
    keys = {entity_key(label) for label in labels}
    return key not in keys and key + "s" in keys


_LOOKUP_ORDER = ("software", "dataset", "hardware", "metric", "task", "method")


@Language.factory(
    "kg_roles",
    assigns=["doc._.kg_mentions"],
    requires=["doc._.kg_candidates", "doc._.kg_sentences"],
)
def make_roles(nlp: Language, name: str) -> RoleResolver:
    return RoleResolver(name)


def _shared_head_list(text: str, start: int, end: int) -> re.Match[str] | None:
    """``_SHARED_HEAD_LIST.search(text, start, end)``: the leftmost list before ``end``.

    Searched in full, the pattern is tried at every character and backtracks through
    the words after each (24 us a search); a match can only start at ``start`` itself
    or where no letter stands before, so only those places are tried.
    """
    if start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        listed = _SHARED_HEAD_LIST.match(text, start, end)  # a window that cut a word
        if listed is not None:
            return listed
    return _SHARED_HEAD_LIST_AT_WORD.search(text, start, end)


class RoleResolver(Component):
    def __init__(self, name: str = "kg_roles") -> None:
        self.name = name
        self.vocabulary = Vocabulary()
        # per vocabulary: whether a new name is built on a dataset's, by label
        self._dataset_variants: dict[str, bool] = {}

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self._dataset_variants = {}

    def _link(self, candidate: Candidate) -> None:
        """Give a new name its concept if the vocabulary knows it (in its kind, or any)."""
        if candidate.concept is not None:
            return
        forms = (candidate.label, *candidate.aliases)
        # a pattern's kind is the paper's reading: link within it (or block as software)
        kinds = (candidate.kind, "software") if candidate.kind else _LOOKUP_ORDER
        for kind in kinds:
            for form in forms:
                concept = self.vocabulary.lookup(kind, form)
                # "Probabilistic Circuits (PCs)": the paper's expansion says which PC
                # it means; an ambiguous label's other sense is not it, and an
                # acronym's missing final S is another name ("DART" is not DARTS)
                if (
                    concept is not None
                    and not candidate.kind
                    and form != forms[0]
                    and (concept.ambiguous or _drops_final_s(form, concept.labels))
                ):
                    continue
                if (
                    concept is not None
                    and candidate.component == "kg_acronyms"
                    and form != forms[0]
                    and _other_expansion(forms[0], concept.labels)
                ):
                    continue  # "learnable commutative monoid (LCM)" is not the known LCM
                if concept is not None and _symbols(form) == _symbols(concept.label):
                    candidate.kind = concept.kind
                    candidate.concept = concept.iri
                    candidate.aliases = tuple(
                        a for a in forms if scorer_key(a) != scorer_key(concept.label)
                    )
                    candidate.label = concept.label
                    # "we propose X" of a name the vocabulary knows is a misreading,
                    # unless the title or "called X" says so
                    candidate.proposed = (
                        candidate.proposed and candidate.priority >= STRONG_PROPOSAL
                    )
                    return

    def _other_kind(self, candidate: Candidate) -> bool:
        """A name the data-noun patterns read as a dataset that the vocabulary knows as
        another kind: "DNN benchmarks", "LLM datasets", "GPU benchmarks"."""
        if candidate.kind != "dataset" or candidate.component != "kg_names":
            return False
        if candidate.proposed:
            return False
        if scorer_key(candidate.label) in _CLASS_ACRONYMS:
            return True
        return any(
            self.vocabulary.lookup(kind, candidate.label) is not None
            for kind in ("method", "hardware", "task", "metric")
        )

    def _variant_of_dataset(self, candidate: Candidate) -> None:
        """A coined name built on a dataset's ("HumanEval+", "AugGSM8K", "ScribbleKITTI")
        names a dataset too."""
        label = candidate.label
        known = self._dataset_variants.get(label)
        if known is None:
            known = self._builds_on_dataset(label)
            if len(self._dataset_variants) > 20_000:
                self._dataset_variants.clear()  # bounded: a long run meets many names
            self._dataset_variants[label] = known
        if known:
            candidate.kind = "dataset"

    def _builds_on_dataset(self, label: str) -> bool:
        """Whether a capitalised part of ``label`` is a dataset's own label."""
        for match in _NAME_PART.finditer(label):
            part = match.group(0)
            if len(part) < 4 or part == label:
                continue
            concept = self.vocabulary.lookup("dataset", part)
            if concept is not None and not concept.ambiguous and part in concept.labels:
                return True
        return False

    def _acronym_kind(self, candidate: Candidate) -> None:
        long_form = candidate.label
        head = long_form.split()[-1] if long_form.split() else ""
        for kind, pattern in _KIND_HEADS:
            if pattern.search(head):
                candidate.kind = kind
                break
        else:
            # a capitalised expansion is a name; a lower-case one names a method only
            # by a method-like head ("post-training quantization", not "in-distribution")
            titled = all(w[0].isupper() for w in long_form.split() if w not in _SMALL_WORDS)
            candidate.kind = "method" if titled or _METHOD_HEAD.search(head) else "generic"
        short = candidate.aliases[0] if candidate.aliases else ""
        initials = "".join(w[0] for w in re.split(r"[\s-]+", long_form) if w).lower()
        clean = initials == "".join(c for c in short.lower() if c.isalpha())
        if not clean and short:
            # an unsure expansion: the acronym is the safer label
            candidate.label, candidate.aliases = short, (long_form,)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        index = SentenceIndex(doc)
        found = list(candidates(doc))
        for candidate in found:
            if candidate.kind == "":
                if scorer_key(candidate.label) in GENERIC:
                    candidate.kind = "generic"
                    continue
                self._link(candidate)
                if candidate.kind == "":
                    self._acronym_kind(candidate)
            elif candidate.concept is None and candidate.kind not in ("code",):
                self._link(candidate)
                if candidate.concept is None and (
                    candidate.priority == 1
                    or (candidate.proposed and candidate.component == "kg_names")
                ):
                    # "WILDS 2.0", "AugGSM8K": a new name built on a dataset's
                    self._variant_of_dataset(candidate)
                if candidate.concept is None and self._other_kind(candidate):
                    candidate.kind = "generic"  # "DNN benchmarks": a class, not a dataset
        # a class expansion ("large language models (LLMs)") names nothing, and must not
        # hide what the vocabulary finds inside it ("training large language models")
        found = [c for c in found if c.kind != "generic"]
        found.extend(self._repeats(text, found))
        found.extend(self._shared_head_list(text, found))
        # longest first; ties: priority, then position
        found.sort(key=lambda c: (c.start - c.end, -c.priority, c.start))
        accepted: list[Candidate] = []
        taken = bytearray(len(text) + 1)  # characters held by an accepted span
        for candidate in found:
            if taken.find(1, candidate.start, candidate.end) < 0:
                accepted.append(candidate)
                taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
                continue
            if not candidate.proposed:
                continue
            clash = next(
                (a for a in accepted if overlaps(a.start, a.end, candidate.start, candidate.end)),
                None,
            )
            if clash is None:
                continue
            elif (
                candidate.proposed
                and clash.kind in ("method", "dataset")
                and (clash.concept is None or candidate.priority >= STRONG_PROPOSAL)
                and clash.start <= candidate.start
                and candidate.end <= clash.end
            ):
                clash.proposed = True  # "we propose X": X won as a vocabulary or acronym match
        accepted.sort(key=lambda c: c.start)
        # where a dataset stands on its own: a cue for the ambiguous names of its sentence
        datasets = [c.start for c in accepted if c.kind == "dataset" and not c.needs_cue]
        kept: list[Candidate] = []
        for candidate in accepted:
            if candidate.kind in ("software", "generic", "blocked"):
                continue
            if candidate.needs_cue and not self._has_cue(text, index, candidate, datasets):
                continue
            if candidate.kind == "hardware" and (
                (kept and self._absorbed(kept[-1], candidate, text))
                or _NEGATED.match(text, candidate.end)
            ):
                continue
            if (
                candidate.kind == "hardware"
                and kept
                and self._class_before(kept[-1], candidate, text)
            ):
                kept.pop()  # "a consumer GPU RTX 4090": the model is the one entity
            if candidate.kind == "metric" and self._not_a_measure(candidate, text):
                continue
            if candidate.kind == "metric":
                device = self._device_of_budget(candidate, text)
                if device is not None:
                    kept.append(device)
            if candidate.kind == "method":
                self._extend(candidate, text, _VERSION_SUFFIX)
                self._extend(candidate, text, _SIZE_SUFFIX)
            elif candidate.kind == "dataset":
                self._extend(candidate, text, _DATA_SUFFIX)
            elif candidate.kind == "hardware":
                self._extend(candidate, text, _HARDWARE_SUFFIX)
            kept.append(candidate)
        self._own_names(doc, text, index, kept)
        kept = self._specific_tasks(kept)
        kept = self._family_back_references(kept, text)
        doc.user_data["kg_mentions"] = self._mentions(text, index, kept)
        return doc

    def _shared_head_list(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """The items of a list that share the last item's head word, where the
        vocabulary names them as methods or tasks: "tensor, pipeline, and data
        parallelism" holds tensor and pipeline parallelism too."""
        extra: list[Candidate] = []
        for candidate in found:
            if candidate.concept is None or candidate.component != "kg_vocab_ruler":
                continue
            if candidate.kind not in ("method", "task"):
                continue  # "computational and memory cost": a cost needs its own figure
            written = text[candidate.start : candidate.end]
            first, _, head = written.partition(" ")
            if not head or not first.isalpha():
                continue
            before = text[max(0, candidate.start - 80) : candidate.start]
            if not before[-1:].isspace() or not before.rstrip().endswith(("and", "or")):
                continue  # most names: no "and"/"or" just before them (cheap to rule out)
            listed = _shared_head_list(text, max(0, candidate.start - 80), candidate.start)
            if listed is None:
                continue
            for item in _LIST_ITEM.finditer(text, listed.start(), listed.end()):
                concept = self.vocabulary.lookup(candidate.kind, f"{item.group()} {head}")
                if concept is not None and concept.iri != candidate.concept:
                    extra.append(
                        Candidate(
                            candidate.kind,
                            item.start(),
                            item.end(),
                            concept.label,
                            candidate.component,
                            concept=concept.iri,
                            priority=candidate.priority,
                        )
                    )
        return extra

    def _repeats(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Later uses of a name the paper defines: its new names and its acronyms."""
        extra: list[Candidate] = []
        seen: set[str] = set()
        for candidate in found:
            if candidate.component != "kg_acronyms" and not (
                candidate.proposed and candidate.concept is None
            ):
                continue  # most candidates: a name the paper does not define
            if candidate.kind not in ("method", "dataset", "task", "metric", "hardware"):
                continue
            forms: list[str] = []
            if candidate.proposed and candidate.concept is None:
                forms.append(text[candidate.start : candidate.end])
            if candidate.component == "kg_acronyms":
                for alias in candidate.aliases:
                    if len(alias) <= 15:
                        forms.append(alias)
                        # defined as "PCs", used as "each PC", and the other way round
                        if _ACRONYM.fullmatch(alias):
                            forms.append(alias + "s")
                        elif _ACRONYM.fullmatch(alias[:-1]) and alias.endswith("s"):
                            forms.append(alias[:-1])
            for form in forms:
                if form in seen or len(form) < 2:
                    continue
                seen.add(form)
                position = text.find(form)
                while position >= 0:
                    end = position + len(form)
                    if is_word_start(text, position) and is_word_end(text, end):
                        extra.append(
                            Candidate(
                                candidate.kind,
                                position,
                                end,
                                candidate.label,
                                candidate.component,
                                concept=candidate.concept,
                                # the paper's own definition outranks the vocabulary's
                                # reading ("PC": probabilistic circuits, not a computer)
                                priority=max(candidate.priority, 21),
                                aliases=candidate.aliases,
                            )
                        )
                    position = text.find(form, end)
        return extra

    def _own_names(self, doc: Doc, text: str, index: SentenceIndex, kept: list[Candidate]) -> None:
        """A coined name no vocabulary knows, in a sentence about "we"/"our", is the paper's own.

        Known names are in the vocabulary; an abstract rarely cites an unknown
        CamelCase system without saying it is theirs.
        """
        # how often each label is kept, and the short forms: counted when a coined
        # name first needs them (most papers have none)
        counts: dict[str, int] | None = None
        abbreviations: set[str] = set()
        first_acronym: set[int] = set()
        for candidate in kept:
            if candidate.proposed or candidate.concept is not None or candidate.kind != "method":
                continue
            if candidate.component == "kg_acronyms":
                # "we propose a novel fairness notion, Socio-Economic Parity (SEP)": the
                # first new acronym after the proposing word of its sentence
                start, _ = index.at(candidate.start)
                # the last proposing word: "we propose X of Y and develop a Z (ZZ) scheme"
                cues = list(
                    _PROPOSING_PAIR.finditer(
                        text, max(start, candidate.start - 80), candidate.start
                    )
                )
                cue = cues[-1] if cues else None
                long_form = max((candidate.label, *candidate.aliases), key=len)
                # a coined name is capitalised ("Socio-Economic Parity"); a lower-case
                # expansion ("key-value (KV)") is background vocabulary
                titled = all(
                    word[0].isupper() for word in long_form.split() if word not in _SMALL_WORDS
                )
                # the pair is the verb's object ("we propose a novel notion, X (XN)"), not
                # a part named inside a clause ("a framework that integrates X (XN)"), and
                # this is where the text defines it, not a later use of the short form
                if (
                    cue
                    and titled
                    and start not in first_acronym
                    and "(" in text[candidate.start : candidate.end]
                    and not _CLAUSE.search(text, cue.end(), candidate.start)
                    # "we propose a novel setting, Multilevel AD (MAD)": not a method
                    and not _NOT_METHOD_NOUN.search(text, cue.end(), candidate.start)
                ):
                    first_acronym.add(start)
                    candidate.proposed = True

                continue
            if candidate.component != "kg_names" or candidate.priority != 1:
                continue
            if self._known_version(candidate.label) or _CLASS_PLURAL.search(candidate.label):
                continue  # "ChatGPT-4", "WideResNet-34-10"; "CodeLLMs": a class of models
            start, end = index.at(candidate.start)
            if text[candidate.start - 1 : candidate.start] == "/" or _CITED_BEFORE.search(
                text, max(start, candidate.start - 80), candidate.start
            ):
                continue  # "existing schemes including FedAvg and FedBuff"
            # a lower-case start ("kJ", "vMF", "pyCUDA") or a short form the text defines
            # ("unstable controls (uHC)", "State-of-the-Art (SoA)") abbreviates something;
            # it is the paper's own only after a proposing word
            if self._modifier(text, candidate.label):
                continue  # "MatMul-free models": what the paper does without
            if counts is None:
                counts, abbreviations = self._label_counts(doc, text, kept)
            if candidate.label[0].islower() or candidate.label in abbreviations:
                if _PROPOSING.search(text, start, candidate.start) or _NAMING.search(
                    text, max(start, candidate.start - 60), candidate.start
                ):
                    candidate.proposed = True
                continue
            if counts[candidate.label] > 1 or _OWN.search(text, start, end):
                candidate.proposed = True
        renamed: dict[str, Candidate] = {}
        for candidate in kept:
            if (
                candidate.proposed
                and candidate.component == "kg_acronyms"
                and not candidate.concept
            ):
                label = candidate.label
                if self._name_of_loss(candidate, text):
                    renamed[label] = candidate
        for candidate in kept if renamed else ():  # its later uses ("TCM") name the same loss
            named = renamed.get(candidate.label)
            if named is not None and candidate.concept is None:
                candidate.label, candidate.aliases = named.label, named.aliases

    @staticmethod
    def _label_counts(
        doc: Doc, text: str, kept: list[Candidate]
    ) -> tuple[dict[str, int], set[str]]:
        """How often each label is kept, and the short forms the text defines (its
        acronyms and the names written in brackets)."""
        counts: dict[str, int] = {}
        abbreviations = set(doc.user_data.get("kg_acronyms") or ())
        for candidate in kept:
            counts[candidate.label] = counts.get(candidate.label, 0) + 1
            if candidate.start and text[candidate.start - 1] == "(":
                abbreviations.add(candidate.label)
        return counts, abbreviations

    @staticmethod
    def _name_of_loss(candidate: Candidate, text: str) -> bool:
        """ "the Threshold-Consistent Margin (TCM) loss": a new loss is named with its head."""
        loss = _LOSS_AFTER.match(text, candidate.end)
        if not loss or candidate.label.lower().endswith("loss"):
            return False
        short = min((candidate.label, *candidate.aliases), key=len)
        candidate.label = f"{candidate.label} {loss.group(1)}"
        candidate.aliases = (*candidate.aliases, f"{short} {loss.group(1)}")
        return True

    @staticmethod
    def _modifier(text: str, label: str) -> bool:
        """Whether the text writes ``label`` as a modifier: "MatMul-free", "BERT-like"."""
        position = text.find(label + "-")
        while position >= 0:
            if _MODIFIER_AFTER.match(text, position + len(label)):
                return True
            position = text.find(label + "-", position + 1)
        return False

    def _known_version(self, label: str) -> bool:
        """A version of a model the vocabulary knows: "WideResNet-34-10", "ChatGPT-4"."""
        base = _VERSION_TAIL.sub("", label)
        if base != label and self.vocabulary.lookup("method", base):
            return True
        # the tail starts at a separator: "ChatGPT-4" is ChatGPT's, not "ChatGP" + "T-4"
        cut = max(label.rfind("-"), label.rfind(" "))
        return (
            cut > 0
            and _VERSION_WORD.match(label, cut + 1) is not None
            and self.vocabulary.lookup("method", label[:cut]) is not None
        )

    def _specific_tasks(self, kept: list[Candidate]) -> list[Candidate]:
        """Drop a task the paper also names more specifically: "classification" beside
        "imbalanced classification", "reasoning" beside "mathematical reasoning"."""
        concepts = {c.concept for c in kept if c.kind == "task" and c.concept is not None}
        if len(concepts) < 2:
            return kept
        general: set[str] = set()
        for concept in concepts:
            general |= self.vocabulary.ancestors(concept)
        # only a bare class word ("classification", a kg:ambiguous label) is redundant:
        # papers name "distributed training" and "LLM training" as two problems
        general = {iri for iri in general if (c := self.vocabulary.get(iri)) and c.ambiguous}
        return [c for c in kept if c.kind != "task" or c.concept not in general]

    def _has_cue(
        self, text: str, index: SentenceIndex, candidate: Candidate, datasets: list[int]
    ) -> bool:
        """Whether the sentence of an ambiguous name has a cue for its kind or a dataset
        (``datasets``: the sorted starts of the datasets that need no cue)."""
        start, end = index.at(candidate.start)
        if candidate.kind == "metric":
            if has_metric_cue(candidate.label, text, candidate.start, candidate.end, (start, end)):
                return True
        elif _CUES.get(candidate.kind, _ANY_CUE).search(text, start, end):
            return True
        first = bisect_left(datasets, start)
        return first < len(datasets) and datasets[first] < end

    @staticmethod
    def _not_a_measure(candidate: Candidate, text: str) -> bool:
        """A metric word used otherwise ("low-latency links", "at inference time")."""
        return not_a_measure(candidate.label, text, candidate.start, candidate.end)

    def _absorbed(self, previous: Candidate, candidate: Candidate, text: str) -> bool:
        """``candidate`` only completes ``previous``: "A100 GPUs" (a class word after a
        device), "GPU servers" (a system noun after one: the pair becomes one device)."""
        if previous.kind != "hardware" or text[previous.end : candidate.start].strip(" -") != "":
            return False
        if candidate.label.lower() in _SYSTEM_NOUNS:
            written = text[previous.start : candidate.end]
            written = written[:-1] if written.endswith("s") else written
            concept = self.vocabulary.lookup("hardware", written)
            previous.end = candidate.end
            previous.label = concept.label if concept else written
            previous.concept = concept.iri if concept else None
            return True
        if candidate.concept is None:
            return False
        if previous.concept is not None and candidate.concept in self.vocabulary.ancestors(
            previous.concept
        ):
            return True
        return self.vocabulary.has_narrower(candidate.concept) or previous.concept is None

    def _device_of_budget(self, candidate: Candidate, text: str) -> Candidate | None:
        """ "400,000 GPU-hours", "accelerator hours": the budget names its hardware too."""
        match = _BUDGET.match(text, candidate.start, candidate.end)
        if not match:
            return None
        concept = self.vocabulary.lookup("hardware", match.group(1))
        if concept is None:
            return None
        return Candidate(
            "hardware",
            candidate.start,
            candidate.start + len(match.group(1)),
            concept.label,
            self.name,
            concept=concept.iri,
            priority=PRIORITY_HARDWARE,
        )

    def _class_before(self, previous: Candidate, candidate: Candidate, text: str) -> bool:
        """``previous`` is a class word right before a device it describes ("GPU A100")."""
        if previous.kind != "hardware" or previous.concept is None:
            return False
        if text[previous.end : candidate.start].strip() != "" or previous.end == candidate.start:
            return False
        if not self.vocabulary.has_narrower(previous.concept):
            return False
        # the device is a model ("RTX 4090", "Jetson Nano"), not another class
        return candidate.concept is None or not self.vocabulary.has_narrower(candidate.concept)

    def _family_back_references(self, kept: list[Candidate], text: str) -> list[Candidate]:
        """Drop "the Jetson" after "Jetson Nano": a product family written as the start of
        a device the paper names in full refers back to it. Class words ("GPU", "TPU"
        after "TPU v4") stay: a bare class is an entity of its own."""
        devices = [c for c in kept if c.kind == "hardware" and c.concept is not None]
        if len(devices) < 2:
            return kept
        dropped: set[int] = set()
        for short in devices:
            label = short.label
            if label.isupper() or not label[:1].isupper():
                continue  # a class ("GPU") or a class word ("accelerator")
            written = text[short.start : short.end]
            for full in devices:
                if full is short or short.concept not in self.vocabulary.ancestors(full.concept):
                    continue
                # "NVIDIA Jetson Nano" holds "Jetson " as a word
                if f" {written} " in f" {text[full.start : full.end]}":
                    dropped.add(id(short))
                    break
        return [c for c in kept if id(c) not in dropped]

    def _extend(self, candidate: Candidate, text: str, suffix: re.Pattern[str]) -> None:
        """Keep a size or variant written onto a name: "Llama-2-7B", "ImageNet-C", "HumanEval+"."""
        match = suffix.match(text, candidate.end)
        if match and match.end() > candidate.end:
            candidate.end = match.end()
            written = text[candidate.start : candidate.end]
            concept = self.vocabulary.lookup(candidate.kind, written)
            if concept is not None and _symbols(written) == _symbols(concept.label):
                candidate.label, candidate.concept = concept.label, concept.iri
            elif candidate.kind == "hardware":
                # "AMD Xilinx Ultra96 v2" → "Ultra96 v2": the revision onto the device's name
                candidate.label, candidate.concept = candidate.label + match.group(0), None
            else:
                candidate.label, candidate.concept = written, None

    @staticmethod
    def _mentions(text: str, index: SentenceIndex, kept: list[Candidate]) -> list[Mention]:
        """The mentions of the kept candidates (one loop: this runs for every name)."""
        mentions: list[Mention] = []
        sentence_texts: dict[int, str] = {}  # mentions of one sentence share its string
        for candidate in kept:
            start, end = index.at(candidate.start)
            sentence = sentence_texts.get(start)
            if sentence is None:
                sentence = sentence_texts[start] = text[start:end]
            # positional: keyword arguments cost twice the time of the whole init
            mentions.append(
                Mention(
                    candidate.kind,  # type: ignore[arg-type]
                    candidate.label,
                    text[candidate.start : candidate.end],
                    candidate.start,
                    candidate.end,
                    sentence,
                    start,
                    candidate.component,
                    candidate.concept,
                    candidate.proposed and candidate.kind in ("method", "dataset"),
                    candidate.aliases,
                )
            )
        return mentions

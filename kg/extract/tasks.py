"""``kg_tasks``: task names the vocabulary does not list, by their head noun.

"fraud detection", "human pose estimation", "speaker recognition": one or two
noun modifiers before a task head ("detection", "classification", "generation",
...). Adjectives and function words end the phrase ("accurate detection" gives
nothing), so only noun-compound task names come out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract._scan import find_words, gated, trigger_words, words_after, words_before
from kg.extract.spans import Candidate, Component, candidates, text_of
from kg.vocab import Vocabulary

HEADS = trigger_words(
    (
        "classification",
        "detection",
        "segmentation",
        "recognition",
        "generation",
        "estimation",
        "completion",
        "translation",
        "summarization",
        "answering",
        "retrieval",
        "forecasting",
        "captioning",
        "tracking",
        "localization",
        "reconstruction",
        "parsing",
        "tagging",
        "synthesis",
        "denoising",
        "editing",
        "understanding",
        "reasoning",
        "prediction",
        "recommendation",
        "verification",
        "diagnosis",
        "nowcasting",
        "counting",
        "inpainting",
        "diarization",
        "transcription",
        "imputation",
        "discovery",
        "navigation",
        "planning",
        "repair",
        "proving",
    )
)
#: Modifiers that date or rank the head rather than name a problem ("4th generation").
_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)?|first|second|third|next|last|latest)$", re.I)
_LLM_TASK = re.compile(
    r"\b([Tt]raining|[Ii]nference|[Ss]erving|[Ff]ine-tuning|[Dd]eployment|[Pp]re-?training)\s+"
    r"(?:(?:of|for|with|on|in)\s+)?(?:(?:the|modern|large-scale|state-of-the-art)\s+)?"
    # up to three modifiers: "inference on extremely large scale LLMs", "transformer-based"
    r"(?:(?!and\b|or\b|with\b|to\b)[a-z][\w-]*\s+){0,3}?"
    r"(?:[Ll]arge\s+[Ll]anguage\s+[Mm]odels|LLMs?)\b"
)
#: The stage words, in lower case, that an ``_LLM_TASK`` match starts with ("pretraining"
#: and "pre-training" hold "training" 3 and 4 characters in).
_STAGE_WORDS = ("training", "inference", "serving", "fine-tuning", "deployment")
#: "Mixture of Experts serving", "MoE model training": the stage of an MoE model.
_MOE_TASK = gated(
    r"\b(?:MoEs?|[Mm]ixture[- ]of[- ][Ee]xperts?)(?:\s+\(MoE\))?\s+(?:[Mm]odels?\s+)?"
    r"([Tt]raining|[Ii]nference|[Ss]erving)\b"
)
#: A verb and the noun of its task: "proving theorems" is theorem proving.
_VERB_TASK = {
    **dict.fromkeys(("generate", "generating"), "generation"),
    **dict.fromkeys(("classify", "classifying"), "classification"),
    **dict.fromkeys(("detect", "detecting"), "detection"),
    **dict.fromkeys(("segment", "segmenting"), "segmentation"),
    **dict.fromkeys(("recognize", "recognizing", "recognise", "recognising"), "recognition"),
    **dict.fromkeys(("translate", "translating"), "translation"),
    **dict.fromkeys(("summarize", "summarizing", "summarise", "summarising"), "summarization"),
    **dict.fromkeys(("predict", "predicting"), "prediction"),
    **dict.fromkeys(("retrieve", "retrieving"), "retrieval"),
    **dict.fromkeys(("answer", "answering"), "answering"),
    **dict.fromkeys(("prove", "proving"), "proving"),
    **dict.fromkeys(("solve", "solving"), "solving"),
    **dict.fromkeys(("forecast", "forecasting"), "forecasting"),
    **dict.fromkeys(("estimate", "estimating"), "estimation"),
    **dict.fromkeys(("complete", "completing"), "completion"),
    **dict.fromkeys(("repair", "repairing"), "repair"),
    **dict.fromkeys(("track", "tracking"), "tracking"),
    **dict.fromkeys(("caption", "captioning"), "captioning"),
    **dict.fromkeys(("recommend", "recommending"), "recommendation"),
}
_VERBS = trigger_words(_VERB_TASK)
_ARTICLES = frozenset(("the", "a", "an"))
#: Words that cannot start a task name (adjectives, determiners, verbs, vague nouns).
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "our",
        "their",
        "its",
        "his",
        "her",
        "of",
        "for",
        "in",
        "on",
        "to",
        "with",
        "by",
        "from",
        "and",
        "or",
        "as",
        "at",
        "is",
        "are",
        "be",
        "was",
        "were",
        "can",
        "will",
        "may",
        "into",
        "over",
        "under",
        "via",
        "both",
        "each",
        "all",
        "any",
        "more",
        "most",
        "less",
        "accurate",
        "efficient",
        "effective",
        "fast",
        "faster",
        "better",
        "improved",
        "robust",
        "reliable",
        "precise",
        "high",
        "low",
        "real-time",
        "large",
        "small",
        "new",
        "novel",
        "existing",
        "previous",
        "current",
        "various",
        "different",
        "multiple",
        "several",
        "many",
        "such",
        "other",
        "same",
        "simple",
        "complex",
        "challenging",
        "downstream",
        "final",
        "overall",
        "automatic",
        "automated",
        "joint",
        "general",
        "improving",
        "enabling",
        "achieving",
        "performing",
        "enhanced",
        "enhancing",
        "perform",
        "performs",
        "performed",
        "improve",
        "improves",
        "enable",
        "enables",
        "support",
        "supports",
        "model",
        "models",
        "method",
        "methods",
        "approach",
        "approaches",
        "framework",
        "system",
        "based",
        "using",
        "better-quality",
        "high-quality",
        "state-of-the-art",
        "sota",
        "competitive",
        "strong",
        "superior",
        "conditional",
        "explicit",
        "implicit",
        "standard",
        "traditional",
        "conventional",
        "typical",
        "key",
        "underlying",
        "successful",
        "accurate-yet",
        "large-scale",
        "fine-grained",
        "coarse-grained",
        "task",
        "tasks",
        "problem",
        "problems",
        "address",
        "addresses",
        "tackle",
        "tackles",
        "study",
        "studies",
        "solve",
        "solves",
        "consider",
        "considers",
        "apply",
        "applies",
        "target",
        "targets",
        "achieve",
        "achieves",
    ]
)


STOP |= frozenset(["machine", "statistical", "end-to-end", "this"])
STOP |= frozenset(
    [
        "while",
        "where",
        "which",
        "who",
        "whose",
        "when",
        "then",
        "than",
        "also",
        "only",
        "just",
        "even",
        "still",
        "yet",
        "either",
        "not",
        "no",
        "nor",
        "so",
        "thus",
        "hence",
        "help",
        "helps",
        "compare",
        "compares",
        "find",
        "finds",
        "involve",
        "involves",
        "include",
        "includes",
        "show",
        "shows",
        "make",
        "makes",
        "use",
        "uses",
        "provide",
        "provides",
        "require",
        "requires",
        "allow",
        "allows",
        "present",
        "presents",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "we",
        "it",
        "they",
        "next-generation",
        "initial",
        "modern",
        "prior",
        "popular",
        "theoretical",
        "practical",
        "deep",
        "whole",
        "entire",
        "full",
        "good",
        "best",
        "real-world",
        "proactive",
        "formal",
    ]
)


@Language.factory("kg_tasks", assigns=["doc._.kg_candidates"])
def make_tasks(nlp: Language, name: str) -> TaskPatterns:
    return TaskPatterns(name)


class TaskPatterns(Component):
    def __init__(self, name: str = "kg_tasks") -> None:
        self.name = name
        self.vocabulary: Vocabulary | None = None

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary

    def _verb_object(self, text: str, start: int, end: int, noun: str) -> Candidate | None:
        """The known task a verb and its object name: "proving theorems", "classify images".

        Only a task the vocabulary lists comes out, so free verb phrases give nothing.
        """
        if self.vocabulary is None:
            return None
        words = [(b, e) for b, e in words_after(text, end, span=50)[:4]]
        if words and text[words[0][0] : words[0][1]].lower() in _ARTICLES:
            words = words[1:]
        for count in (3, 2, 1):  # the longest object first: "math word problems"
            if len(words) < count:
                continue
            phrase = text[words[0][0] : words[count - 1][1]]
            if not phrase.replace(" ", "").replace("-", "").isalpha():
                continue
            for obj in _singulars(phrase):
                concept = self.vocabulary.lookup("task", f"{obj} {noun}")
                if concept is not None:
                    return Candidate(
                        "task",
                        start,  # the verb too: the paper's words are "proving theorems"
                        words[count - 1][1],
                        f"{obj} {noun}",  # the concept's name in its usual order
                        self.name,
                        concept=concept.iri,
                        priority=3,
                    )
        return None

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        found = candidates(doc)
        for position, end, _ in find_words(doc, HEADS):
            if position and text[position - 1] == "-":
                left = words_before(text, position - 1, span=20)
                if left and _ORDINAL.match(text[left[-1][0] : left[-1][1]]):
                    continue  # a compound adjective: "next-generation", "4th-generation"
            words = words_before(text, position, span=50)[-3:]
            titled = text[position].isupper()  # "Breast Tumor Classification" in a title
            # keep the nouns nearest the head, up to the first stop word
            start = position
            count = 0
            for begin, stop in reversed(words):
                word = text[begin:stop]
                if (
                    stop + 1 != start
                    or word.lower() in STOP
                    or not word[0].isalnum()
                    or word.endswith(("ly", "ing", "ed"))
                    or _ORDINAL.match(word)
                    or (word.istitle() and not titled)  # "We" starting the sentence
                ):
                    break
                start = begin
                count += 1
            if count == 0:
                continue
            if any(c.kind == "task" and c.end == end and c.concept is not None for c in found):
                continue  # the vocabulary's task ends here: "benchmark image classification"
            phrase = text[start:end]
            label = phrase if any(c.isupper() for c in phrase[1:]) else phrase.lower()
            found.append(Candidate("task", start, end, label, self.name, priority=3))
        for start, end, verb in find_words(doc, _VERBS):
            found_task = self._verb_object(text, start, end, _VERB_TASK[verb])
            if found_task is not None:
                found.append(found_task)
        if "anguage model" in text or "LLM" in text:
            for match in _llm_task_matches(text):
                # "training of large language models" is the task "LLM training"
                stage = match.group(1).lower().replace("pre-training", "pretraining")
                # the stage word only, so that names between it and "LLMs" stay free
                # ("transformer-based"); a stage that is a method's name ("fine-tuning")
                # keeps the whole phrase, or the method would take the span
                end = match.end() if stage in ("fine-tuning", "pretraining") else match.end(1)
                found.append(
                    Candidate("task", match.start(), end, f"LLM {stage}", self.name, priority=4)
                )
        if "MoE" in text or "xpert" in text:
            for match in _MOE_TASK.finditer(text):
                stage = match.group(1).lower()
                found.append(
                    Candidate(
                        "task", match.start(), match.end(), f"MoE {stage}", self.name, priority=4
                    )
                )
        return doc


def _llm_task_matches(text: str) -> Iterator[re.Match[str]]:
    """``_LLM_TASK.finditer(text)``, tried only where a stage word starts: the regex
    opens with a word boundary, which makes ``re`` try it at every character."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character lower-cased to two: offsets shift
        yield from _LLM_TASK.finditer(text)
        return
    starts: set[int] = set()
    for word in _STAGE_WORDS:
        position = lowered.find(word)
        while position >= 0:
            starts.add(position)
            if word == "training":
                starts.update((position - 3, position - 4))  # "pre(-)training"
            position = lowered.find(word, position + 1)
    end = 0
    for start in sorted(starts):
        if start < end:
            continue  # inside the last match (or before the text)
        match = _LLM_TASK.match(text, start)
        if match:
            yield match
            end = match.end()


def _singulars(phrase: str) -> tuple[str, ...]:
    """``phrase`` and its last word in the singular: "theorems" → "theorem"."""
    lower = phrase.lower()
    if lower.endswith("ies"):
        return (lower, lower[:-3] + "y")
    if lower.endswith("s") and not lower.endswith("ss"):
        return (lower, lower[:-1])
    return (lower,)

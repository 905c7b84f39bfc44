"""When a metric word names a measure, and when it is used otherwise.

Used by ``kg_roles`` for every metric candidate: ``not_a_measure`` drops uses that
are not measures ("low-latency links", "inference-time compute", "8-bit precision",
"LLMs recall facts", "a model with 7B parameters"); ``has_metric_cue`` decides for
``kg:ambiguous`` metric labels ("cost", "runtime", "error rate") whether the text
measures them: a figure ("41.5%", "3x", "$100K"), or a word of change right before
("reduces the computational cost", "halves the error rate", "negligible overhead").

Each regex runs on a short window around the candidate, never over the whole text.
"""

from __future__ import annotations

import re

from kg.extract._scan import gated

#: A figure: "28%", "28\\%" (TeX), "3.2x", "10 times", "$100K". Written to start with
#: one character class (a digit or "$", then told apart by a look-behind) so that
#: ``re`` skips to the digits instead of trying every alternative at every position
#: (ASCII digits: ``[0-9]`` is tested at each character twice as fast as ``\d``).
_NUMBER_FIGURE = re.compile(
    r"[0-9$](?:(?<=[0-9])(?:\.[0-9]+)?\s?(?:\\?%|x\b|×|percent|times|-fold)|(?<=\$)\s?[0-9])",
    re.IGNORECASE,
)
#: "a factor of 3": searched only where the words are there at all.
_FACTOR_FIGURE = re.compile(r"\bfactor of\s+\d", re.IGNORECASE)


def _has_figure(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a figure (either pattern above)."""
    if _NUMBER_FIGURE.search(text, start, end):
        return True
    # no letter of "factor of" has another case form for ``re`` than ``lower()``'s
    return "factor of" in text[start:end].lower() and bool(_FACTOR_FIGURE.search(text, start, end))


#: A word of change or size just before the metric: "reduces (the) X", "lower X".
_CHANGE_BEFORE = gated(
    r"\b(?:reduc\w*|lower\w*|decreas\w*|cut\w*|halv\w*|fewer|less|negligible|minimal|"
    r"in terms of|(?:gain|improvement|increase|reduction|decrease|drop)s?\s+in)"
    r"\s+(?:(?:the|its|their|our|of)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
#: Labels that a word of change alone does not make measured ("lower cost").
_GOAL_WORDS = frozenset({"cost", "utilization", "data movement"})
#: A measured gain right before "precision"/"recall": "gains in precision".
_GAIN_BEFORE = gated(
    r"\b(?:(?:gains?|improvements?|increases?)\s+in|improv\w*)\s+(?:the\s+)?(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
#: A word of change just after it: "X reduction", "X savings", "X by 30%".
_CHANGE_AFTER = re.compile(r"\s+(?:reductions?|savings?|by\s+(?:up to\s+|about\s+)?\d)", re.I)
#: "at inference time", "during both training and inference time": a phase, not a measure.
_PHASE = re.compile(
    r"\b(?:at|during|in|the)\s+(?:both\s+)?(?:[\w-]+\s+(?:and|or)\s+)?$", re.IGNORECASE
)
_PHASE_WORDS = frozenset(
    {"inference", "training", "test", "run", "compile", "compilation", "deployment", "serving"}
)
#: What may follow a hyphenated "X-time" that is still a measure: "training-time reduction".
_TIME_NOUN_AFTER = re.compile(
    r"\s+(?:reductions?|savings?|speedups?|overheads?|by|of|is|was|and|or|per)\b", re.I
)
#: A number format or numeric setting before "precision": "8-bit", "mixed", "FP16".
_NUMERIC_PRECISION = re.compile(
    r"(?:\d+-bit|bit|mixed|numeric(?:al)?|arbitrary|reduced|low|lower|half|single|double|full|"
    r"b?float\d+|tf32|"
    r"floating[- ]point|fixed[- ]point|limited|variable|extended|machine|FP\d+|INT\d+|BF16)"
    r"[- ]$",
    re.IGNORECASE,
)
#: "the precision of weights/activations": a number format's width.
_PRECISION_OF = re.compile(
    r"\s+of\s+(?:the\s+)?(?:weights|activations|parameters|gradients|tensors|operands|"
    r"accumulators?|arithmetic|computations?)\b"
)
#: Other retrieval/classification measures near "precision" or "recall" ("accuracy"
#: is no partner of "precision": "reduced precision costs accuracy").
_PR_PARTNERS = gated(
    r"\b(?:precision|recall|F1|F-?score|F-measure|AUC|AUROC|mAP|sensitivity|specificity)\b",
    re.IGNORECASE,
)
#: A noun after the metric word that makes it a component: "cost model", "loss function".
_MODEL_AFTER = re.compile(r"\s+(?:models?|functions?|predictors?|estimators?)\b")
#: Sizes and budgets that a study varies rather than measures.
_SETTINGS = frozenset({"model size", "number of parameters", "training time"})
_VARIED_BEFORE = gated(
    r"\b(?:across|impact of|effect of|influence of|role of|varying|different|various|scaling)"
    r"\s+(?:(?:the|most|all|many)\s+)?$",
    re.IGNORECASE,
)
_RUNTIME_MODIFIER = re.compile(
    r"\s+(?:performance|systems?|environments?|libraries|library|support|checks?|errors?|"
    r"engines?|behaviou?r|adaptation|decisions?)\b",
    re.IGNORECASE,
)
#: "7B parameters", "1 trillion parameters": the model's size, stated, not measured.
_SIZE_BEFORE = re.compile(
    r"\d[\d.,]*\s*(?:[KMBT]|[Kk]ilo|[Mm]illion|[Bb]illion|[Tt]rillion|[Tt]housand)?\s+$"
)


#: "speed up", "speeds up", "sped up", "speeding up": the verb (not the noun "speed-up").
_SPEED_UP_VERB = re.compile(r"sp(?:eeds?|eeding|ed) up")


def not_a_measure(label: str, text: str, start: int, end: int) -> bool:
    """Whether the metric word ``text[start:end]`` (linked to ``label``) is used otherwise.

    >>> not_a_measure("latency", "low-latency links", 4, 11)
    True
    >>> not_a_measure("precision", "8-bit precision", 6, 15)
    True
    """
    after = text[end : end + 2]
    before = text[max(0, start - 40) : start]
    written = text[start:end]
    if len(after) == 2 and after[0] == "-" and after[1].isalpha():
        return True  # "low-latency links"
    if _MODEL_AFTER.match(text, end):
        return True  # "a proxy cost model", "a latency predictor": a thing, not a measure
    if before.endswith("-") and before[-2:-1].isalpha():
        return True
    if label.endswith("time"):
        if "-time" in written and not _TIME_NOUN_AFTER.match(text, end):
            # "inference-time compute", "training-time protocols": an adjective
            return text[end : end + 2][:1] == " " and text[end + 1 : end + 2].islower()
        first = written.split()[0].lower()
        if first in _PHASE_WORDS and _PHASE.search(before):
            return True  # "at inference time"; "in wall-clock time" stays a measure
    lowered = written.lower()
    if _SPEED_UP_VERB.search(lowered):
        # a verb ("improvements that speed up training") unless a figure is its size
        # ("a 3x speed up", "speed up training by up to 35%")
        return not (
            re.search(r"\d\s?[x×]?\s*$", before)
            or re.match(r"[^.;]{0,60}?\bby\s+(?:up to\s+|about\s+)?\d", text[end : end + 80])
        )
    if label in ("precision", "recall"):
        if label == "precision" and (
            _NUMERIC_PRECISION.search(before) or _PRECISION_OF.match(text, end)
        ):
            return True  # "8-bit precision", "the precision of weights"
        window = text[max(0, start - 80) : end + 80]
        partners = _PR_PARTNERS.finditer(window)
        partner = any(m.group(0).lower() != label for m in partners)
        if label == "recall" and not partner:
            partner = "accuracy" in window.lower()
        figure = _has_figure(text, max(0, start - 30), min(len(text), end + 30))
        # "gains in precision" (a measure); "reducing precision" is a number format's
        change = _GAIN_BEFORE.search(text[max(0, start - 40) : start])
        return not (partner or figure or change or re.match(r"\s+(?:of|rate|score)\b", text[end:]))
    if label in _SETTINGS and _VARIED_BEFORE.search(before):
        return True  # "across model sizes", "the impact of model size": a variable
    if label == "runtime" and _RUNTIME_MODIFIER.match(text, end):
        return True  # "runtime performance", "runtime system": an adjective
    if label in ("top-1 accuracy", "top-5 accuracy") and "acc" not in lowered:
        # bare "top-1" is a rank ("the Top-1 supercomputer") unless a figure is near
        return not _has_figure(text, max(0, start - 30), min(len(text), end + 30))
    if label == "number of parameters" and "parameter" in lowered.split()[0]:
        # bare "parameters": "models with 7B parameters" state a size
        return bool(_SIZE_BEFORE.search(before))
    return False


def has_metric_cue(label: str, text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether an ambiguous metric ``label`` at ``text[start:end]`` is measured in its sentence."""
    lo, hi = sentence
    if _has_figure(text, lo, hi):
        return True
    if label in _GOAL_WORDS:
        return False  # "reduce the cost": a goal unless a figure says how much
    if _CHANGE_BEFORE.search(text[max(lo, start - 60) : start]):
        return True
    return bool(_CHANGE_AFTER.match(text, end))

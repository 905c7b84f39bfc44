"""``kg_results``: numeric claims — a value, its unit, the metric it measures.

"98.23% accuracy on BreakHis", "accuracy of 98.23%", "7.89x speedup", "28% latency
reduction", "59.6 percent of MBPP problems", "over 35,000 GPU hours". The metric is
the nearest metric mention in the same clause (after the number first, then
before it); the dataset and hardware likewise. Device counts ("12,000 GPUs") fill
``hardware_count`` of the clause's results, or stand alone as a ``hardware count``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract._scan import gated
from kg.extract.spans import Component, SentenceIndex, text_of
from kg.namespaces import ID
from kg.records import Mention, Result

# ASCII digits: ``re`` scans a whole abstract for the first one, and tests ``[0-9]`` at
# each character in half the time it takes to test ``\d`` (every script's digits).
_NUMBER = r"(?P<value>[0-9][0-9,]*(?:\.[0-9]+)?)"
_UNIT = (
    r"(?P<unit>%|\s?percent(?:age points?)?|\s?pp\b|\s?[x×](?![\w])|\s?times\b|\s?GPU[- ]hours?|"
    r"\s?(?:ms|milliseconds?|seconds?|s|hours?|minutes?|days?|"
    r"[KMGTP]i?B|[KMGTP]?FLOPs?|TFLOPS|GFLOPS|tokens/s|samples/s|FPS|fps|W|mW|J|mJ|dB)(?![\w]))"
)
_VALUE = re.compile(rf"{_NUMBER}{_UNIT}")
_DEVICE_COUNT = re.compile(
    r"(?P<value>[0-9][0-9,]*)\s+(?:[\w-]+\s+){0,2}?"
    r"(?P<device>GPUs|TPUs|CPUs|NPUs|accelerators|nodes|chips)\b"
)
_DEVICES = ("GPUs", "TPUs", "CPUs", "NPUs", "accelerators", "nodes", "chips")
_CLAUSE_BREAK = gated(r";|,\s+(?:while|whereas|and|but)\b|\bwhile\b|\bwhereas\b")
#: Other values coordinated with this one ("45x and 6150x speedups"): skipped over
#: when the metric follows the values.
_MORE_VALUES = re.compile(
    r"(?:\s*(?:,|\band\b|\bor\b|\bto\b|-)?\s*(?:up to\s+)?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:%|[x×]|times|percent(?:age points?)?)(?![\w]))?)+"
)
#: Words between a value and a metric after it that tie the value to something else:
#: "77.1% compression with 0.6% accuracy loss", "10 points across model sizes".
_LOOSE_GAP = gated(
    r"[,;()]|\b(?:and|with|while|whereas|across|for|on|than|compared|when|using|which|"
    r"that|but|at|by|over|under|beyond|without|within|while)\b",
    re.IGNORECASE,
)
#: A factor with no metric named, after a comparison verb: "outperforms X by up to
#: 7.89x", "runs 3x faster" — a speedup.
_SPEED_CUE = gated(
    r"\b(?:outperform\w*|faster|quicker|speed(?:s|ing)?[ -]?up|sped up|accelerat\w*)\b",
    re.IGNORECASE,
)
_SPEEDUP_CONCEPT = ID + "metric/speedup"
#: Metric-label words a physical unit can measure (a percentage or a factor fits any).
_UNIT_FITS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(r"^(?:ms|milliseconds?|seconds?|s|hours?|minutes?|days?)$"),
        re.compile(r"time|latency|duration|delay|hours|makespan|overhead|cost", re.I),
    ),
    (re.compile(r"^(?:W|mW)$"), re.compile(r"power|energy|watt", re.I)),
    (re.compile(r"^(?:J|mJ)$"), re.compile(r"energy|joule", re.I)),
    (re.compile(r"^dB$"), re.compile(r"PSNR|SNR|noise|dB|gain", re.I)),
    (re.compile(r"^(?:FPS|fps)$"), re.compile(r"frame|FPS|throughput|speed", re.I)),
    (
        re.compile(r"^(?:tokens|samples)/s$"),
        re.compile(r"throughput|per second|speed|rate", re.I),
    ),
    (
        re.compile(r"^[KMGTP]i?B$"),
        re.compile(r"memory|size|footprint|storage|bandwidth|capacity|traffic|volume", re.I),
    ),
    (
        re.compile(r"FLOP", re.I),
        re.compile(r"FLOP|MAC|operations|compute|throughput|performance", re.I),
    ),
)


def _clause_breaks(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the clause breaks in ``sentence`` (";", ", while", ...)."""
    lo, hi = sentence
    return [match.span() for match in _CLAUSE_BREAK.finditer(text, lo, hi)]


def _clause(
    sentence: tuple[int, int], breaks: list[tuple[int, int]], start: int, end: int
) -> tuple[int, int]:
    """The clause of ``sentence`` around ``text[start:end]``, between its ``breaks``."""
    clause_start, clause_end = sentence
    for break_start, break_end in breaks:
        if break_end <= start:
            clause_start = break_end
        elif break_start >= end:
            clause_end = break_start
            break
    return clause_start, clause_end


def _may_count_devices(text: str) -> bool:
    """Whether ``text`` may hold a device count: it has one of ``_DEVICES`` ("PUs" stands
    for the four processor words, one scan instead of four)."""
    return "PUs" in text or "accelerators" in text or "nodes" in text or "chips" in text


def _fits(unit: str, label: str) -> bool:
    """Whether a value in ``unit`` can measure the metric ``label`` ("5 hours" is no accuracy)."""
    for units, labels in _UNIT_FITS:
        if units.search(unit):
            return bool(labels.search(label))
    return True


def _metric_for(
    text: str, mentions: list[Mention], start: int, end: int, lo: int, hi: int, unit: str
) -> Mention | None:
    """The metric a value measures: right after it ("7.89x speedup", "28% lower
    latency"), else before it in the clause ("accuracy of 98.23%")."""
    after = [m for m in mentions if m.kind == "metric" and end <= m.start < hi]
    if after and after[0].start - end <= 40:
        gap = _MORE_VALUES.sub(" ", text[end : after[0].start])
        if not _LOOSE_GAP.search(gap) and _fits(unit, after[0].label):
            return after[0]
    before = [
        m
        for m in mentions
        if m.kind == "metric" and lo <= m.start and m.end <= start and _fits(unit, m.label)
    ]
    return before[-1] if before else None


def _nearest(
    mentions: list[Mention], kind: str, start: int, end: int, lo: int, hi: int
) -> Mention | None:
    after = [m for m in mentions if m.kind == kind and end <= m.start < hi]
    if after and after[0].start - end <= 40:
        return after[0]
    before = [m for m in mentions if m.kind == kind and lo <= m.start and m.end <= start]
    if before:
        return before[-1]
    return after[0] if after else None


@Language.factory("kg_results", assigns=["doc._.kg_results"], requires=["doc._.kg_mentions"])
def make_results(nlp: Language, name: str) -> ResultFinder:
    return ResultFinder(name)


class ResultFinder(Component):
    def __init__(self, name: str = "kg_results") -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        mentions: list[Mention] = doc.user_data.get("kg_mentions") or []
        results: list[Result] = []
        index = SentenceIndex(doc)
        # a sentence's clause breaks, found once for all the values in it
        breaks: dict[tuple[int, int], list[tuple[int, int]]] = {}
        counts: list[tuple[int, int, int, str]] = []
        # each value looks its metric, dataset and device up: only among mentions of that kind
        by_kind: dict[str, list[Mention]] = {"metric": [], "dataset": [], "hardware": []}
        for mention in mentions:
            if mention.kind in by_kind:
                by_kind[mention.kind].append(mention)
        for match in _DEVICE_COUNT.finditer(text) if _may_count_devices(text) else ():
            if match.start() and (
                text[match.start() - 1].isalnum() or text[match.start() - 1] in "._-"
            ):
                continue
            counts.append(
                (
                    match.start(),
                    match.end(),
                    int(match.group("value").replace(",", "")),
                    match.group("device"),
                )
            )
        for match in _VALUE.finditer(text):
            start, end = match.span()
            if match.group("value").endswith(","):
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] in "._-"):
                continue  # inside a name or a longer number: "ResNet-50", "v1.5"
            sentence = index.at(start)
            if sentence not in breaks:
                breaks[sentence] = _clause_breaks(text, sentence)
            lo, hi = _clause(sentence, breaks[sentence], start, end)
            unit = match.group("unit").strip()
            metric = _metric_for(text, by_kind["metric"], start, end, lo, hi, unit)
            factor = unit.lower() in ("x", "×", "times")
            follow = text[end : end + 40]
            skip = _MORE_VALUES.match(follow)
            follow = follow[skip.end() :] if skip else follow
            faster = factor and re.match(r"\W*(?:faster|quicker)\b", follow)
            if faster or (factor and _SPEED_CUE.search(text, max(lo, start - 80), start)):
                # "outperforms X by 7.89x", "3x faster": a speedup, even where the
                # clause names another metric before ("latency ... 3x faster")
                if metric is None or (faster and metric.end <= start):
                    metric = None
                    metric_label, metric_concept = "speedup", _SPEEDUP_CONCEPT
                else:
                    metric_label, metric_concept = metric.label, metric.concept
            elif metric is not None:
                metric_label, metric_concept = metric.label, metric.concept
            elif unit.lower().startswith("gpu"):
                metric_label, metric_concept = "GPU hours", None
            else:
                continue
            dataset = _nearest(by_kind["dataset"], "dataset", start, end, lo, hi)
            hardware = _nearest(by_kind["hardware"], "hardware", start, end, *sentence)
            count = next((c for c in counts if sentence[0] <= c[0] < sentence[1]), None)
            raw_end = max(end, metric.end if metric and metric.start >= end else end)
            raw_start = min(start, metric.start if metric and metric.end <= start else start)
            results.append(
                Result(
                    metric=metric_label,
                    value=match.group("value").replace(",", ""),
                    raw=text[raw_start:raw_end],
                    start=raw_start,
                    end=raw_end,
                    sentence=text[sentence[0] : sentence[1]],
                    sentence_start=sentence[0],
                    unit={"percent": "%", "×": "x", "times": "x"}.get(unit.lower(), unit),
                    dataset=dataset.label if dataset else None,
                    hardware=hardware.label if hardware else None,
                    hardware_count=count[2] if count else None,
                    metric_concept=metric_concept,
                    component=self.name,
                )
            )
        used = {r.sentence_start for r in results if r.hardware_count is not None}
        for start, end, value, device in counts:
            sentence = index.at(start)
            if sentence[0] in used:
                continue
            hardware = next(
                (m for m in mentions if m.kind == "hardware" and start <= m.start < end), None
            )
            results.append(
                Result(
                    metric="hardware count",
                    value=str(value),
                    raw=text[start:end],
                    start=start,
                    end=end,
                    sentence=text[sentence[0] : sentence[1]],
                    sentence_start=sentence[0],
                    unit=device,
                    hardware=hardware.label if hardware else None,
                    hardware_count=value,
                    component=self.name,
                )
            )
        results.sort(key=lambda r: r.start)
        doc.user_data["kg_results"] = results
        return doc

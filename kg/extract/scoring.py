"""Paper-level scoring against a gold file, with the reference scorer's matching rules.

A gold record lists, per entity type, entries of ``|``-separated aliases; a
predicted string matches an entry when it equals any alias after normalisation
(case, spaces and punctuation ignored, a final plural ``s`` dropped; URLs keep
their punctuation but lose a trailing ``/.,;)``). Papers pair by ``id``, then by
title. Figures are micro precision, recall and F1 per type.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

#: The types scored, in the gold format's order.
TYPES: tuple[str, ...] = ("datasets", "hardware", "metrics", "methods", "proposed", "tasks", "code")
_NON_WORD = re.compile(r"[\W_]+")
_TITLE = re.compile(r"\W+")


def norm(text: str) -> str:
    """The matching key of a gold or predicted string."""
    text = text.strip().lower()
    if text.startswith("http"):
        return text.rstrip("/.,;)")
    text = _NON_WORD.sub("", text)
    return text[:-1] if len(text) > 3 and text.endswith("s") else text


def title_key(title: str | None) -> str:
    return _TITLE.sub("", (title or "").lower())


@dataclass(slots=True)
class TypeScore:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.true_positives / self.predicted
        return 1.0 if not self.gold else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class ErrorRow:
    title: str
    kind: str
    wrong: list[str]
    missed: list[str]


@dataclass(slots=True)
class Score:
    types: dict[str, TypeScore] = field(default_factory=lambda: {t: TypeScore() for t in TYPES})
    errors: list[ErrorRow] = field(default_factory=list)
    unpaired_gold: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "types": {
                kind: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "f1": round(s.f1, 3),
                    "gold": s.gold,
                    "predicted": s.predicted,
                }
                for kind, s in self.types.items()
            },
            "unpaired_gold": self.unpaired_gold,
        }

    def table(self) -> str:
        lines = [f"{'type':10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for kind, s in self.types.items():
            lines.append(
                f"{kind:10} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:6} {s.predicted:6}"
            )
        if self.unpaired_gold:
            lines.append(f"{self.unpaired_gold} gold papers had no prediction")
        return "\n".join(lines)


def score(gold_rows: Iterable[Mapping], pred_rows: Iterable[Mapping]) -> Score:
    """Score predicted records against gold records (both in the ``dev.jsonl`` shape)."""
    pred_rows = list(pred_rows)
    by_id = {row.get("id"): row for row in pred_rows}
    by_title = {title_key(row.get("title")): row for row in pred_rows}
    result = Score()
    for gold in gold_rows:
        pred = by_id.get(gold.get("id")) or by_title.get(title_key(gold.get("title")))
        if pred is None:
            result.unpaired_gold += 1
            pred = {}
        for kind in TYPES:
            gold_entries = list(gold.get(kind, []))
            entries = [{norm(alias) for alias in entry.split("|")} for entry in gold_entries]
            predicted = {norm(p) for p in pred.get(kind, []) if isinstance(p, str) and p.strip()}
            predicted.discard("")
            matched: set[int] = set()
            wrong: list[str] = []
            hits = 0
            for p in sorted(predicted):
                hit = next(
                    (i for i, aliases in enumerate(entries) if p in aliases and i not in matched),
                    None,
                )
                if hit is None:
                    if not any(p in aliases for aliases in entries):
                        wrong.append(p)  # a second alias of a matched entry counts for nothing
                    continue
                matched.add(hit)
                hits += 1
            counts = result.types[kind]
            counts.true_positives += hits
            counts.predicted += hits + len(wrong)
            counts.gold += len(entries)
            missed = [gold_entries[i] for i in range(len(entries)) if i not in matched]
            if wrong or missed:
                result.errors.append(ErrorRow(str(gold.get("title", ""))[:70], kind, wrong, missed))
    return result


def load_records(path: str | Path) -> list[dict]:
    """The JSON objects of a JSONL file; a bad line raises :class:`~kg.errors.InputError`."""
    rows: list[dict] = []
    try:
        handle = Path(path).open(encoding="utf-8")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        raise InputError(str(path), None, f"cannot read: {error.strerror}") from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(str(path), number, f"not valid JSON: {error.msg}") from None
            if not isinstance(row, dict):
                raise InputError(str(path), number, "expected a JSON object per line")
            rows.append(row)
    return rows

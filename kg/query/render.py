"""Ready answers as text: a table for people, CSV for spreadsheets, JSON for programs.

JSON is an array of row objects (``kg entity`` prints one object); CSV flattens
lists into ``; ``-separated cells; tables shorten IRIs to prefixed names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, is_dataclass

from kg.query.api import EntityInfo, Evidence, PaperRow, RelatedPaper, SharedGroup
from kg.store.base import shorten

FORMATS = ("table", "csv", "json")


def _short(value: str | None, width: int = 60) -> str:
    from rdflib import URIRef

    if value is None:
        return ""
    if value.startswith(("http://", "https://")):
        return shorten(URIRef(value), width)
    return shorten(value, width)  # type: ignore[arg-type]


def rows(items: Sequence[object]) -> list[dict[str, object]]:
    """Plain dicts of the answer rows, as JSON prints them."""
    out = []
    for item in items:
        row = asdict(item) if is_dataclass(item) else dict(item)  # type: ignore[arg-type]
        if isinstance(item, SharedGroup):
            row["papers"] = [asdict(p) for p in item.papers]
        out.append(row)
    return out


def _flat(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                parts.append(str(item.get("title") or item.get("label") or item.get("paper")))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return str(value)


def to_csv(items: Sequence[object], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows(items):
        writer.writerow([_flat(row.get(c)) for c in columns])
    return buffer.getvalue()


def table(header: Sequence[str], body: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(lines)


# -- per answer ----------------------------------------------------------------------


def papers(items: Sequence[PaperRow], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows(items), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return to_csv(items, ["paper", "title", "issued"])
    body = [[_short(p.paper, 40), _short(p.title, 80), p.issued or ""] for p in items]
    return table(["paper", "title", "issued"], body)


def shared(items: Sequence[SharedGroup], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows(items), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return to_csv(items, ["entity", "label", "kind", "count", "papers"])
    blocks = []
    for group in items:
        head = f"{group.label}  ({group.count} papers)  {_short(group.entity)}"
        lines = [head] + [f"  - {_short(p.title, 90)}  {_short(p.paper, 50)}" for p in group.papers]
        if group.count > len(group.papers):
            lines.append(f"  … and {group.count - len(group.papers)} more")
        blocks.append("\n".join(lines))
    blocks.append(f"({len(items)} group{'s' if len(items) != 1 else ''})")
    return "\n\n".join(blocks)


def related(items: Sequence[RelatedPaper], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows(items), indent=2, ensure_ascii=False)
    if fmt == "csv":
        return to_csv(items, ["paper", "title", "score", "shared"])
    body = [
        [
            f"{r.score:.3f}",
            _short(r.title, 60),
            _short("; ".join(r.shared), 60),
            _short(r.paper, 40),
        ]
        for r in items
    ]
    return table(["score", "title", "shared", "paper"], body)


def evidence(items: Sequence[Evidence], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(rows(items), indent=2, ensure_ascii=False)
    columns = ["paper", "title", "entity", "label", "link", "text", "start", "end", "sentence"]
    if fmt == "csv":
        return to_csv(items, [*columns, "component", "node"])
    blocks = []
    for e in items:
        where = f"[{e.start}:{e.end}]" if e.start is not None else ""
        blocks.append(
            f"{_short(e.title, 80)}  {_short(e.paper, 50)}\n"
            f"  {_short(e.link)} {e.label}: {e.text or ''!r} {where} "
            f"by {_short(e.component)}\n"
            f"  “{e.sentence or ''}”"
        )
    blocks.append(f"({len(items)} piece{'s' if len(items) != 1 else ''} of evidence)")
    return "\n\n".join(blocks)


def entity(info: EntityInfo, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(asdict(info), indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["field", "value"])
        for name, value in asdict(info).items():
            if name == "evidence":
                for e in value:
                    writer.writerow(
                        [name, f"{e['paper']} [{e['start']}:{e['end']}] {e['sentence']}"]
                    )
            elif isinstance(value, list):
                for item in value:
                    writer.writerow([name, _flat([item]) if isinstance(item, dict) else item])
            else:
                writer.writerow([name, "" if value is None else value])
        return buffer.getvalue()
    lines = [f"{info.label}  ({info.kind or 'entity'})  {_short(info.entity)}"]

    def section(title: str, values: list[str]) -> None:
        if values:
            lines.append(f"{title}:")
            lines.extend(f"  - {v}" for v in values)

    section("classes", [_short(c) for c in info.classes])
    section("labels", info.labels)
    section("aliases", info.aliases)
    section("broader", [f"{b['label']}  {_short(b['entity'])}" for b in info.broader])
    section("narrower", [f"{n['label']}  {_short(n['entity'])}" for n in info.narrower])
    section("external ids", info.external_ids)
    more = f" (first {len(info.papers)})" if info.paper_count > len(info.papers) else ""
    lines.append(f"papers: {info.paper_count}{more}")
    lines.extend(f"  - {_short(p.title, 80)}  {p.issued or ''}" for p in info.papers)
    section("co-occurring", [f"{c['label']} ({c['papers']} papers)" for c in info.cooccurring])
    if info.evidence:
        lines.append("evidence:")
        for e in info.evidence:
            where = f"[{e.start}:{e.end}]" if e.start is not None else ""
            lines.append(f"  - {_short(e.title, 60)} {where} by {_short(e.component)}")
            lines.append(f"    “{e.sentence or ''}”")
    return "\n".join(lines)


__all__ = ["FORMATS", "entity", "evidence", "papers", "related", "rows", "shared"]

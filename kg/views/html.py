"""View → one self-contained HTML page (vis-network, inlined; no network needed).

The vis-network script and stylesheet are the ones pyvis ships in its package;
they are inlined rather than linked, so the page opens offline and from any
folder. pyvis' own page template is not used: it links Bootstrap from a CDN and
embeds node data unescaped. This page embeds the data as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
builds every text node with ``textContent``, draws links only for http(s) URLs,
and carries a Content-Security-Policy that lets only its own two scripts run
(by hash) and lets the page reach nothing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from kg.views.model import View
from kg.views.network import NODE_TYPES, ViewError

#: Colour and legend label of each node type (colour-blind-safe Tableau hues).
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "paper": ("#5b6b7f", "Papers"),
    "method": ("#e15759", "Methods"),
    "dataset": ("#4e79a7", "Datasets"),
    "task": ("#59a14f", "Tasks"),
    "metric": ("#edc948", "Metrics"),
    "hardware": ("#f28e2b", "Hardware"),
    "code": ("#b07aa1", "Code"),
}

#: Above this many nodes, only the most central carry a visible label.
_LABEL_ALL = 120
_LABEL_TOP = 40
_MARKER = re.compile(r"\{\{(\w+)\}\}")
_VIS_VERSION = "vis-9.1.2"


@cache
def vis_assets() -> tuple[str, str]:
    """(script, stylesheet) of vis-network from the pyvis package."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "templates" / "lib" / _VIS_VERSION
    try:
        script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
        style = (folder / "vis-network.css").read_text(encoding="utf-8")
    except OSError as error:
        raise ViewError(
            f"vis-network is missing from the pyvis package ({folder}): {error}; "
            "reinstall pyvis>=0.3.2"
        ) from error
    for text in (script, style):
        if re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
            raise ViewError(f"{folder}: asset cannot be inlined safely (holds a closing tag)")
    return script, style


@cache
def _asset(name: str) -> str:
    return resources.files("kg.views").joinpath("assets", name).read_text(encoding="utf-8")


def safe_url(value: object) -> str:
    """The URL if it is http(s), else ``""``: ``javascript:`` and friends are refused."""
    text = str(value or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def script_json(data: object) -> str:
    """JSON that can sit inside ``<script>``: ``</script>`` and ``<!--`` cannot occur."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _short(text: str, limit: int = 32) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def view_data(view: View) -> dict:
    """The JSON the page reads: nodes, edges, legend, notes."""
    graph = view.graph
    top = max(view.scores.values(), default=0.0) or 1.0
    ranked = sorted(graph, key=lambda n: -view.scores.get(n, 0.0))
    labelled = set(ranked if len(graph) <= _LABEL_ALL else ranked[:_LABEL_TOP])
    if view.focus:
        labelled.add(view.focus)
    nodes = []
    for node, data in graph.nodes(data=True):
        kind = data.get("type", "paper")
        title = str(data.get("label") or node)
        x, y = view.positions.get(node, (0.0, 0.0))
        score = view.scores.get(node, 0.0)
        show = node in labelled or (kind != "paper" and len(graph) <= 2 * _LABEL_ALL)
        record = {
            "id": node,
            "iri": node,
            "type": kind,
            "title": title,
            "label": _short(title) if show else "",
            "x": round(x, 1),
            "y": round(y, 1),
            "size": round(8 + 28 * math.sqrt(score / top), 1),
            # In big views the picture is zoomed out: the labelled hubs need big type.
            "font": 12 if len(graph) <= _LABEL_ALL else round(16 + 40 * math.sqrt(score / top)),
            "score": round(score, 4),
            "community": view.groups.get(node, 0),
        }
        if kind == "paper":
            record |= {
                "date": data.get("date") or "",
                "upvotes": data.get("upvotes"),
                "authors": data.get("author_count"),
                "url": safe_url(data.get("url")),
                "identifiers": list(data.get("identifiers", [])),
            }
        else:
            broader = [
                str(graph.nodes[b].get("label")) if b in graph else b.rsplit("/", 1)[-1]
                for b in data.get("broader", [])
            ]
            record |= {
                "aliases": list(data.get("aliases", [])),
                "papers": data.get("papers", graph.degree(node)),
                "broader": broader,
            }
            if kind == "code":
                record["iri"] = safe_url(node) or node
        nodes.append(record)
    edges = []
    for index, (a, b, data) in enumerate(graph.edges(data=True)):
        paper, entity = (a, b) if graph.nodes[a].get("type") == "paper" else (b, a)
        edges.append(
            {
                "id": f"e{index}",
                "from": paper,
                "to": entity,
                "relations": list(data.get("relations", [])),
                "evidence": list(data.get("evidence", [])),
            }
        )
    shown = view.shown
    types = [
        {
            "type": kind,
            "label": TYPE_STYLE[kind][1],
            "color": TYPE_STYLE[kind][0],
            "shown": shown.get(kind, 0),
            "total": view.total.get(kind, shown.get(kind, 0)),
        }
        for kind in NODE_TYPES
        if shown.get(kind) or view.total.get(kind)
    ]
    return {
        "kind": view.kind,
        "title": view.title,
        "focus": view.focus,
        "notes": list(view.notes),
        "types": types,
        "nodes": nodes,
        "edges": edges,
    }


def _hash(script: str) -> str:
    return (
        "'sha256-"
        + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        + "'"
    )


def render(view: View, *, heading: str | None = None) -> str:
    """The whole page as text."""
    vis_js, vis_css = vis_assets()
    page_js = _asset("page.js")
    csp = (
        "default-src 'none'; "
        f"script-src {_hash(vis_js)} {_hash(page_js)}; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    title = heading or f"Knowledge graph — {view.title}"
    parts = {
        "csp": csp,
        "title": html.escape(title),
        "vis_css": vis_css,
        "page_css": _asset("page.css"),
        "data": script_json(view_data(view)),
        "vis_js": vis_js,
        "page_js": page_js,
    }
    # One pass: inserted text is never scanned for markers again.
    return _MARKER.sub(lambda m: parts[m.group(1)], _asset("page.html"))


def write(view: View, path: str | Path, *, heading: str | None = None) -> Path:
    """Write the page; returns the path written."""
    target = Path(path)
    try:
        target.write_text(render(view, heading=heading), encoding="utf-8")
    except OSError as error:
        raise ViewError(f"cannot write {target}: {error.strerror or error}") from error
    return target

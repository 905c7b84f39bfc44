"""The page: self-contained, escaped, and only http(s) links."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from views_fixture import IMAGENET, XSS_PAPER, XSS_TITLE, fixture_store

from kg.views import focus, load_graph, overview, render, safe_url, script_json, shared
from kg.views.html import view_data


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> nx.Graph:
    store = fixture_store("memory", tmp_path_factory.mktemp("views"))
    return load_graph(store)[0]


@pytest.fixture(scope="module")
def pages(graph: nx.Graph) -> dict[str, str]:
    return {
        "overview": render(overview(graph)),
        "focus": render(focus(graph, "ImageNet", depth=2)),
        "shared": render(shared(graph, "dataset")),
        "hostile heading": render(overview(graph), heading=XSS_TITLE),
    }


def parse(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    return tags


@pytest.mark.parametrize("name", ["overview", "focus", "shared", "hostile heading"])
def test_page_is_self_contained(pages: dict[str, str], name: str) -> None:
    tags = parse(pages[name])
    for tag, attrs in tags.tags:
        for attribute in ("src", "href"):
            value = attrs.get(attribute)
            assert value is None or not re.match(r"\s*(https?:)?//", value), (tag, attrs)
    # Exactly the data block, vis-network and the page's own script.
    scripts = [attrs for tag, attrs in tags.tags if tag == "script"]
    assert len(scripts) == 3 and scripts[0].get("type") == "application/json"
    assert not any(tag in ("img", "iframe", "object", "embed") for tag, _ in tags.tags)


def test_hostile_titles_stay_text(pages: dict[str, str]) -> None:
    for page in pages.values():
        assert "<script>alert" not in page and "<!-- <img" not in page
        tags = parse(page)
        assert len(tags.scripts) == 3
        assert not any(name.startswith("on") for _, attrs in tags.tags for name in attrs)
    assert parse(pages["hostile heading"]).title == XSS_TITLE  # escaped, so read back as text
    data = json.loads(parse(pages["overview"]).scripts[0])
    titles = {node["id"]: node["title"] for node in data["nodes"]}
    assert titles[XSS_PAPER] == XSS_TITLE  # the data round-trips: shown as text, not lost


def test_only_http_links_survive(graph: nx.Graph) -> None:
    nodes = {node["id"]: node for node in view_data(overview(graph))["nodes"]}
    assert nodes[XSS_PAPER]["url"] == ""  # javascript:alert(3) refused
    assert nodes["https://w3id.org/kg-ml/id/paper/p1"]["url"].startswith("https://arxiv.org/")
    assert safe_url("JavaScript:alert(1)") == ""
    assert safe_url("data:text/html,<b>") == ""
    assert safe_url("https://example.org/a?b=<c>") == "https://example.org/a?b=<c>"


def test_scripts_are_allowed_by_hash_and_nothing_else(pages: dict[str, str]) -> None:
    page = pages["overview"]
    tags = parse(page)
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    for text in tags.scripts[1:]:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_legend_counts_and_focus_are_in_the_data(graph: nx.Graph) -> None:
    view = overview(graph, max_nodes=10)
    data = view_data(view)
    assert len(data["nodes"]) == 10
    assert sum(t["shown"] for t in data["types"]) == 10
    assert sum(t["total"] for t in data["types"]) == len(graph)
    assert data["notes"] and "Left out" in data["notes"][0]
    assert view_data(focus(graph, "ImageNet"))["focus"] == IMAGENET


@given(st.text())
def test_script_json_never_closes_the_script(text: str) -> None:
    encoded = script_json({"title": text, "nested": [text]})
    lowered = encoded.lower()
    assert "</" not in lowered and "<!--" not in lowered and "<script" not in lowered
    assert json.loads(encoded) == {"title": text, "nested": [text]}


def test_written_page_is_utf8(tmp_path: Path, graph: nx.Graph) -> None:
    from kg.views import write

    path = write(overview(graph), tmp_path / "page.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")

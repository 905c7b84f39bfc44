"""The pages in a real browser: Debian's Chromium driven by Playwright.

Each view is loaded from file:// with the network unused; the tests read the
vis DataSet, search, click an edge and a node, and try the hostile title.
Screenshots go to pytest's tmp_path.
"""

from __future__ import annotations

import math
import time
from pathlib import Path

import networkx as nx
import pytest
from browser import launch, skip_reason
from views_fixture import ID, IMAGENET, XSS_PAPER, XSS_TITLE, fixture_store

from kg.views import focus, load_graph, overview, shared, write
from kg.views.analysis import communities

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(skip_reason() is not None, reason=skip_reason() or ""),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int]]:
    """Each view written once: name → (file, expected node count)."""
    folder = tmp_path_factory.mktemp("pages")
    graph = load_graph(fixture_store("memory", folder))[0]
    views = {
        "overview": overview(graph),
        "focus": focus(graph, "ImageNet", depth=1),
        "shared": shared(graph, "dataset"),
        "capped": overview(graph, max_nodes=8),
    }
    return {
        name: (write(view, folder / f"{name}.html"), len(view.graph))
        for name, view in views.items()
    }


@pytest.fixture(scope="module")
def browser():
    with launch() as opened:
        yield opened


@pytest.fixture
def page(browser):
    """A page that records console errors, page errors, dialogs and requests."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.problems = []
    opened.dialogs = []
    opened.requests = []
    opened.on("console", lambda m: m.type == "error" and opened.problems.append(m.text))
    opened.on("pageerror", lambda e: opened.problems.append(str(e)))

    def dialog(d) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    opened.on("dialog", dialog)
    opened.on("request", lambda r: opened.requests.append(r.url))
    yield opened
    context.close()


def load(page, path: Path) -> None:
    page.goto(path.as_uri())
    page.wait_for_function("() => window.kgReady === true", timeout=30_000)


def dom_position(page, node: str) -> tuple[float, float]:
    """Where a node is drawn, in page coordinates."""
    box = page.locator("#kg-graph").bounding_box()
    point = page.evaluate(
        "id => { const p = window.kg.network.getPosition(id);"
        " return window.kg.network.canvasToDOM(p); }",
        node,
    )
    return box["x"] + point["x"], box["y"] + point["y"]


@pytest.mark.parametrize("name", ["overview", "focus", "shared", "capped"])
def test_each_view_loads_offline_without_errors(page, pages, name: str, tmp_path: Path) -> None:
    path, expected = pages[name]
    load(page, path)
    assert page.evaluate("window.kg.nodes.length") == expected
    assert page.evaluate("window.kg.network.physics.options.enabled") is False  # stopped
    assert page.problems == [] and page.dialogs == []
    assert all(url.startswith(("file:", "data:")) for url in page.requests), page.requests
    legend = page.locator("#kg-legend li").all_inner_texts()
    assert legend and all(any(ch.isdigit() for ch in text) for text in legend)
    page.screenshot(path=tmp_path / f"{name}.png")


def test_capped_view_says_what_it_left_out(page, pages) -> None:
    load(page, pages["capped"][0])
    notes = page.locator("#kg-notes").inner_text()
    assert "Showing 8 of 22 nodes" in notes and "Left out" in notes
    assert "of 6" in page.locator("#kg-legend").inner_text() or "of " in notes


def test_search_focuses_a_node_and_shows_its_details(page, pages) -> None:
    load(page, pages["overview"][0])
    page.fill("#kg-search-input", "ilsvrc 2012")  # an alias
    page.press("#kg-search-input", "Enter")
    assert page.evaluate("window.kg.network.getSelectedNodes()") == [IMAGENET]
    details = page.locator("#kg-details-body")
    assert details.get_attribute("data-node") == IMAGENET
    text = details.inner_text()
    assert "ImageNet" in text and "ILSVRC 2012" in text and "Papers" in text
    page.fill("#kg-search-input", "no such node at all")
    page.press("#kg-search-input", "Enter")
    assert "No match" in page.locator("#kg-search-status").inner_text()


def test_clicking_an_edge_shows_its_evidence_sentence(page, pages) -> None:
    load(page, pages["overview"][0])
    paper, entity = ID + "paper/p1", ID + "hardware/a100"
    # Centre the view on the edge's midpoint, zoomed in, so nothing else is under the pointer.
    page.evaluate(
        """([a, b]) => { const n = window.kg.network; const p = n.getPositions([a, b]);
        n.moveTo({position: {x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2},
                  scale: 3, animation: false}); }""",
        [paper, entity],
    )
    (ax, ay), (bx, by) = dom_position(page, paper), dom_position(page, entity)
    assert math.dist((ax, ay), (bx, by)) > 60
    page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    details = page.locator("#kg-details-body")
    assert details.get_attribute("data-edge") is not None
    assert "Training takes 3 days on 64 A100 GPUs." in details.locator(".kg-evidence").inner_text()
    assert "uses hardware" in details.inner_text()


def test_clicking_a_node_shows_a_safe_link(page, pages) -> None:
    load(page, pages["focus"][0])
    paper = ID + "paper/p1"
    page.evaluate(
        "id => window.kg.network.moveTo({position: window.kg.network.getPosition(id),"
        " scale: 2, animation: false})",
        paper,
    )
    page.mouse.click(*dom_position(page, paper))
    details = page.locator("#kg-details-body")
    assert details.get_attribute("data-node") == paper
    link = details.locator("a")
    assert link.get_attribute("href") == "https://arxiv.org/abs/2401.00001"
    assert link.get_attribute("rel") == "noopener noreferrer"


def test_hostile_title_shows_as_text_and_runs_nothing(page, pages, tmp_path: Path) -> None:
    load(page, pages["overview"][0])
    page.evaluate("id => window.kg.showNode(id)", XSS_PAPER)
    details = page.locator("#kg-details-body")
    assert details.locator("h3").inner_text() == XSS_TITLE
    assert details.locator("a").count() == 0  # its javascript: URL is not a link
    page.fill("#kg-search-input", "<img src=x onerror=alert(4)>")
    page.press("#kg-search-input", "Enter")
    assert details.locator("h3").inner_text() == "<img src=x onerror=alert(4)>"
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.problems == []
    assert page.evaluate("document.querySelectorAll('img, iframe').length") == 0
    page.screenshot(path=tmp_path / "hostile.png")


def test_legend_toggles_a_type(page, pages) -> None:
    load(page, pages["overview"][0])
    page.locator('#kg-legend input[data-type="paper"]').uncheck()
    hidden = page.evaluate("window.kg.nodes.get({filter: n => n.hidden === true}).length")
    assert hidden == 6
    page.fill("#kg-search-input", "Evaluating LLMs on MMLU")
    page.press("#kg-search-input", "Enter")  # finding a hidden paper shows its type again
    assert page.evaluate("window.kg.nodes.get({filter: n => n.hidden === true}).length") == 0


def synthetic(papers: int, entities: int, seed: int = 3) -> nx.Graph:
    """A paper–entity graph of a realistic shape: a few popular entities, many rare."""
    import random

    rng = random.Random(seed)
    graph = nx.Graph()
    kinds = ("method", "dataset", "task", "metric", "hardware")
    for e in range(entities):
        graph.add_node(f"e{e}", type=kinds[e % 5], label=f"Entity {e}", aliases=[], papers=0)
    weights = [1 / (e + 1) for e in range(entities)]
    for p in range(papers):
        graph.add_node(f"p{p}", type="paper", label=f"Paper {p}", date="2024-01-01", upvotes=p % 50)
        for e in set(rng.choices(range(entities), weights=weights, k=4)):
            graph.add_edge(f"p{p}", f"e{e}", relations=["usesMethod"], evidence=[])
    return graph


def test_two_thousand_nodes_stay_responsive(page, tmp_path: Path) -> None:
    graph = synthetic(1500, 500)
    assert len(graph) == 2000 and len(set(communities(graph).values())) > 1
    path = write(overview(graph, max_nodes=2000), tmp_path / "big.html")
    started = time.monotonic()
    load(page, path)
    loaded = time.monotonic() - started
    assert page.evaluate("window.kg.nodes.length") == 2000
    started = time.monotonic()
    page.fill("#kg-search-input", "Paper 1234")
    page.press("#kg-search-input", "Enter")
    page.wait_for_function(
        "() => document.getElementById('kg-details-body').dataset.node === 'p1234'"
    )
    searched = time.monotonic() - started
    assert loaded < 20 and searched < 3, (loaded, searched)
    assert page.problems == []
    page.screenshot(path=tmp_path / "big.png")

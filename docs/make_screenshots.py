"""Build the seed pages into a temporary store and screenshot each view.

Writes ``docs/screenshots/{overview,focus,shared}.png`` (and the HTML pages
beside them when ``--keep-html`` is given). Needs Debian's Chromium
(``/usr/bin/chromium``) and Playwright from PyPI; never downloads a browser.

    .venv/bin/python docs/make_screenshots.py [--focus NAME] [--shared TYPE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, skip_reason  # noqa: E402

from kg.build import build  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.store import OxigraphStore  # noqa: E402
from kg.views import focus, load_graph, overview, shared, write  # noqa: E402


def best_focus(graph) -> str:
    """The most connected dataset (else any entity): a focus with something around it."""
    entities = [n for n, t in graph.nodes(data="type") if t != "paper"]
    datasets = [n for n in entities if graph.nodes[n]["type"] == "dataset"]
    pool = datasets or entities or list(graph)
    return max(pool, key=lambda n: (graph.degree(n), n))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--focus", help="entity or paper to focus (default: best-linked dataset)")
    parser.add_argument("--shared", default="dataset")
    parser.add_argument("--keep-html", action="store_true")
    args = parser.parse_args()
    if reason := skip_reason():
        print(f"Error: {reason}", file=sys.stderr)
        return 1
    seeds = sorted((ROOT / "examples" / "data").glob("*.txt"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        with OxigraphStore(Path(folder) / "store") as store:
            build(seeds, store, extractor=Extractor(), jobs=1, progress=False)
            graph, report = load_graph(store)
        views = {
            "overview": overview(graph, report=report),
            "focus": focus(graph, args.focus or best_focus(graph), depth=1, report=report),
            "shared": shared(graph, args.shared, report=report),
        }
        pages = Path(folder) if not args.keep_html else args.out
        with launch() as browser:
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            for name, view in views.items():
                path = write(view, pages / f"{name}.html")
                page.goto(path.as_uri())
                page.wait_for_function("() => window.kgReady === true", timeout=60_000)
                if view.focus:
                    page.wait_for_timeout(300)
                if name == "shared":  # show what clicking a link gives: its evidence
                    page.evaluate(
                        "() => { const e = window.kg.data.edges.find(x => x.evidence.length);"
                        " if (e) { window.kg.network.selectEdges([e.id]); window.kg.showEdge(e.id); } }"
                    )
                page.screenshot(path=args.out / f"{name}.png")
                print(f"{name}: {len(view.graph)} nodes -> {args.out / (name + '.png')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""kg: a knowledge graph of ML papers and the methods, datasets, hardware, metrics, tasks and code they name.

The public API, for use from Python::

    import kg

    store = kg.open_store("kg-store")                 # embedded Oxigraph (or memory=True)
    kg.build(["examples/data/000_0fb79a0189bf0830.txt"], store)
    for row in kg.papers(store, hardware="GPU"):
        print(row.title)
    kg.related(store, "ByteScale: Efficient Scaling of LLM Training ...")
    store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Paper }")

Names are imported on first use, so ``import kg`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "KGError": "kg.errors",
    "InputError": "kg.errors",
    "Paper": "kg.records",
    "Extraction": "kg.records",
    "read_papers": "kg.sources",
    "Extractor": "kg.extract",
    "open_store": "kg.store",
    "papers": "kg.query",
    "shared": "kg.query",
    "related": "kg.query",
    "entity": "kg.query",
    "why": "kg.query",
}

# `build` is also the name of its module, and importing a submodule sets the package
# attribute to the module: bind the function eagerly so `kg.build(...)` always works.
from kg.build import build  # noqa: E402

__all__ = ["__version__", "build", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

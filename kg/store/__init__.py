"""Where the graph lives.

``open_store()`` picks the backend: the embedded Oxigraph store on disk (default,
``--store DIR``), an in-memory rdflib graph (``memory=True``, for tests), or a
remote SPARQL 1.1 endpoint (``endpoint=URL``).
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import QueryResult, Store
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore

__all__ = [
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "Store",
    "default_store_path",
    "open_store",
]

#: Used when neither ``--store`` nor ``KG_STORE`` says otherwise.
DEFAULT_STORE = "kg-store"


def default_store_path() -> Path:
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


def open_store(
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    memory: bool = False,
    endpoint: str | None = None,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Store:
    """Open the store a command works on."""
    if endpoint:
        from kg.store.remote import RemoteStore

        return RemoteStore(endpoint, graph=graph, user=user, password=password)
    if memory:
        return MemoryStore()
    return OxigraphStore(path if path is not None else default_store_path(), read_only=read_only)

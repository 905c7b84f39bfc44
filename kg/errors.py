"""One exception hierarchy for the whole package.

Every error a user can cause derives from :class:`KGError`; the CLI prints it as a
single ``Error: ...`` line and exits 1. Anything else escaping is a bug.
"""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(KGError):
    """A record in an input file could not be read.

    The message always names the file and, where known, the line:
    ``data.jsonl:2: not valid JSON: Expecting value``.
    """

    def __init__(self, path: str, line: int | None, reason: str) -> None:
        self.path = str(path)
        self.line = line
        self.reason = reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")


class StoreError(KGError):
    """The store could not be opened, read or written."""


class StoreLockedError(StoreError):
    """Another process holds the store (a second build, or a server)."""


class QueryError(KGError):
    """A SPARQL query was rejected or failed."""


class NotFoundError(KGError):
    """A paper or entity named by the user is not in the graph."""


class VocabularyError(KGError):
    """A vocabulary file under ``ontology/vocab`` is malformed."""

"""The named queries shipped in ``kg/query/queries`` and how they are run.

User input reaches a query in two ways only, both as escaped RDF terms: single
values as ``bindings`` (``initBindings`` or a one-row ``VALUES`` block, see
:func:`kg.store.base.inline_bindings`), and lists of values as a multi-row
``VALUES`` block written where the query has a ``# @values`` line. Terms are
written with ``Node.n3()``, so no input can change a query's shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources

from rdflib import BNode, Literal, URIRef

from kg.errors import QueryError
from kg.store.base import Bindings, QueryResult, Store, Term

#: The line of a named query where a multi-row ``VALUES`` block goes.
VALUES_MARKER = "# @values"


@cache
def load(name: str) -> str:
    """The text of the named query ``kg/query/queries/<name>.rq``."""
    try:
        return resources.files("kg.query").joinpath("queries", f"{name}.rq").read_text("utf-8")
    except FileNotFoundError:
        raise QueryError(f"no named query {name!r} in kg/query/queries") from None


def names() -> list[str]:
    """Every named query shipped in the package."""
    folder = resources.files("kg.query").joinpath("queries")
    return sorted(p.name[:-3] for p in folder.iterdir() if p.name.endswith(".rq"))


def values_block(variables: Sequence[str], rows: Iterable[Sequence[Term]]) -> str:
    """``VALUES (?a ?b) { (<x> 1) ... }`` with every term escaped by ``n3()``."""
    lines = []
    for row in rows:
        if len(row) != len(variables):
            raise QueryError(f"VALUES row {row!r} does not match variables {variables!r}")
        for term in row:
            if not isinstance(term, URIRef | Literal | BNode):
                raise QueryError(f"cannot bind {term!r}: expected an RDF term")
        lines.append("(" + " ".join(term.n3() for term in row) + ")")
    names_ = " ".join(f"?{name}" for name in variables)
    return f"VALUES ({names_}) {{\n    " + "\n    ".join(lines) + "\n  }"


#: The line of a query template where filter slots go (see :func:`with_slots`).
SLOTS_MARKER = "# @filters"


def with_slots(
    template: str,
    fragment: str,
    slots: Sequence[Sequence[Term]],
    *,
    later: str | None = None,
) -> str:
    """The named query ``template`` with one copy of ``fragment`` per slot.

    ``later``, when given, is the fragment used for every slot after the first.
    Slot ``i`` renames the fragment's ``?entity_N`` and ``?target_N`` to
    ``?entity_i`` and ``?target_i`` (``i`` is a number from the code, never input),
    and fills its ``# @values`` line with the slot's targets as escaped terms.
    """
    text = load(template)
    if SLOTS_MARKER not in text:
        raise QueryError(f"named query {template!r} has no filter slots")
    body = []
    for number, targets in enumerate(slots):
        piece = load(later) if later and number else load(fragment)
        part = piece.replace("?entity_N", f"?entity_{number}").replace(
            "?target_N", f"?target_{number}"
        )
        rows = [(target,) for target in targets]
        body.append(part.replace(VALUES_MARKER, values_block([f"target_{number}"], rows), 1))
    return text.replace(SLOTS_MARKER, "\n".join(body), 1)


def run(
    store: Store,
    name: str,
    *,
    text: str | None = None,
    bindings: Bindings | None = None,
    values: tuple[Sequence[str], Iterable[Sequence[Term]]] | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a named query with ``bindings`` (one value each) and ``values`` (many rows).

    ``text`` replaces the named query's text when the caller composed it from named
    parts (:func:`with_slots`); ``name`` then only labels errors.
    """
    text = text if text is not None else load(name)
    if values is not None:
        if VALUES_MARKER not in text:
            raise QueryError(f"named query {name!r} takes no VALUES block")
        text = text.replace(VALUES_MARKER, values_block(*values), 1)
    if limit is not None:
        text = text.rstrip() + f"\nLIMIT {int(limit)}\n"
    return store.query(text, bindings=bindings)


__all__ = ["SLOTS_MARKER", "VALUES_MARKER", "load", "names", "run", "values_block", "with_slots"]

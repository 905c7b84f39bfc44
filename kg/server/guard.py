"""What the read-only endpoint lets through: a tokenizer-level check of SPARQL.

The text is split into tokens the way a SPARQL parser would (comments, strings
and IRIs are single tokens), so ``sErViCe`` in mixed case is caught, while
``# SERVICE`` in a comment, ``"INSERT"`` in a string or ``ex:service`` as a
prefixed name are not mistaken for keywords.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
    | (?P<word>[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_\-\u00B7-\uFFFF.]*
                (?::[^\s{}()<>,;'"\[\]]*)?|:[^\s{}()<>,;'"\[\]]*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)


class RefusedQuery(QueryError):
    """The endpoint does not run this request (an update, SERVICE, or no query at all)."""


def keywords(text: str) -> list[str]:
    """The bare words of a SPARQL text, upper-cased (no prefixed names, strings, IRIs)."""
    words = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup == "word":
            word = match.group()
            if ":" not in word:
                words.append(word.upper())
    return words


def query_form(text: str) -> str | None:
    """``SELECT``, ``CONSTRUCT``, ``DESCRIBE`` or ``ASK``: the first form keyword, if any."""
    for word in keywords(text):
        if word in QUERY_FORMS:
            return word
    return None


def check_read_only(text: str) -> str:
    """Refuse updates and ``SERVICE``; return the query form of an acceptable query."""
    words = keywords(text)
    updates = sorted(UPDATE_WORDS.intersection(words))
    if updates:
        raise RefusedQuery(
            f"this endpoint is read-only: SPARQL Update ({', '.join(updates)}) is refused"
        )
    if "SERVICE" in words:
        raise RefusedQuery(
            "SERVICE (federated query) is refused: the endpoint makes no outside calls"
        )
    form = next((w for w in words if w in QUERY_FORMS), None)
    if form is None:
        raise RefusedQuery("not a query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    return form


__all__ = ["RefusedQuery", "check_read_only", "keywords", "query_form"]

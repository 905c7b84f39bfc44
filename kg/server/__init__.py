"""``kg serve``: the graph as a read-only SPARQL 1.1 Protocol endpoint.

:mod:`kg.server.guard` refuses updates and ``SERVICE``; :mod:`kg.server.pool`
runs queries in killable worker processes; :mod:`kg.server.results` serialises
capped answers; :mod:`kg.server.app` is the HTTP layer.
"""

from __future__ import annotations

from kg.server.app import SparqlServer, make_server
from kg.server.guard import RefusedQuery, check_read_only

__all__ = ["RefusedQuery", "SparqlServer", "check_read_only", "make_server"]

"""``kg serve``: the SPARQL 1.1 Protocol endpoint, its refusals, limits, page and load."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph

from kg.server import make_server
from kg.server.app import negotiate
from kg.server.guard import RefusedQuery, check_read_only, query_form
from kg.store import OxigraphStore

MINI = Path(__file__).parent / "data" / "mini_graph.ttl"
PAPERS = "SELECT ?paper ?title WHERE { ?paper a kg:Paper ; dcterms:title ?title } ORDER BY ?paper"
#: A query that runs far longer than the test server's limit (a 5-way cross product).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("serve")
    graph = Graph()
    graph.parse(MINI, format="turtle")
    with OxigraphStore(root / "store") as store:
        store.replace([], graph.serialize(format="nt"))
    views = root / "views"
    views.mkdir()
    (views / "hardware.html").write_text("<html><body>hardware view</body></html>")
    (root / "secret.html").write_text("not for you")
    httpd = make_server(root / "store", port=0, workers=2, timeout=2.0, max_rows=5, views=views)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.url
    httpd.shutdown()
    httpd.server_close()


def request(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def get(base: str, query: str, accept: str = "application/sparql-results+json"):
    url = base + "/sparql?" + urllib.parse.urlencode({"query": query})
    return request(url, headers={"Accept": accept})


# -- the guard ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { <a:a> <a:b> <a:c> }",
        "PREFIX x: <http://x#>\n  iNsErT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * WHERE { ?s ?p ?o } ;\n# a comment\nDROP ALL",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR DEFAULT",
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { sErViCe\n<http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT <http://x> { ?s ?p ?o } }",
        "# just a comment",
    ],
)
def test_guard_refuses(text: str) -> None:
    with pytest.raises(RefusedQuery):
        check_read_only(text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("# SERVICE and INSERT in a comment\nSELECT * WHERE { ?s ?p ?o }", "SELECT"),
        ('SELECT * WHERE { ?s ?p "INSERT DATA { SERVICE }" }', "SELECT"),
        ("SELECT * WHERE { ?s ex:service ?delete }", "SELECT"),
        ("PREFIX drop: <http://x#> ASK { ?s drop:load ?o }", "ASK"),
        ("construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"),
        ("DESCRIBE <http://example.org/insert>", "DESCRIBE"),
    ],
)
def test_guard_is_not_fooled_by_comments_strings_or_names(text: str, form: str) -> None:
    assert check_read_only(text) == form == query_form(text)


def test_negotiation() -> None:
    assert negotiate("text/csv", "SELECT") == "csv"
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "SELECT") == "xml"
    assert negotiate("*/*", "SELECT") == "json"
    assert negotiate(None, "CONSTRUCT") == "turtle"
    assert negotiate("application/n-triples", "DESCRIBE") == "ntriples"
    assert negotiate("text/csv", "SELECT", "tsv") == "tsv"


# -- the endpoint ------------------------------------------------------------------


def test_get_json(server: str) -> None:
    status, headers, body = get(server, "SELECT ?t WHERE { ?p dcterms:title ?t } LIMIT 2")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["t"] and len(data["results"]["bindings"]) == 2
    assert "truncated" not in data


def test_post_form_and_direct_body(server: str) -> None:
    form = urllib.parse.urlencode({"query": "ASK { ?p a kg:Paper }"}).encode()
    status, _, body = request(
        server + "/sparql",
        data=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = request(
        server + "/sparql",
        data=b"ASK { ?p a kg:Nothing }",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/sparql-results+xml",
        },
    )
    assert status == 200
    root = ET.fromstring(body)
    assert root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "false"


def test_xml_csv_tsv(server: str) -> None:
    query = "SELECT ?t WHERE { ?p dcterms:title ?t } ORDER BY ?t LIMIT 3"
    status, _, body = get(server, query, "application/sparql-results+xml")
    ns = "{http://www.w3.org/2005/sparql-results#}"
    results = ET.fromstring(body).findall(f"{ns}results/{ns}result")
    assert status == 200 and len(results) == 3
    status, headers, body = get(server, query, "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert headers["Content-Type"].startswith("text/csv") and rows[0] == ["t"] and len(rows) == 4
    status, headers, body = get(server, query, "text/tab-separated-values")
    lines = body.decode().splitlines()
    assert lines[0] == "?t" and lines[1].startswith('"')


def test_construct_turtle(server: str) -> None:
    status, headers, body = get(
        server, "CONSTRUCT { ?p a kg:Paper } WHERE { ?p a kg:Paper } LIMIT 3", "text/turtle"
    )
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body.decode(), format="turtle")) == 3


def test_result_cap_is_signalled(server: str) -> None:
    status, headers, body = get(server, PAPERS)
    data = json.loads(body)
    assert status == 200 and len(data["results"]["bindings"]) == 5
    assert data["truncated"] is True and headers["X-KG-Truncated"].startswith("true")
    status, headers, _ = get(server, PAPERS, "text/csv")
    assert "X-KG-Truncated" in headers


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:a> <a:b> <a:c> }",
        "select * { SerVice <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o } #\n ; dElEtE WHERE { ?s ?p ?o }",
    ],
)
def test_updates_and_service_are_refused(server: str, query: str) -> None:
    status, _, body = get(server, query)
    assert status == 400 and (b"read-only" in body or b"SERVICE" in body)


def test_update_requests_are_refused(server: str) -> None:
    update = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
    status, _, _ = request(
        server + "/sparql",
        data=update,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 400
    status, _, _ = request(
        server + "/sparql",
        data=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status == 400
    status, _, body = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 300


def test_syntax_error_is_400(server: str) -> None:
    status, _, body = get(server, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and b"syntax" in body


@pytest.mark.slow
def test_slow_query_is_stopped_with_an_error(server: str) -> None:
    status, _, body = get(server, SLOW)
    assert status == 503 and b"time limit" in body
    # The killed worker was replaced: the endpoint still answers.
    status, _, body = get(server, "ASK { ?p a kg:Paper }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_page_and_views(server: str) -> None:
    status, headers, body = request(server + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<textarea" in body and b'href="/views/hardware.html"' in body
    status, _, body = request(server + "/views/hardware.html")
    assert status == 200 and b"hardware view" in body
    for path in ("/views/../secret.html", "/views/%2e%2e/secret.html", "/views/nothing.html"):
        status, _, body = request(server + path)
        assert status == 404 and b"not for you" not in body


def test_binds_loopback_by_default() -> None:
    import inspect

    assert inspect.signature(make_server).parameters["host"].default == "127.0.0.1"


@pytest.mark.slow
def test_fifty_concurrent_clients(server: str) -> None:
    queries = [
        PAPERS,
        "SELECT ?h (COUNT(?p) AS ?n) WHERE { ?p kg:usesHardware ?h } GROUP BY ?h",
        "ASK { ?p kg:usesHardware/skos:broader* ?g }",
    ]

    def client(index: int) -> list[int]:
        statuses = []
        for attempt in range(4):
            status, _, body = get(server, queries[(index + attempt) % len(queries)])
            json.loads(body)
            statuses.append(status)
        return statuses

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = [s for result in pool.map(client, range(50)) for s in result]
    assert len(statuses) == 200 and set(statuses) == {200}

"""The HTTP side of ``kg serve``: a read-only SPARQL 1.1 Protocol endpoint at ``/sparql``,
a query page at ``/``, and the HTML views under ``/views/``.

Requests are answered by threads (``ThreadingHTTPServer``); queries run in the
:class:`~kg.server.pool.WorkerPool` processes, so a slow query cannot block the
others and can be stopped at its time limit.
"""

from __future__ import annotations

import html
import logging
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KGError
from kg.server.guard import RefusedQuery, check_read_only
from kg.server.pool import Answer, QueryTimeout, ServerBusy, WorkerPool

log = logging.getLogger(__name__)

#: Largest request body read (a query, not a dataset).
MAX_BODY = 1_000_000

_ACCEPT = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
]
_FORMAT_PARAM = {"json", "xml", "csv", "tsv", "turtle", "ntriples"}


def negotiate(accept: str | None, form: str, explicit: str | None = None) -> str:
    """The answer format: ``format=`` parameter, else the best Accept match, else a default."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if explicit in _FORMAT_PARAM:
        return explicit
    choices = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        choices.append((-quality, position, media.lower()))
    for _, _, media in sorted(choices):
        for known, fmt in _ACCEPT:
            if media == known and (fmt in ("turtle", "ntriples")) == graph:
                return fmt
    return "turtle" if graph else "json"


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # 50 clients connecting at once must not be refused

    def __init__(
        self,
        address: tuple[str, int],
        pool: WorkerPool,
        *,
        max_rows: int = 10_000,
        views: Path | None = None,
    ) -> None:
        self.pool = pool
        self.max_rows = max_rows
        self.views = views.resolve() if views else None
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-serve"

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)

    # -- plumbing --------------------------------------------------------------------

    def _send(
        self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _text(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return None
        return self.rfile.read(length) if length else b""

    # -- routes ----------------------------------------------------------------------

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", self._page().encode("utf-8"))
        elif url.path == "/sparql":
            params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
            self._sparql(params)
        elif url.path == "/views" or url.path.startswith("/views/"):
            self._view(urllib.parse.unquote(url.path[len("/views") :].lstrip("/")))
        else:
            self._text(404, f"no such page: {url.path}")

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._text(404, f"no such endpoint: {url.path}")
            return
        body = self._body()
        if body is None:
            return
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif media == "application/sparql-update":
            self._text(400, "this endpoint is read-only: SPARQL Update is refused")
            return
        elif media in ("application/x-www-form-urlencoded", ""):
            form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            self._text(415, f"unsupported Content-Type {media!r}")
            return
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._text(400, "this endpoint is read-only: SPARQL Update is refused")
            return
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            self._text(400, "give exactly one query (the 'query' parameter)")
            return
        query = queries[0]
        try:
            form = check_read_only(query)
        except RefusedQuery as error:
            self._text(400, str(error))
            return
        fmt = negotiate(self.headers.get("Accept"), form, (params.get("format") or [None])[0])
        try:
            answer: Answer = self.server.pool.run(query, form, fmt, self.server.max_rows)
        except (QueryTimeout, ServerBusy) as error:
            self._text(503, str(error))
            return
        except KGError as error:
            self._text(500, str(error))
            return
        headers = {"X-KG-Rows": str(answer.rows)}
        if answer.truncated:
            headers["X-KG-Truncated"] = f"true; max-rows={self.server.max_rows}"
        self._send(answer.status, answer.content_type, answer.body, headers)

    def _view_files(self) -> list[str]:
        folder = self.server.views
        if folder is None or not folder.is_dir():
            return []
        return sorted(p.name for p in folder.glob("*.html") if p.is_file())

    def _view(self, name: str) -> None:
        files = self._view_files()
        if not name:
            items = "".join(
                f'<li><a href="/views/{urllib.parse.quote(f)}">{html.escape(f)}</a></li>'
                for f in files
            )
            self._send(200, "text/html; charset=utf-8", _wrap("Views", f"<ul>{items}</ul>"))
            return
        # Only the listed files: no path walks out of the views folder.
        if name not in files or self.server.views is None:
            self._text(404, f"no view named {name!r}")
            return
        data = (self.server.views / name).read_bytes()
        self._send(200, "text/html; charset=utf-8", data)

    def _page(self) -> str:
        files = self._view_files()
        views = ""
        if files:
            links = "".join(
                f'<li><a href="/views/{urllib.parse.quote(f)}">{html.escape(f)}</a></li>'
                for f in files
            )
            views = f"<h2>Views</h2><ul>{links}</ul>"
        return _wrap("kg SPARQL endpoint", _PAGE.replace("{views}", views)).decode("utf-8")


def _wrap(title: str, body: str) -> bytes:
    return (
        f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)}"
        f"</title><style>{_CSS}</style></head><body>{body}</body></html>"
    ).encode()


_CSS = """
body{font:15px/1.4 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}
textarea{width:100%;height:12em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:.2em .5em;
text-align:left;vertical-align:top}#status{color:#555}
"""

_PAGE = """
<h1>kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST; JSON, XML, CSV, TSV).
Prefixes <code>kg: kgr: rdf: rdfs: owl: xsd: skos: dcterms: schema: prov:</code> are
pre-declared.</p>
<form id=q action=/sparql method=get>
<textarea name=query>SELECT ?paper ?title WHERE {
  ?paper a kg:Paper ; dcterms:title ?title .
} LIMIT 20</textarea>
<p><button type=submit>Run</button>
<select name=format><option value=json>JSON<option value=xml>XML<option value=csv>CSV
<option value=tsv>TSV</select> <span id=status></span></p>
</form>
<div id=out></div>
{views}
<script>
document.getElementById('q').addEventListener('submit', async (event) => {
  if (event.target.format.value !== 'json') return;
  event.preventDefault();
  const status = document.getElementById('status'), out = document.getElementById('out');
  status.textContent = 'running…'; out.textContent = '';
  const response = await fetch('/sparql', {method: 'POST', headers:
    {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'},
    body: event.target.query.value});
  const text = await response.text();
  if (!response.ok) { status.textContent = response.status + ': ' + text; return; }
  const data = JSON.parse(text);
  if ('boolean' in data) { status.textContent = String(data.boolean); return; }
  const table = document.createElement('table'), head = table.insertRow();
  for (const v of data.head.vars) head.appendChild(document.createElement('th')).textContent = v;
  for (const b of data.results.bindings) {
    const row = table.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = b[v] ? b[v].value : '';
  }
  out.appendChild(table);
  status.textContent = data.results.bindings.length + ' rows' +
    (data.truncated ? ' (truncated)' : '');
});
</script>
"""


def make_server(
    store_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    timeout: float = 30.0,
    max_rows: int = 10_000,
    views: str | Path | None = None,
) -> SparqlServer:
    """A ready server (not yet serving): call ``serve_forever()`` and ``server_close()``."""
    from kg.errors import StoreError

    path = Path(store_path)
    if not (path / "CURRENT").exists():
        raise StoreError(f"no store at {path}; run `kg build` first")
    pool = WorkerPool(path, size=workers, timeout=timeout)
    try:
        return SparqlServer(
            (host, port), pool, max_rows=max_rows, views=Path(views) if views else None
        )
    except OSError as error:
        pool.close()
        raise StoreError(f"cannot listen on {host}:{port}: {error.strerror}") from None


__all__ = ["SparqlServer", "make_server", "negotiate"]

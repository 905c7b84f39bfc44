"""Queries run in worker processes, so one that runs too long can be killed.

Each worker opens the Oxigraph store read-only and answers one query at a time
over a pipe, already serialised and capped at ``max_rows``. A query past its time
limit gets its worker killed and replaced; the caller gets :class:`QueryTimeout`,
never a silently empty result.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from kg.errors import KGError, QueryError

log = logging.getLogger(__name__)


class QueryTimeout(KGError):
    """A query ran past the server's time limit and was stopped."""


class ServerBusy(KGError):
    """No worker became free in time."""


@dataclass
class Answer:
    """A serialised answer: what the HTTP layer sends back."""

    status: int
    content_type: str
    body: bytes
    rows: int = 0
    truncated: bool = False


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection


def _worker_main(conn: Connection, store_path: str) -> None:
    """The loop of one worker process: receive (query, form, format, cap), send an Answer."""
    from kg.server.results import execute, open_read_only

    try:
        store = open_read_only(store_path)
    except Exception as error:  # report and exit: the parent turns it into a 500
        conn.send(Answer(500, "text/plain; charset=utf-8", f"cannot open store: {error}".encode()))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        query, form, fmt, max_rows = request
        conn.send(execute(store, query, form, fmt, max_rows))


class WorkerPool:
    """A fixed number of query processes over one store folder."""

    def __init__(
        self,
        store_path: str | Path,
        *,
        size: int = 2,
        timeout: float = 30.0,
        queue_timeout: float = 60.0,
    ) -> None:
        self.store_path = str(store_path)
        self.size = max(1, size)
        self.timeout = timeout
        self.queue_timeout = queue_timeout
        self._context = mp.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(child, self.store_path), daemon=True, name="kg-query"
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()

    def run(self, query: str, form: str, fmt: str, max_rows: int) -> Answer:
        """Run one query in a free worker, within the time limit."""
        if self._closed:
            raise QueryError("server is shutting down")
        try:
            worker = self._idle.get(timeout=self.queue_timeout)
        except queue.Empty:
            raise ServerBusy(f"all {self.size} query workers stayed busy; try again") from None
        healthy = False
        try:
            worker.conn.send((query, form, fmt, max_rows))
            if not worker.conn.poll(self.timeout):
                raise QueryTimeout(
                    f"query stopped after the time limit of {self.timeout:g} s; "
                    "narrow it (LIMIT, more specific patterns) or raise --timeout"
                )
            answer = worker.conn.recv()
            healthy = True
            return answer
        except (EOFError, OSError, BrokenPipeError):
            raise QueryError("the query worker died; it has been restarted") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                log.warning("replacing query worker %s", worker.process.pid)
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(timeout=2)
            self._retire(worker)


__all__ = ["Answer", "QueryTimeout", "ServerBusy", "WorkerPool"]

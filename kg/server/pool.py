"""Queries run in worker processes, so one that runs too long can be killed.

Each worker opens the Oxigraph store read-only and answers one query at a time
over a pipe, already serialised and capped at ``max_rows``. A query past its time
limit gets its worker killed and replaced; the caller gets :class:`QueryTimeout`,
never a silently empty result.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import subprocess
import sys
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


@dataclass(eq=False)  # identity: workers live in a set
class _Worker:
    process: subprocess.Popen
    send: Connection  # to the worker's stdin
    receive: Connection  # from the worker's stdout

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            log.warning("query worker %s did not exit", self.pid)
        for conn in (self.send, self.receive):
            conn.close()


def worker_main(store_path: str) -> None:
    """The loop of one worker process: receive (query, form, format, cap), send an Answer.

    Requests arrive on stdin and answers leave on stdout as pickled messages; the
    worker is started as ``python -m kg.server.worker`` (not by multiprocessing) so
    that it never re-imports the parent's ``__main__``.
    """
    from kg.server.results import execute, open_read_only

    receive = Connection(os.dup(0), writable=False)
    send = Connection(os.dup(1), readable=False)
    sys.stdout = sys.stderr  # nothing else may write into the answer pipe
    try:
        store = open_read_only(store_path)
    except Exception as error:  # report once per request: the parent sends 500s
        store = None
        failure = f"cannot open store {store_path}: {error}"
    while True:
        try:
            request = receive.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        if store is None:
            send.send(Answer(500, "text/plain; charset=utf-8", failure.encode("utf-8")))
            continue
        query, form, fmt, max_rows = request
        send.send(execute(store, query, form, fmt, max_rows))


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
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        # A fresh interpreter, not a fork: forking a threaded server is unsafe.
        process = subprocess.Popen(
            [sys.executable, "-m", "kg.server.worker", self.store_path],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        worker = _Worker(
            process,
            Connection(os.dup(process.stdin.fileno()), readable=False),
            Connection(os.dup(process.stdout.fileno()), writable=False),
        )
        process.stdin.close()
        process.stdout.close()
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()

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
            worker.send.send((query, form, fmt, max_rows))
            if not worker.receive.poll(self.timeout):
                raise QueryTimeout(
                    f"query stopped after the time limit of {self.timeout:g} s; "
                    "narrow it (LIMIT, more specific patterns) or raise --timeout"
                )
            answer = worker.receive.recv()
            healthy = True
            return answer
        except (EOFError, OSError, BrokenPipeError):
            raise QueryError("the query worker died; it has been restarted") from None
        finally:
            if healthy:
                self._idle.put(worker)
            else:
                log.warning("replacing query worker %s", worker.pid)
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.send.send(None)
        for worker in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(timeout=2)
            self._retire(worker)


__all__ = ["Answer", "QueryTimeout", "ServerBusy", "WorkerPool"]

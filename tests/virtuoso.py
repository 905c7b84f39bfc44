"""Start a throwaway Virtuoso server for the remote-store tests.

Each server gets its own temporary database folder and ``virtuoso.ini``, free
loopback ports, and is stopped (and its folder removed) at the end. Tests skip
with a clear reason only when the ``virtuoso-t`` binary is absent.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The DBA password written into the ini (Virtuoso's default).
DBA_PASSWORD = "dba"

_INI = """\
[Database]
DatabaseFile    = {db}/virtuoso.db
ErrorLogFile    = {db}/virtuoso.log
LockFile        = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel   = 7
FileExtend      = 200
Striping        = 0
TempStorage     = TempDatabase

[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort           = 127.0.0.1:{sql_port}
DisableUnixSocket    = 1
DisableTcpSocket     = 0
MaxClientConnections = 20
CheckpointInterval   = 0
CaseMode             = 2
DirsAllowed          = ., {db}
NumberOfBuffers      = 20000
MaxDirtyBuffers      = 15000
ThreadsPerQuery      = 2
MaxQueryMem          = 500M
DBA_PASSWORD         = {password}

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {db}
MaxClientConnections = 20
ServerThreads        = 20
EnabledDavVSP        = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 120
MaxSortedTopRows           = 100000
"""


def binary() -> str | None:
    """The ``virtuoso-t`` server binary, or None when it is not installed."""
    return shutil.which("virtuoso-t") or (
        "/usr/bin/virtuoso-t" if Path("/usr/bin/virtuoso-t").exists() else None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Virtuoso:
    """A running server: its SPARQL endpoints and DBA credentials."""

    http_port: int
    folder: Path
    process: subprocess.Popen
    user: str = "dba"
    password: str = DBA_PASSWORD

    @property
    def endpoint(self) -> str:
        """The public, read-only endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def auth_endpoint(self) -> str:
        """The digest-authenticated endpoint that accepts SPARQL Update."""
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def _answers(endpoint: str) -> bool:
    url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK { }"})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def running_virtuoso(*, timeout: float = 90.0) -> Iterator[Virtuoso]:
    """Start Virtuoso in a temporary folder, wait until SPARQL answers, stop it after."""
    executable = binary()
    if executable is None:
        raise RuntimeError("virtuoso-t is not installed")
    folder = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    http_port, sql_port = _free_port(), _free_port()
    (folder / "virtuoso.ini").write_text(
        _INI.format(db=folder, sql_port=sql_port, http_port=http_port, password=DBA_PASSWORD)
    )
    process = subprocess.Popen(
        [executable, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Virtuoso(http_port=http_port, folder=folder, process=process)
    try:
        deadline = time.monotonic() + timeout
        while not _answers(server.endpoint):
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{server.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso-t did not answer within {timeout}s:\n{server.log()}")
            time.sleep(0.3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

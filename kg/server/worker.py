"""Entry point of one query worker process: ``python -m kg.server.worker STORE``."""

from __future__ import annotations

import sys

from kg.server.pool import worker_main

if __name__ == "__main__":
    worker_main(sys.argv[1])

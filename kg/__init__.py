"""kg: a knowledge graph of ML papers, their methods, datasets, hardware, metrics, tasks and code."""

from __future__ import annotations

__version__ = "0.1.0"

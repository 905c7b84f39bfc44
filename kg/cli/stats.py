"""``kg stats``: what the graph holds, by class and by property."""

from __future__ import annotations

import argparse

from kg.cli._common import add_store_arguments, store_from_args, write_output
from kg.store import QueryResult

NAME = "stats"
HELP = "Count the graph's nodes by class and its triples by property."
EXAMPLES = """
  kg stats
  kg stats --store /data/kg --format json
"""

BY_CLASS = """
SELECT ?class (COUNT(DISTINCT ?node) AS ?count) (COUNT(DISTINCT ?linked) AS ?linked_to_papers)
WHERE {
  ?node a ?class .
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  OPTIONAL { ?paper kg:mentionsEntity ?node . BIND(?node AS ?linked) }
}
GROUP BY ?class ORDER BY DESC(?count)
"""

BY_PROPERTY = """
SELECT ?property (COUNT(*) AS ?count)
WHERE { ?s ?property ?o }
GROUP BY ?property ORDER BY DESC(?count)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_store_arguments(parser)


def run(args: argparse.Namespace) -> int:
    with store_from_args(args, read_only=True) as store:
        classes = store.query(BY_CLASS)
        properties = store.query(BY_PROPERTY)
        total = len(store)
    if args.format == "json":
        import json

        def simple(result: QueryResult, key: str) -> dict[str, int]:
            return {str(row[key]): int(row["count"]) for row in result}

        write_output(
            json.dumps(
                {
                    "triples": total,
                    "classes": simple(classes, "class"),
                    "properties": simple(properties, "property"),
                },
                indent=2,
            )
        )
        return 0
    write_output(f"{total} triples\n\n{classes.to_table()}\n\n{properties.to_table()}")
    return 0

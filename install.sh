#!/usr/bin/env bash
# Install kg into .venv and build the graph of the example pages into ./kg-store.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/env.sh
.venv/bin/kg build examples/data/*.txt --store kg-store --out kg-store.ttl
.venv/bin/kg stats --store kg-store | head -25
echo
echo "Done. Try: .venv/bin/kg query -f examples/queries/most_used_datasets_by_year.rq"

#!/usr/bin/env bash
# Run the whole test suite (installs what is missing first). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/env.sh
exec .venv/bin/python -m pytest "$@"

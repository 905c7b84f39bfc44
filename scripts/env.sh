#!/usr/bin/env bash
# Make this checkout ready to run: Debian packages the tests need, a virtualenv
# in .venv with kg and its test extras. Idempotent; quiet when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: Chromium for the browser tests of the views, Virtuoso for the
# remote-store tests. Installed only when missing, only where apt-get exists.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)
if [ ${#need[@]} -gt 0 ] && [ "${KG_SKIP_APT:-}" != 1 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    echo "Installing Debian packages: ${need[*]}" >&2
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "note: no apt-get; browser and Virtuoso tests will be skipped (missing: ${need[*]})" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
if ! .venv/bin/python -c "import kg, pytest, pyshacl, playwright" >/dev/null 2>&1 \
   || [ pyproject.toml -nt .venv/.kg-installed ]; then
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" >&2 || true
  .venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  .venv/bin/python -c "import kg" && touch .venv/.kg-installed
fi

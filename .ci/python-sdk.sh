#!/usr/bin/env bash
# CI: the Python SDK conformance suite. The official client kernel==0.131.0 (pinned in
# test/python/requirements.txt, installed from PyPI into .venv-sdk/) drives the emulator through
# create, retrieve, update, list with paging, delete, the API's errors and the project headers
# of the five objects. Any failure, or a missing python3, fails the run with a banner saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$SECONDS
fail() {
  local status=$?
  [ "$status" -eq 0 ] ||
    printf '\n======== PYTHON SDK SUITE FAILED (exit %s) after %ss\n' "$status" "$((SECONDS - STARTED))" >&2
}
trap fail EXIT
if ! command -v "${PYTHON:-python3}" >/dev/null; then
  echo "the Python SDK suite needs ${PYTHON:-python3} (3.9 or newer) on PATH" >&2
  exit 1
fi
npm run --silent test:python
printf '======== Python SDK suite passed in %ss\n' "$((SECONDS - STARTED))"

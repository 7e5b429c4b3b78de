#!/usr/bin/env bash
# The Python SDK conformance suite (`npm run test:python`): builds the emulator (dist/), makes the
# virtualenv .venv-sdk/ with test/python/requirements.txt (reused while the requirements are
# unchanged), then runs pytest, whose fixtures start the emulator on 127.0.0.1. Arguments go to
# pytest (`npm run test:python -- -k proxies`).
# PULUMI_KERNEL_SDK_VENV=<dir> puts the virtualenv elsewhere; PYTHON=<exe> picks the interpreter
# that makes it (python3 >= 3.9).
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${PULUMI_KERNEL_SDK_VENV:-.venv-sdk}
PYTHON=${PYTHON:-python3}
REQUIREMENTS=test/python/requirements.txt

node scripts/transpile.js
if [ ! -x "$VENV/bin/python" ]; then
  echo "making the virtualenv $VENV ($("$PYTHON" --version))" >&2
  "$PYTHON" -m venv "$VENV"
fi
# A stamp of the requirements' hash: pip runs only when they change (or the venv is new).
STAMP="$VENV/.requirements.sha256"
WANT=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  echo "$WANT" >"$STAMP"
fi
PYTHONDONTWRITEBYTECODE=1 exec "$VENV/bin/python" -m pytest -c test/python/pytest.ini test/python "$@"

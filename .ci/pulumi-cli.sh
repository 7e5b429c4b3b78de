#!/usr/bin/env bash
# CI leg: a real `pulumi` for the end-to-end suite. `npm run pulumi:cli` uses one on PATH when
# it is new enough, else the cached build (seconds), else builds Pulumi from the Go module proxy
# (minutes; see docs/real-cli.md). Then the language host's Go tests, when Go is installed.
# Prints the CLI's path and version; any failure ends the leg with the step that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$SECONDS

fail() {
  echo "pulumi-cli leg FAILED: $*" >&2
  exit 1
}

# Progress goes to stderr (shown as it happens); stdout's last line is the binary's path.
OUT=$(npm run -s pulumi:cli) || fail "npm run pulumi:cli (its output is above)"
PULUMI=$(tail -n 1 <<<"$OUT")
[ -x "$PULUMI" ] || fail "npm run pulumi:cli printed '$PULUMI', which is not an executable"
VERSION=$(PULUMI_SKIP_UPDATE_CHECK=true "$PULUMI" version) || fail "$PULUMI version"
echo "pulumi $VERSION at $PULUMI"

if command -v go >/dev/null; then
  (cd tools/pulumi-cli && GOFLAGS=-mod=readonly go test ./cmd/...) ||
    fail "go test of the language host (tools/pulumi-cli)"
else
  echo "go is not installed: the language host's Go tests are skipped"
fi
echo "pulumi-cli leg: done in $((SECONDS - STARTED)) s"

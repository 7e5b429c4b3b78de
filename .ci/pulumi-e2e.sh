#!/usr/bin/env bash
# CI: the end-to-end suites with the real Pulumi CLI (`npm run test:pulumi`, test/pulumi/),
# once .ci/pulumi-cli.sh has made sure a CLI is there (it builds one when no cached one
# matches). Bounded: the suites take about 2 minutes on two cores; the run is cut at 15.
set -euo pipefail
cd "$(dirname "$0")/.."
STARTED=$SECONDS
status=0
timeout --kill-after=30 900 npm run test:pulumi || status=$?
[ "$status" -eq 124 ] && echo "pulumi e2e: cut after 900 s" >&2
echo "pulumi e2e: exit $status, $((SECONDS - STARTED)) s"
exit "$status"

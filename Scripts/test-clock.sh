#!/usr/bin/env bash
# The whole suite with the wall clock years away: every `rapport` the end-to-end tests start runs under
# libfaketime at RAPPORT_TEST_CLOCK (default 2031-07-01), and the in-process tests pass their day in.
# (XCTest's own run loop hangs under libfaketime, so the clock is moved for the binaries, not the runner.)
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 TZ=UTC
export RAPPORT_TEST_CLOCK="${RAPPORT_TEST_CLOCK:-@2031-07-01 12:00:00}"
[ -f /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || { echo "faketime is missing: make deps"; exit 1; }
echo "wall clock of every rapport run: $RAPPORT_TEST_CLOCK"
exec bash Scripts/test.sh

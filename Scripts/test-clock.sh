#!/usr/bin/env bash
# The whole suite with the wall clock years away: every `rapport` the end-to-end tests start runs under
# libfaketime at RAPPORT_TEST_CLOCK (default 2031-07-01), and the in-process tests pass their day in.
# (XCTest's own run loop hangs under libfaketime, so the clock is moved for the binaries, not the runner.)
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 TZ=UTC
export RAPPORT_TEST_CLOCK="${RAPPORT_TEST_CLOCK:-@2031-07-01 12:00:00}"
[ -f /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || { echo "faketime is missing: make deps"; exit 1; }
# faketime names its shared memory by its pid: what a killed faketime left behind makes a later one with
# the same pid fail ("sem_open: File exists"). Clear what no running process owns.
for leftover in /dev/shm/faketime_shm_* /dev/shm/sem.faketime_sem_*; do
  [ -e "$leftover" ] || continue
  pid=${leftover##*_}
  kill -0 "$pid" 2>/dev/null || rm -f "$leftover"
done
echo "wall clock of every rapport run: $RAPPORT_TEST_CLOCK"
exec bash Scripts/test.sh

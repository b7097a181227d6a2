#!/usr/bin/env bash
# One sha256 per output a user sees, for a journal and a fixed day: board, due, report, forecast, standup's
# agenda and every export, each once by a full replay (no checkpoint read or written) and once from a
# checkpoint (written by a run in between). Two runs of the same rapport on the same journal print the
# same digests; run it before and after a change that must not change any output, and compare:
#
#   bash Scripts/output-digest.sh JOURNAL TODAY > before.txt      # RAPPORT_BIN=path/to/rapport to choose
#   ... change, build ...
#   bash Scripts/output-digest.sh JOURNAL TODAY > after.txt
#   diff <(grep -v '^#' before.txt) <(grep -v '^#' after.txt)     # '#' lines: the binary, the journal, when
#
# Everything runs with RAPPORT_TODAY=TODAY, TZ=UTC, LC_ALL=C.UTF-8 and XDG folders of its own (removed at
# the end), standard input from /dev/null and output to a file, so nothing depends on the caller's
# settings, terminal or clock. Exits non-zero, naming the command and showing its errors, when a command
# fails or no checkpoint was written. Tests/Fixtures/output-digests/README.md says how the committed
# digests were made.
set -euo pipefail

usage() {
  echo "usage: $0 JOURNAL TODAY (YYYY-MM-DD); RAPPORT_BIN names the rapport to run (default: .build/release/rapport)" >&2
  exit 64
}

[[ $# -eq 2 ]] || usage
journal=$1
today=$2
[[ $today =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || usage
if [[ ! -f $journal ]]; then
  echo "$0: no journal file at '$journal'" >&2
  exit 66
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rapport=${RAPPORT_BIN:-$root/.build/release/rapport}
if [[ ! -x $rapport ]]; then
  echo "$0: no rapport executable at '$rapport' (swift build -c release --product rapport, or set RAPPORT_BIN)" >&2
  exit 69
fi
journal=$(realpath -- "$journal")
rapport=$(realpath -- "$rapport")

work=$(mktemp -d "${TMPDIR:-/tmp}/rapport-digest.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
mkdir -p -- "$work/cache" "$work/state" "$work/config" "$work/data" "$work/home"

# Nothing of the caller's: only what the commands need, fixed.
unset RAPPORT_NO_CHECKPOINT RAPPORT_READ_ONLY RAPPORT_THEME
export RAPPORT_LOG=$journal RAPPORT_TODAY=$today RAPPORT_USER=digest TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
export HOME=$work/home XDG_CACHE_HOME=$work/cache XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
export XDG_DATA_HOME=$work/data

# The outputs, one command line each (words split on spaces: no argument holds one).
outputs=(
  "board --format json"
  "board"
  "board --format csv"
  "due"
  "due --format json"
  "report --period month"
  "report --period quarter"
  "report --period year"
  "report --format json"
  "report --by owner --format csv"
  "report --by tier --format json"
  "forecast"
  "forecast --format json"
  "standup --format json"
  "standup --agenda"
  "export accounts"
  "export accounts --format json"
  "export board"
  "export board --format json"
  "export due"
  "export due --format json"
  "export timeline"
  "export timeline --format json"
  "export touchpoints"
  "export touchpoints --format json"
  "export calendar"
)

# run PASS COMMAND...: prints "SHA256  BYTES  PASS  COMMAND"; on failure, the command's errors and exit 1.
run() {
  local pass=$1
  shift
  local status=0
  "$rapport" "$@" < /dev/null > "$work/out" 2> "$work/err" || status=$?
  if [[ $status -ne 0 ]]; then
    echo "$0: '$*' ($pass) exited $status:" >&2
    head -c 2000 -- "$work/err" >&2
    exit 1
  fi
  local sum bytes
  sum=$(sha256sum < "$work/out")
  bytes=$(stat -c %s -- "$work/out")
  printf '%s  %10s  %-13s  %s\n' "${sum%% *}" "$bytes" "$pass" "$*"
  rm -f -- "$work/out"
}

echo "# rapport output digests"
echo "# journal: $(basename -- "$journal"), $(stat -c %s -- "$journal") bytes, sha256 $(sha256sum < "$journal" | cut -d' ' -f1)"
echo "# today: $today; rapport: $("$rapport" --version 2> /dev/null | head -1 || echo unknown)"
echo "# made: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
echo "# columns: sha256, bytes, pass (no-checkpoint: a full replay; checkpoint: from the one the run between wrote), command"

for line in "${outputs[@]}"; do
  read -r -a words <<< "$line"
  RAPPORT_NO_CHECKPOINT=1 run no-checkpoint "${words[@]}"
done

if [[ -n $(find "$work/cache" -type f -print -quit) ]]; then
  echo "$0: a checkpoint was written while RAPPORT_NO_CHECKPOINT=1: the first pass did not replay in full" >&2
  exit 1
fi

# The run that writes the checkpoint: a full replay, then the checkpoint.
"$rapport" board --format json < /dev/null > /dev/null 2> "$work/err" || {
  echo "$0: the run writing the checkpoint failed:" >&2
  head -c 2000 -- "$work/err" >&2
  exit 1
}
if [[ -z $(find "$work/cache" -type f -print -quit) ]]; then
  echo "$0: no checkpoint was written in $work/cache (a journal below the checkpoint's minimum size?)" >&2
  exit 1
fi

for line in "${outputs[@]}"; do
  read -r -a words <<< "$line"
  run checkpoint "${words[@]}"
done

#!/usr/bin/env bash
# Times `rapport import usage` of a generated file (default 100,000 rows over 200 accounts) into a new
# journal, then a second import of the same file (all rows unchanged).
#   bash Scripts/import-bench.sh [ROWS] [BINARY]     (default binary: .build/release/rapport, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
binary=${2:-.build/release/rapport}
if [ ! -x "$binary" ]; then swift build -c release --product rapport; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export RAPPORT_LOG="$work/journal.jsonl" RAPPORT_USER=bench RAPPORT_TODAY=2026-11-23 XDG_STATE_HOME="$work/state" TZ=UTC
"$binary" init >/dev/null
accounts=200
{
  echo "account,name,tier"
  for ((i = 1; i <= accounts; i++)); do echo "acct-$i,Account $i,$((i % 3 + 1))"; done
} >"$work/accounts.csv"
"$binary" import accounts "$work/accounts.csv" >/dev/null
# Each row: an account, a distinct day (counting back from 2026-11-23) and a value.
awk -v rows="$rows" -v accounts="$accounts" 'BEGIN {
  print "account,date,value"
  base = 20780  # 2026-11-23 as days since 1970-01-01
  for (i = 0; i < rows; i++) {
    a = i % accounts + 1; d = base - int(i / accounts)
    # civil from days (Howard Hinnant)
    z = d + 719468; era = int((z >= 0 ? z : z - 146096) / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100)); mp = int((5 * doy + 2) / 153)
    dd = doy - int((153 * mp + 2) / 5) + 1; m = mp < 10 ? mp + 3 : mp - 9; if (m <= 2) y++
    printf "acct-%d,%04d-%02d-%02d,%d\n", a, y, m, dd, (i * 7919) % 5000
  }
}' >"$work/usage.csv"
echo "usage file: $rows rows, $(wc -c <"$work/usage.csv") bytes"
start=$(date +%s.%N)
"$binary" import usage "$work/usage.csv" | tail -n 1
end=$(date +%s.%N)
echo "first import: $(echo "$end - $start" | bc) s"
start=$(date +%s.%N)
"$binary" import usage "$work/usage.csv" | tail -n 1
end=$(date +%s.%N)
echo "re-import (all unchanged): $(echo "$end - $start" | bc) s"
"$binary" verify | head -n 3

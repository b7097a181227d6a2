#!/bin/sh
# Fuzzes the journal's record reader (Sources/rapport-fuzz) with libFuzzer and AddressSanitizer.
#
#   Scripts/fuzz.sh [SECONDS]     default 60
#
# Crashing inputs are kept in .build-fuzz/artifacts/; replay one with a plain build:
#   swift run rapport-fuzz .build-fuzz/artifacts/crash-...
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-60}

work=$(mktemp -d "${TMPDIR:-/tmp}/rapport-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/corpus" .build-fuzz/artifacts

# FUZZING swaps the replay `main` for libFuzzer's driver (see Sources/rapport-fuzz/FuzzEntryPoint.swift),
# which is declared with @_extern(c), hence the Extern feature.
flags="-c debug --product rapport-fuzz --scratch-path .build-fuzz
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING
  -Xswiftc -enable-experimental-feature -Xswiftc Extern"
echo "building rapport-fuzz with libFuzzer and AddressSanitizer..."
# shellcheck disable=SC2086
if ! swift build $flags >"$work/build.log" 2>&1; then
  grep -v "Cannot export local symbol" "$work/build.log" >&2  # gold's noise about ASan's helpers
  exit 1
fi
# shellcheck disable=SC2086
binary="$(swift build $flags --show-bin-path)/rapport-fuzz"

# Seeds: a real journal (genesis, a note with escapes, a two-record batch), its first line alone, and
# a torn copy. The hashes are genuine, so the fuzzer starts from records that pass the chain check.
cat >"$work/corpus/journal.jsonl" <<'JOURNAL'
{"v":1,"seq":1,"id":"3f2b8c1e-6d4a-4e0b-9a7c-2b1d5e8f9a01","at":"2026-11-23T09:30:00.000Z","by":"ana","type":"journal.created","data":{"schema":1},"hash":"5e6b4328d9be8ac729857a8613230c98677186e9f7594dc6679f8ad12cab5840"}
{"v":1,"seq":2,"id":"7c9e1a2b-3d4e-4f50-8a6b-7c8d9e0f1a2b","at":"2026-11-23T09:31:00.000Z","by":"ana","type":"note.added","account":"acme","data":{"n":2,"text":"Zoë \"q\" \n\u0001 🎉","amount":12.5,"tags":["a",true,null]},"hash":"0a845b6fc417967e605efc65f15b903bab45c54a462c784a7de0886218073d54"}
{"v":1,"seq":3,"id":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","at":"2026-11-23T09:32:00.000Z","by":"bo","type":"stage.changed","account":"acme","batch":[1,2],"data":{"stage":"onboarding"},"hash":"c2e6ebce7a62d28daf60265646c22628c5b29f82c886c591ebfb9d251401a69b"}
{"v":1,"seq":4,"id":"b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e","at":"2026-11-23T09:32:00.000Z","by":"bo","type":"owner.changed","account":"acme","batch":[2,2],"data":{"owner":"bo"},"hash":"6cdc562bbd36e74966f85d81041a0c5ea414575ceb02fca7116fa629dec9c301"}
JOURNAL
head -n 1 "$work/corpus/journal.jsonl" >"$work/corpus/genesis.jsonl"
head -c 700 "$work/corpus/journal.jsonl" >"$work/corpus/torn.jsonl"

cat >"$work/journal.dict" <<'DICT'
"{\"v\":1,"
"\"seq\":"
"\"id\":"
"\"at\":\"2026-11-23T09:30:00.000Z\""
"\"by\":"
"\"type\":\"journal.created\""
"\"account\":"
"\"batch\":[1,2]"
"\"data\":{"
",\"hash\":\""
"0000000000000000000000000000000000000000000000000000000000000000"
"\\u0000"
"\\ud83c\\udf89"
"\\ud800"
"\"}\x0a"
"true"
"false"
"null"
"1e308"
"-0.5e-3"
DICT

"$binary" "$work/corpus" -dict="$work/journal.dict" -max_total_time="$seconds" \
  -artifact_prefix=.build-fuzz/artifacts/ -print_final_stats=1

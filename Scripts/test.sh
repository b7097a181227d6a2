#!/usr/bin/env bash
# Builds and runs every test target (XCTest), then closes with one plain line: "N passed, M failed".
# The PostgreSQL tests get a throwaway cluster of their own (Scripts/postgres-cluster.sh), started here
# and stopped on exit, whatever the tests did.
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 TZ=UTC
bash Scripts/ensure-deps.sh || exit 1
swift build --build-tests || exit 1
# `make install` into a scratch root, as a packager runs it (the debug build: no second, release build
# here); InstallTests checks what it wrote. Done before the tests, which must not build themselves.
install_root=$(mktemp -d)
CONFIGURATION=debug PREFIX=/usr DESTDIR="$install_root" bash Scripts/install.sh install >/dev/null || {
  echo "make install into $install_root failed"
  exit 1
}
export RAPPORT_TEST_INSTALL_ROOT="$install_root" RAPPORT_TEST_INSTALL_PREFIX=/usr
# `make deb` into a scratch folder (the release build, as shipped; its manual pages from the debug build
# above, which gives the same pages without building release a second time, dynamically linked);
# DebianPackageTests and TeamSetupTests read the package.
deb_dir=$(mktemp -d)
RAPPORT_TEST_DEB=$(MANUAL_CONFIGURATION=debug DEBDIR="$deb_dir" bash Scripts/deb.sh 2>"$deb_dir/log") || {
  cat "$deb_dir/log"
  echo "make deb into $deb_dir failed"
  exit 1
}
export RAPPORT_TEST_DEB
log=$(mktemp)
cluster=$(bash Scripts/postgres-cluster.sh start) || {
  echo "could not start the test PostgreSQL cluster"
  exit 1
}
eval "$cluster"
trap 'rm -f "$log"; rm -rf "$install_root" "$deb_dir"; bash Scripts/postgres-cluster.sh stop "$RAPPORT_TEST_POSTGRES_DIR"' EXIT
trap 'exit 130' INT TERM
swift test --skip-build --disable-swift-testing 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
summary=$(grep -E '^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?' "$log" | tail -n 1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failures=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
if [ -z "$summary" ] || [ "${executed:-0}" -eq 0 ]; then
  echo "no tests ran"
  exit 1
fi
echo "$((executed - failures)) passed, $failures failed"
[ "$status" -eq 0 ] && [ "$failures" -eq 0 ]

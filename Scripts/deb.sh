#!/usr/bin/env bash
# make deb (README, "Installing"; docs/team-setup.md installs the result):
#
#   bash Scripts/deb.sh                 # builds DEBDIR/rapport_VERSION-REVISION_ARCH.deb, prints its path
#   bash Scripts/deb.sh depends BINARY  # the Depends field for what BINARY links
#
# DEBDIR (default: the repository's folder), CONFIGURATION (default release), DEB_REVISION (default 1),
# DEB_MAINTAINER, SOURCE_DATE_EPOCH (default: the last commit's date). Needs dpkg-deb only: the files
# are those `make install PREFIX=/usr` writes (Scripts/install.sh, into a staging root, without its
# manifest: dpkg keeps the list), laid out as Debian policy wants (manual pages gzip -9n, zsh's vendor
# folder, /usr/share/doc/rapport/copyright and changelog.Debian.gz), owned by root, 0755/0644.
# Depends comes from dpkg-shlibdeps when it is installed (DPKG_SHLIBDEPS=none to do without), else
# from the binary's NEEDED entries and the packages dpkg says hold those libraries. lintian checks the
# package where it is installed.
set -euo pipefail
[ "${1:-}" = depends ] && [ $# -eq 2 ] && set -- depends "$(realpath "$2")" # before leaving the caller's folder
cd "$(dirname "$0")/.."
package=rapport
maintainer=${DEB_MAINTAINER:-The Rapport developers <maintainers@users.noreply.r-seed-d2de24ed.example>}

# `Depends` as dpkg-shlibdeps computes it, from a scratch folder holding the debian/control it reads.
shlibdeps_depends() {
  local binary scratch line
  binary=$(realpath "$1")
  scratch=$(mktemp -d)
  mkdir "$scratch/debian"
  printf 'Source: %s\n\nPackage: %s\nArchitecture: any\n' "$package" "$package" > "$scratch/debian/control"
  line=$(cd "$scratch" && "$DPKG_SHLIBDEPS" -O -e"$binary" 2> "$scratch/errors") || {
    cat "$scratch/errors" >&2
    rm -rf "$scratch"
    return 1
  }
  rm -rf "$scratch"
  sed -n 's/^shlibs:Depends=//p' <<<"$line"
}

# The package holding a library, asked of dpkg under each name a merged /usr gives it.
owner_of() {
  local path=$1 real candidate
  real="$(dirname "$path")/$(basename "$(readlink -f "$path")")"
  for candidate in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr${path#/usr}" "/usr${real#/usr}"; do
    dpkg -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p' | grep . && return 0
  done
  return 1
}

# Without dpkg-shlibdeps: each NEEDED library, the package holding it, at least its installed version.
fallback_depends() {
  local binary=$1 library path owner version
  local -a found=()
  readelf -d "$binary" > /dev/null || return 1
  while IFS= read -r library; do
    path=$(ldconfig -p | awk -v name="$library" '$1 == name && !found { print $NF; found = 1 }')
    [ -n "$path" ] || { echo "no library $library on this host (ldconfig -p)" >&2; return 1; }
    owner=$(owner_of "$path") || { echo "no package holds $path (dpkg -S)" >&2; return 1; }
    version=$(dpkg-query -W -f '${Version}' "$owner")
    found+=("$owner (>= ${version})")
  done < <(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  printf '%s\n' "${found[@]}" | sort -u | paste -sd, - | sed 's/,/, /g'
}

depends() {
  DPKG_SHLIBDEPS=${DPKG_SHLIBDEPS:-dpkg-shlibdeps}
  if [ "$DPKG_SHLIBDEPS" != none ] && command -v "$DPKG_SHLIBDEPS" >/dev/null; then
    shlibdeps_depends "$1"
  else
    fallback_depends "$1"
  fi
}

# The date everything in the package carries, so two builds of one commit give the same files.
source_date() {
  if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
    echo "$SOURCE_DATE_EPOCH"
  elif git rev-parse --git-dir >/dev/null 2>&1; then
    git log -1 --format=%ct
  else
    stat -c %Y Sources/RapportCLI/RapportVersion.swift
  fi
}

changelog() { # changelog VERSION EPOCH
  local commit=""
  commit=$(git rev-parse --short HEAD 2>/dev/null) && commit=", built from commit $commit"
  printf '%s (%s) unstable; urgency=medium\n\n  * Rapport %s%s.\n\n -- %s  %s\n' \
    "$package" "$1" "${1%-*}" "$commit" "$maintainer" "$(LC_ALL=C TZ=UTC date -R -d "@$2")"
}

control() { # control VERSION ARCH DEPENDS INSTALLED_SIZE
  cat <<EOF
Package: $package
Version: $1
Architecture: $2
Maintainer: $maintainer
Installed-Size: $4
Depends: $3
Section: utils
Priority: optional
Description: terminal dashboard for an account team's book of clients
 Rapport keeps an account team's clients in one place that opens over SSH
 in a second: who owns each client, how healthy each relationship is and
 why, and what must happen next.
 .
 Everything anyone does is an event appended to one hash-chained journal,
 a JSON Lines file or a PostgreSQL database, which several people use at
 once from the command line or the full-screen ncurses dashboard. Health,
 plays, alerts and metrics are computed from it by rules one can read and
 configure.
EOF
}

build() {
  local configuration=${CONFIGURATION:-release} debdir=${DEBDIR:-.} revision=${DEB_REVISION:-1}
  local root
  staging=$(mktemp -d) # global: the EXIT trap reads it after build returns
  trap 'rm -rf "$staging"' EXIT
  root="$staging/$package"
  CONFIGURATION=$configuration DESTDIR=$root PREFIX=/usr MANIFEST=no \
    ZSH_COMPLETIONS=share/zsh/vendor-completions bash Scripts/install.sh install >&2
  local binary="$root/usr/bin/rapport"
  if readelf -d "$binary" | grep -q 'NEEDED.*\[libswift'; then
    echo "$binary links the Swift runtime dynamically: a host without Swift could not run it" >&2
    exit 1
  fi
  # As dh_strip does: the symbols go, the GNU build id (what `rapport --version` prints) stays.
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$binary"
  local upstream version arch epoch
  upstream=$("$binary" --version | awk '{ print $2 }')
  [[ "$upstream" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || {
    echo "rapport --version printed no usable version: $upstream" >&2
    exit 1
  }
  version="$upstream-$revision"
  arch=$(dpkg --print-architecture)
  epoch=$(source_date)
  gzip -9n "$root"/usr/share/man/man1/*.1
  local doc="$root/usr/share/doc/$package"
  install -D -m 0644 Packaging/copyright "$doc/copyright"
  changelog "$version" "$epoch" | gzip -9n > "$doc/changelog.Debian.gz"
  find "$root" -type d -exec chmod 0755 {} +
  find "$root" -type f -exec chmod 0644 {} +
  chmod 0755 "$binary"
  local dependencies size
  dependencies=$(depends "$binary")
  [ -n "$dependencies" ] || { echo "no Depends found for $binary" >&2; exit 1; }
  # Installed-Size as dpkg-gencontrol counts it: KiB per file, rounded up, and one per folder.
  size=$(cd "$root" && { find usr -type f -printf '%s\n'; find usr -type d -printf '1024\n'; } |
    awk '{ total += int(($1 + 1023) / 1024) } END { print total }')
  mkdir -m 0755 "$root/DEBIAN"
  control "$version" "$arch" "$dependencies" "$size" > "$root/DEBIAN/control"
  (cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
  chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
  find "$root" -exec touch -h -d "@$epoch" {} +
  mkdir -p "$debdir"
  local deb="$debdir/${package}_${version}_${arch}.deb"
  SOURCE_DATE_EPOCH=$epoch dpkg-deb --root-owner-group --build "$root" "$deb" >&2
  if command -v lintian >/dev/null; then
    lintian --fail-on error,warning "$deb" >&2
  fi
  echo "$deb"
}

case "${1:-build}" in
  build) build ;;
  depends)
    [ $# -eq 2 ] || { echo "usage: $0 depends BINARY" >&2; exit 64; }
    depends "$2"
    ;;
  *) echo "usage: $0 [build] | depends BINARY" >&2; exit 64 ;;
esac

#!/usr/bin/env bash
# make install / make uninstall (README, "Installing"):
#
#   bash Scripts/install.sh install     # PREFIX (default /usr/local), DESTDIR, CONFIGURATION (default release), MANUAL_CONFIGURATION
#   bash Scripts/install.sh uninstall   # removes exactly what install wrote (its manifest)
#
# Installs the binary (release: the Swift runtime linked statically, so a host without Swift runs it), the
# shipped themes in PREFIX/share/rapport/themes (where the binary looks, relative to itself), the manual
# pages generated from the command definitions (swift-argument-parser's generate-manual: rapport(1) and one
# per subcommand) and the bash, zsh and fish completion scripts in their standard places. The list of
# files written is kept in PREFIX/share/rapport/installed-files, which uninstall reads.
#
# For packaging (Scripts/deb.sh): MANIFEST=no writes no manifest (the package manager keeps the list),
# and ZSH_COMPLETIONS names the zsh folder under PREFIX (default share/zsh/site-functions; Debian's zsh
# reads share/zsh/vendor-completions).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:-install}
prefix=${PREFIX:-/usr/local}
root="${DESTDIR:-}$prefix"
configuration=${CONFIGURATION:-release}
# The configuration the manual's plugin builds its tool in: the pages come from the command definitions,
# the same in every configuration (the test suite takes its debug build instead of rebuilding release).
manual_configuration=${MANUAL_CONFIGURATION:-$configuration}
manifest="$root/share/rapport/installed-files"
write_manifest=${MANIFEST:-yes}
zsh_completions=${ZSH_COMPLETIONS:-share/zsh/site-functions}

install_files() {
  local build=(swift build -c "$configuration" --product rapport)
  [ "$configuration" = release ] && build+=(--static-swift-stdlib)
  "${build[@]}" >&2
  local scratch
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' RETURN
  # A copy of the binary before the manual's plugin rebuilds it in this configuration, without
  # --static-swift-stdlib (the installed binary must not need the Swift runtime).
  local bin="$scratch/rapport-binary"
  cp "$(swift build -c "$configuration" --show-bin-path)/rapport" "$bin"
  # Manual pages from the command definitions (the plugin builds the tool in that configuration).
  swift package --allow-writing-to-package-directory generate-manual --multi-page \
    --configuration "$manual_configuration" --authors "The Rapport developers" >&2
  local pages=.build/plugins/GenerateManual/outputs/rapport
  local written=()
  put() { # put MODE SOURCE DEST
    install -D -m "$1" "$2" "$root/$3"
    written+=("$3")
  }
  put 0755 "$bin" bin/rapport
  for theme in Themes/*.toml; do put 0644 "$theme" "share/rapport/themes/$(basename "$theme")"; done
  for page in "$pages"/*.1; do put 0644 "$page" "share/man/man1/$(basename "$page")"; done
  "$bin" completions bash > "$scratch/rapport"
  "$bin" completions zsh > "$scratch/_rapport"
  "$bin" completions fish > "$scratch/rapport.fish"
  put 0644 "$scratch/rapport" share/bash-completion/completions/rapport
  put 0644 "$scratch/_rapport" "$zsh_completions/_rapport"
  put 0644 "$scratch/rapport.fish" share/fish/vendor_completions.d/rapport.fish
  if [ "$write_manifest" = no ]; then
    echo "installed ${#written[@]} files under $root (no manifest)"
    return
  fi
  printf '%s\n' "${written[@]}" share/rapport/installed-files > "$scratch/manifest"
  install -D -m 0644 "$scratch/manifest" "$manifest"
  echo "installed ${#written[@]} files under $root (listed in $manifest)"
}

uninstall_files() {
  if [ ! -f "$manifest" ]; then
    echo "nothing to uninstall: $manifest not found (PREFIX=$prefix DESTDIR=${DESTDIR:-})" >&2
    exit 1
  fi
  local count=0 file
  while IFS= read -r file; do
    case "$file" in ''|/*|*..*) continue ;; esac   # only the relative paths install wrote
    if [ -e "$root/$file" ] || [ -L "$root/$file" ]; then rm -f -- "$root/$file"; count=$((count + 1)); fi
  done < "$manifest"
  # The folders only Rapport uses, once empty.
  rmdir "$root/share/rapport/themes" "$root/share/rapport" 2>/dev/null || true
  echo "removed $count files under $root"
}

case "$action" in
  install) install_files ;;
  uninstall) uninstall_files ;;
  *) echo "usage: $0 install|uninstall" >&2; exit 64 ;;
esac

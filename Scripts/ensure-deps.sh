#!/usr/bin/env bash
# Installs the system packages Rapport needs when they are missing (Debian). Fast when present.
set -euo pipefail
missing=()
[ -f /usr/include/ncursesw/curses.h ] || missing+=(libncursesw5-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi

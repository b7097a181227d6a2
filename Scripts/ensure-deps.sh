#!/usr/bin/env bash
# Installs the system packages Rapport needs when they are missing (Debian). Fast when present.
set -euo pipefail
missing=()
[ -f /usr/include/ncursesw/curses.h ] || missing+=(libncursesw5-dev)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
# The wall-clock tests run the binary under libfaketime.
command -v faketime >/dev/null 2>&1 || missing+=(faketime)
# The calendar export's tests read the file with Python's icalendar (installed with pip below).
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-pip)
# The PostgreSQL journal: libpq to build against, a server for the tests' throwaway cluster.
[ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# docs/team-setup.md's check gives every program the scratch host's users and groups (nss_wrapper).
ls /usr/lib/*/libnss_wrapper.so >/dev/null 2>&1 || missing+=(libnss-wrapper)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
fi
# The calendar export's tests read the file with a real iCalendar parser (Python's icalendar).
if ! python3 -c 'import icalendar' >/dev/null 2>&1; then
  echo "installing: icalendar (pip)"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore icalendar ||
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --break-system-packages icalendar
fi

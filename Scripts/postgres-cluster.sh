#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: its own data folder under /tmp, a unix socket in that
# folder and no TCP at all, trust authentication (only processes on this machine that can reach the
# socket connect), fsync off. Nothing outside the folder is touched, and `stop` removes it.
#
#   eval "$(bash Scripts/postgres-cluster.sh start)"   # prints the exports the tests read
#   bash Scripts/postgres-cluster.sh env DIR             # the same exports for a running cluster
#   bash Scripts/postgres-cluster.sh stop DIR            # stops it and removes DIR
#
# The tests read RAPPORT_TEST_POSTGRES (a libpq connection string without a user: append
# `user=NAME dbname=NAME`, later keywords win) and RAPPORT_TEST_POSTGRES_SUPERUSER. The cluster has a
# database `rapport` owned by the login role `rapport_owner` (CREATEROLE, CREATEDB: it runs
# `install`), and two plain login roles, `alice` and `bob`.
#
# As root, initdb and the server run as the `postgres` OS user (initdb refuses root); otherwise as the
# calling user.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port=5432

find_bin() {
  local name=$1 candidate
  for candidate in /usr/lib/postgresql/15/bin/"$name" $(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -r); do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  command -v "$name" 2>/dev/null && return
  echo "postgres-cluster: $name not found (install the postgresql package: make deps)" >&2
  exit 1
}

# Runs a command as the cluster's OS user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

exports() {
  local dir=$1
  echo "export RAPPORT_TEST_POSTGRES_DIR='$dir'"
  echo "export RAPPORT_TEST_POSTGRES='host=$dir/socket port=$port dbname=rapport'"
  echo "export RAPPORT_TEST_POSTGRES_SUPERUSER='$(superuser)'"
}

superuser() {
  if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi
}

start() {
  # Quietly: stdout carries only the exports.
  bash "$here/ensure-deps.sh" >&2
  local initdb pg_ctl psql dir
  initdb=$(find_bin initdb)
  pg_ctl=$(find_bin pg_ctl)
  psql=$(find_bin psql)
  dir=$(mktemp -d /tmp/rapport-pg.XXXXXX)
  chmod 0755 "$dir"
  mkdir "$dir/socket"
  [ "$(id -u)" -ne 0 ] || chown -R postgres: "$dir"
  as_owner "$initdb" -D "$dir/data" -U "$(superuser)" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-instructions >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
  }
  # One line: pg_ctl hands the options to a shell, where a newline would end the command.
  local options="-c listen_addresses='' -c unix_socket_directories='$dir/socket' -p $port -c fsync=off"
  options+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
  as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null || {
    cat "$dir/server.log" >&2
    exit 1
  }
  as_owner "$psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/socket" -p "$port" -U "$(superuser)" -d postgres >/dev/null <<'SQL'
CREATE ROLE rapport_owner LOGIN CREATEROLE CREATEDB;
CREATE ROLE alice LOGIN;
CREATE ROLE bob LOGIN;
CREATE DATABASE rapport OWNER rapport_owner;
SQL
  exports "$dir"
}

stop() {
  local dir=${1:-${RAPPORT_TEST_POSTGRES_DIR:-}}
  case "$dir" in
  /tmp/rapport-pg.*) ;;
  *)
    echo "postgres-cluster: stop needs the cluster's folder (/tmp/rapport-pg.*), not '$dir'" >&2
    exit 1
    ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(find_bin pg_ctl)" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
env)
  [ -n "${2:-}" ] && [ -d "$2/data" ] || {
    echo "postgres-cluster: env needs a running cluster's folder" >&2
    exit 1
  }
  exports "$2"
  ;;
*)
  echo "usage: $0 start | env DIR | stop DIR" >&2
  exit 2
  ;;
esac

#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the bench scripts, from Debian's postgresql package (apt-get install -y postgresql).
# initdb refuses root, so as root the server runs as the 'postgres' user. Source it, then:
#   pg_start <dir> <port> [server options]   # initdb + start on 127.0.0.1:<port>, sockets in <dir>/run
#   pg_stop <dir>
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
pg_as() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
pg_start() {
  local dir=$1 port=$2 extra=${3:-} bin
  bin=$(pg_bin) || true
  [ -n "$bin" ] || { echo "PostgreSQL server binaries are missing: apt-get install -y postgresql" >&2; return 1; }
  rm -rf "$dir" && mkdir -p "$dir/data" "$dir/run"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
  pg_as "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
  pg_as "$bin/pg_ctl -D $dir/data -l $dir/log -w -o \"-k $dir/run -p $port -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB $extra\" start >/dev/null"
}
pg_stop() { pg_as "$(pg_bin)/pg_ctl -D $1/data -m fast stop >/dev/null" || true; }

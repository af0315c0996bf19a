#!/usr/bin/env bash
# Import performance on PostgreSQL (issue 11): the command-line import of a deterministic 1,000,000-row exchange file
# (50 traders, one year) into an empty FlexPower database, against psql's \copy of the same file into a table with
# the same columns, primary key and indexes — same throwaway server, same run. Also the peak memory of the import
# process and a forced re-import (must insert nothing). FlexPower's schema is created before the clock starts.
# Needs: postgresql (server and psql) and GNU time (apt-get install -y postgresql time). Usage: bench/import-postgres.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
rows=${1:-1000000}
port=${PGPORT_BENCH:-15433}
work=bench/data/import-postgres
cluster=/tmp/flexpower-bench-pg-import-$port  # one per port: parallel runs from other checkouts do not collide
mkdir -p "$work" bench/data/import
csv="bench/data/import/epex_trades_${rows}.csv"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
[ -f "$csv" ] || FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench generate-csv "$csv" "$rows" 50 2025
csv=$(realpath "$csv")

pg_start "$cluster" "$port"
trap 'pg_stop "$cluster"' EXIT
psql_() { psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql_ -c 'CREATE DATABASE copy_bench' -c 'CREATE DATABASE flexpower_bench'

measure() { # command... -> prints "seconds peak_mb"; fails when the command fails
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || { cat "$work/stdout.txt" "$work/stderr.txt" >&2; return 1; }
  awk '{printf "%s %.0f", $1, $2/1024}' "$work/time.txt"
}

psql_ -d copy_bench -c "CREATE TABLE trades (id varchar(64) PRIMARY KEY, price bigint NOT NULL, quantity integer NOT NULL, direction varchar(4) NOT NULL,
  delivery_day date NOT NULL, delivery_hour integer NOT NULL, trader_id varchar(64) NOT NULL, execution_time timestamptz NOT NULL);
  CREATE INDEX ix_trades_trader_day_hour ON trades (trader_id, delivery_day, delivery_hour); CREATE INDEX ix_trades_day ON trades (delivery_day);"
read -r copy_s copy_mb <<<"$(measure psql -h 127.0.0.1 -p "$port" -U postgres -d copy_bench -v ON_ERROR_STOP=1 -q -c "\\copy trades FROM '$csv' CSV HEADER")"
copy_rows=$(psql_ -d copy_bench -tA -c 'SELECT count(*) FROM trades')

export Database__Provider=Postgres
export ConnectionStrings__FlexPower="Host=127.0.0.1;Port=$port;Database=flexpower_bench;Username=postgres"
bench/out/FlexPower.Web aggregates >/dev/null # creates the schema (migrations), outside the timing
read -r first_s first_mb <<<"$(measure bench/out/FlexPower.Web import "$csv")"
stored=$(psql_ -d flexpower_bench -tA -c 'SELECT count(*) FROM trades')
read -r again_s again_mb <<<"$(measure bench/out/FlexPower.Web import "$csv" --force)"
again=$(psql_ -d flexpower_bench -tA -c "SELECT inserted || ' inserted, ' || duplicates || ' duplicates' FROM imports ORDER BY id DESC LIMIT 1")
consistent=$(bench/out/FlexPower.Web aggregates | head -1)

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB), PostgreSQL $(psql_ -tA -c 'SHOW server_version')"
echo "psql \\copy:                  ${copy_s} s, ${copy_rows} rows"
echo "FlexPower import (CLI):      ${first_s} s, peak ${first_mb} MB, ${stored} trades stored"
echo "FlexPower forced re-import:  ${again_s} s, peak ${again_mb} MB, ${again}"
echo "aggregates check:            ${consistent}"
awk -v a="$first_s" -v b="$copy_s" -v m1="$first_mb" -v m2="$again_mb" 'BEGIN {
  r = a / b;
  printf "ratio import / psql \\copy = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", (m1 > m2 ? m1 : m2), ((m1 > m2 ? m1 : m2) < 300 ? "met" : "MISSED") }'

#!/usr/bin/env bash
# Import performance on PostgreSQL (issue 11): the command-line import of a deterministic 1,000,000-row exchange file
# (50 traders, one year) into an empty FlexPower database, against psql's \copy of the same file into a table with
# the same columns, primary key and indexes — same throwaway server, same run, the two alternating `runs` times, each
# into a database created for it; the medians are compared. Also the peak memory of the import process and a forced
# re-import (must insert nothing). FlexPower's schema is created before the clock starts.
# Needs: postgresql (server and psql) and GNU time (apt-get install -y postgresql time).
# Usage: bench/import-postgres.sh [rows=1000000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
rows=${1:-1000000}
runs=${2:-3}
port=${PGPORT_BENCH:-15433}
work=bench/data/import-postgres
cluster=/tmp/flexpower-bench-pg-import-$port  # one per port: parallel runs from other checkouts do not collide
mkdir -p "$work" bench/data/import
csv="bench/data/import/epex_trades_${rows}.csv"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
[ -f "$csv" ] || FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench generate-csv "$csv" "$rows" 50 2025
csv=$(realpath "$csv")

source bench/runs.sh
pg_start "$cluster" "$port"
trap 'pg_stop "$cluster"' EXIT
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
fresh() { psql_ -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }

export Database__Provider=Postgres
export ConnectionStrings__FlexPower="Host=127.0.0.1;Port=$port;Database=flexpower_bench;Username=postgres"
rm -f "$work"/{copy,flexpower,again}.txt
for run in $(seq "$runs"); do
  fresh copy_bench
  psql_ -d copy_bench -c "CREATE TABLE trades (id varchar(64) PRIMARY KEY, price bigint NOT NULL, quantity integer NOT NULL, direction varchar(4) NOT NULL,
    delivery_day date NOT NULL, delivery_hour integer NOT NULL, trader_id varchar(64) NOT NULL, execution_time timestamptz NOT NULL);
    CREATE INDEX ix_trades_trader_day_hour ON trades (trader_id, delivery_day, delivery_hour); CREATE INDEX ix_trades_day ON trades (delivery_day);"
  measure copy psql -h 127.0.0.1 -p "$port" -U postgres -d copy_bench -v ON_ERROR_STOP=1 -q -c "\\copy trades FROM '$csv' CSV HEADER"

  fresh flexpower_bench
  bench/out/FlexPower.Web aggregates >/dev/null # creates the schema (migrations), outside the timing
  measure flexpower bench/out/FlexPower.Web import "$csv"
done
copy_rows=$(psql_ -d copy_bench -tA -c 'SELECT count(*) FROM trades')
stored=$(psql_ -d flexpower_bench -tA -c 'SELECT count(*) FROM trades')
measure again bench/out/FlexPower.Web import "$csv" --force
again=$(psql_ -d flexpower_bench -tA -c "SELECT inserted || ' inserted, ' || duplicates || ' duplicates' FROM imports ORDER BY id DESC LIMIT 1")
consistent=$(bench/out/FlexPower.Web aggregates | head -1)

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB), PostgreSQL $(psql_ -tA -c 'SHOW server_version'); $runs runs of each, alternating; medians compared"
echo "psql \\copy:                  $(each copy) s, median $(median copy) s, ${copy_rows} rows"
echo "FlexPower import (CLI):      $(each flexpower) s, median $(median flexpower) s, peak $(peak flexpower) MB, ${stored} trades stored"
echo "FlexPower forced re-import:  $(median again) s, peak $(peak again) MB, ${again}"
echo "aggregates check:            ${consistent}"
awk -v a="$(median flexpower)" -v b="$(median copy)" -v p="$(paired flexpower copy)" -v m1="$(peak flexpower)" -v m2="$(peak again)" 'BEGIN {
  r = a / b;
  printf "ratio import / psql \\copy = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "ratio import / psql \\copy, run by run (median of each run'"'"'s pair) = %.2f (target <= 1.5: %s)\n", p, (p <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", (m1 > m2 ? m1 : m2), ((m1 > m2 ? m1 : m2) < 300 ? "met" : "MISSED") }'

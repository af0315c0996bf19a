#!/usr/bin/env bash
# Import performance of an EPEX SPOT continuous-trades export on PostgreSQL (issue 19): the command-line import (with
# --trader) of bench/generate-epex.sh's deterministic 1,000,000-row export into an empty FlexPower database, against
# psql's \copy of the same file (its first line skipped) into a table of the same 16 columns with TradeId as its primary
# key and an index on DeliveryStart — same throwaway server, same run, alternating, medians compared. Also the peak
# memory of the import process. FlexPower's schema is created before the clock starts.
# Needs: postgresql (server and psql), awk and GNU time. Usage: bench/import-epex-postgres.sh [rows=1000000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
rows=${1:-1000000}
runs=${2:-3}
port=${PGPORT_BENCH:-15434}
work=bench/data/import-epex-postgres
cluster=/tmp/flexpower-bench-pg-epex-$port
mkdir -p "$work" bench/data/import-epex
csv="bench/data/import-epex/Continuous_Trades-DE-${rows}.csv"

bench/publish.sh
[ -f "$csv" ] || bench/generate-epex.sh "$rows" "$csv"
csv=$(realpath "$csv")

pg_start "$cluster" "$port"
trap 'pg_stop "$cluster"' EXIT
psql_() { PGOPTIONS='-c client_min_messages=warning' psql -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

source bench/runs.sh

export Database__Provider=Postgres
rm -f "$work"/{copy,flexpower}.txt
for run in $(seq "$runs"); do
  psql_ -c 'DROP DATABASE IF EXISTS copy_bench' -c 'DROP DATABASE IF EXISTS flexpower_bench' -c 'CREATE DATABASE copy_bench' -c 'CREATE DATABASE flexpower_bench'
  psql_ -d copy_bench -c "CREATE TABLE trades (TradeId varchar(64) PRIMARY KEY, RemoteTradeId varchar(64), Side varchar(4) NOT NULL, Product varchar(64) NOT NULL,
    DeliveryStart timestamptz NOT NULL, DeliveryEnd timestamptz NOT NULL, ExecutionTime timestamptz NOT NULL, DeliveryArea varchar(32), TradePhase varchar(16),
    UserDefinedBlock varchar(1), SelfTrade varchar(1), Price numeric(8, 2) NOT NULL, Currency varchar(3) NOT NULL, Volume numeric(8, 1) NOT NULL, VolumeUnit varchar(8) NOT NULL, OrderID varchar(64));
    CREATE INDEX ix_trades_start ON trades (DeliveryStart);"
  measure copy psql -h 127.0.0.1 -p "$port" -U postgres -d copy_bench -v ON_ERROR_STOP=1 -q -c "\\copy trades FROM PROGRAM 'tail -n +2 $csv' CSV HEADER"

  export ConnectionStrings__FlexPower="Host=127.0.0.1;Port=$port;Database=flexpower_bench;Username=postgres"
  bench/out/FlexPower.Web aggregates >/dev/null # creates the schema (migrations), outside the timing
  measure flexpower bench/out/FlexPower.Web import "$csv" --trader trader_01
done
copy_rows=$(psql_ -d copy_bench -tA -c 'SELECT count(*) FROM trades')
stored=$(psql_ -d flexpower_bench -tA -c 'SELECT count(*) FROM trades')
consistent=$(bench/out/FlexPower.Web aggregates | head -1)

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB), PostgreSQL $(psql_ -tA -c 'SHOW server_version'); $runs runs of each, alternating"
echo "psql \\copy:              $(each copy) s, median $(median copy) s, ${copy_rows} rows"
echo "FlexPower import (CLI):  $(each flexpower) s, median $(median flexpower) s, peak $(peak flexpower) MB, ${stored} trades stored"
echo "aggregates check:        ${consistent}"
awk -v a="$(median flexpower)" -v b="$(median copy)" -v m="$(peak flexpower)" 'BEGIN {
  r = a / b;
  printf "ratio import / psql \\copy = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", m, (m < 300 ? "met" : "MISSED") }'

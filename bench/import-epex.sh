#!/usr/bin/env bash
# Import performance of an EPEX SPOT continuous-trades export (issue 19): a deterministic 1,000,000-row export (one
# trader's year of quarter-hour, half-hour and hour products, times in UTC with milliseconds, prices with two decimals,
# volumes with one), imported by the command-line verb with --trader, against the sqlite3 shell's .import of the same
# file into a table of the same 16 columns with TradeId as its primary key and an index on DeliveryStart — same machine,
# same run, the two alternating; medians compared. Also the peak memory of the import process.
# Needs: sqlite3, awk and GNU time. Usage: bench/import-epex.sh [rows=1000000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
work=bench/data/import-epex
mkdir -p "$work"
csv="$work/Continuous_Trades-DE-${rows}.csv"

bench/publish.sh
[ -f "$csv" ] || bench/generate-epex.sh "$rows" "$csv"

source bench/runs.sh

cat > "$work/schema.sql" <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE trades (TradeId TEXT NOT NULL PRIMARY KEY, RemoteTradeId TEXT, Side TEXT NOT NULL, Product TEXT NOT NULL,
  DeliveryStart TEXT NOT NULL, DeliveryEnd TEXT NOT NULL, ExecutionTime TEXT NOT NULL, DeliveryArea TEXT, TradePhase TEXT,
  UserDefinedBlock TEXT, SelfTrade TEXT, Price TEXT NOT NULL, Currency TEXT NOT NULL, Volume TEXT NOT NULL, VolumeUnit TEXT NOT NULL, OrderID TEXT);
CREATE INDEX ix_trades_start ON trades (DeliveryStart);
SQL
rm -f "$work"/{sqlite,flexpower}.txt
for run in $(seq "$runs"); do
  rm -f "$work"/sqlite.db*
  sqlite3 "$work/sqlite.db" ".read $work/schema.sql" >/dev/null
  measure sqlite sqlite3 "$work/sqlite.db" ".import --csv --skip 2 $csv trades"

  rm -f "$work"/flexpower.db*
  bench/out/FlexPower.Web migrate --db "$work/flexpower.db" >/dev/null
  measure flexpower bench/out/FlexPower.Web import "$csv" --db "$work/flexpower.db" --trader trader_01
done
sqlite_rows=$(sqlite3 "$work/sqlite.db" "SELECT COUNT(*) FROM trades")
stored=$(sqlite3 "$work/flexpower.db" "SELECT COUNT(*) FROM trades")
quarters=$(sqlite3 "$work/flexpower.db" "SELECT COUNT(*) FROM trade_quarters")

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB); $runs runs of each, alternating; medians compared"
echo "sqlite3 .import:         $(each sqlite) s, median $(median sqlite) s, peak $(peak sqlite) MB, ${sqlite_rows} rows"
echo "FlexPower import (CLI):  $(each flexpower) s, median $(median flexpower) s, peak $(peak flexpower) MB, ${stored} trades stored, ${quarters} aggregate rows (trader, day, period)"
awk -v a="$(median flexpower)" -v b="$(median sqlite)" -v m="$(peak flexpower)" 'BEGIN {
  r = a / b;
  printf "ratio import / sqlite3 .import = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", m, (m < 300 ? "met" : "MISSED") }'

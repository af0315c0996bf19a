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

measure() { # label command... -> appends "seconds peak_mb" to $work/label.txt; fails when the command fails
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{printf "%s %.0f\n", $1, $2/1024}' "$work/time.txt" >> "$work/$label.txt"
}
median() { sort -n "$work/$1.txt" | awk '{ s[NR] = $1 } END { print (NR % 2 ? s[(NR + 1) / 2] : (s[NR / 2] + s[NR / 2 + 1]) / 2) }'; }
peak() { sort -n -k2 "$work/$1.txt" | tail -1 | awk '{print $2}'; }
each() { sort -n "$work/$1.txt" | awk '{printf "%s%s", (NR > 1 ? " / " : ""), $1}'; }

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
echo "FlexPower import (CLI):  $(each flexpower) s, median $(median flexpower) s, peak $(peak flexpower) MB, ${stored} trades stored, ${quarters} trader-quarters"
awk -v a="$(median flexpower)" -v b="$(median sqlite)" -v m="$(peak flexpower)" 'BEGIN {
  r = a / b;
  printf "ratio import / sqlite3 .import = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", m, (m < 300 ? "met" : "MISSED") }'

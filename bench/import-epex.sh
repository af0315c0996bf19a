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
# Quarter-hours from 2025-01-01 00:00 Berlin (2024-12-31T23:00Z) on, as many trades per quarter as make up `rows` in a
# year; every 20th trade a half-hour and every 20th an hour product (on their own grid), the rest quarter-hours.
[ -f "$csv" ] || awk -v rows="$rows" 'BEGIN {
  srand(42);
  print "# EPEX SPOT Continuous Trades, delivery area DE, bench file (times in UTC)";
  print "TradeId,RemoteTradeId,Side,Product,DeliveryStart,DeliveryEnd,ExecutionTime,DeliveryArea,TradePhase,UserDefinedBlock,SelfTrade,Price,Currency,Volume,VolumeUnit,OrderID";
  start = 1735686000; per = rows / 35040.0;
  for (i = 0; i < rows; i++) {
    q = int(i / per); s = start + q * 900;
    kind = i % 20; len = 900; product = "XBID_Quarter_Hour_Power";
    if (kind == 7) { s -= s % 1800; len = 1800; product = "XBID_Half_Hour_Power" }
    if (kind == 13) { s -= s % 3600; len = 3600; product = "XBID_Hour_Power" }
    e = s - 60 - int(rand() * 86000);
    printf "9%09d,,%s,%s,%s,%s,%s.%03dZ,10YDE-RWENET---I,CONT,N,N,%.2f,EUR,%.1f,MW,7%010d\n", i, (rand() < 0.5 ? "BUY" : "SELL"), product,
      strftime("%Y-%m-%dT%H:%M:%SZ", s, 1), strftime("%Y-%m-%dT%H:%M:%SZ", s + len, 1), strftime("%Y-%m-%dT%H:%M:%S", e, 1), int(rand() * 1000),
      20 + rand() * 180, 0.1 + int(rand() * 500) / 10.0, i
  } }' > "$csv"

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

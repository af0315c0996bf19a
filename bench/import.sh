#!/usr/bin/env bash
# Import performance (issue: CSV import): a deterministic 1,000,000-row exchange file (50 traders, one year),
# imported by the command-line verb into an empty database, against the sqlite3 shell's .import of the same file
# into a table with the same columns, primary key and indexes — same machine, same run. Also: peak memory of
# the import process, and a forced re-import into the filled database (must insert nothing).
# Needs: sqlite3 and GNU time (apt-get install -y sqlite3 time). Usage: bench/import.sh [rows=1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=bench/data/import
mkdir -p "$work"
csv="$work/epex_trades_${rows}.csv"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
dotnet publish FlexPower.Web -c Release -o bench/out -v quiet -nologo >/dev/null
[ -f "$csv" ] || FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench generate-csv "$csv" "$rows" 50 2025

measure() { # command... -> prints "seconds peak_mb"; fails when the command fails
  /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{printf "%s %.0f", $1, $2/1024}' "$work/time.txt"
}

rm -f "$work"/sqlite.db*
cat > "$work/sqlite.sql" <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE trades (id TEXT NOT NULL PRIMARY KEY, price INTEGER NOT NULL, quantity INTEGER NOT NULL, direction TEXT NOT NULL,
  delivery_day TEXT NOT NULL, delivery_hour INTEGER NOT NULL, trader_id TEXT NOT NULL, execution_time TEXT NOT NULL);
CREATE INDEX ix_trades_trader_day_hour ON trades (trader_id, delivery_day, delivery_hour);
CREATE INDEX ix_trades_day ON trades (delivery_day);
.import --csv --skip 1 $csv trades
SQL
read -r sqlite_s sqlite_mb <<<"$(measure sqlite3 "$work/sqlite.db" ".read $work/sqlite.sql")"
sqlite_rows=$(sqlite3 "$work/sqlite.db" "SELECT COUNT(*) FROM trades")

rm -f "$work"/flexpower.db*
read -r first_s first_mb <<<"$(measure bench/out/FlexPower.Web import "$csv" --db "$work/flexpower.db")"
stored=$(sqlite3 "$work/flexpower.db" "SELECT COUNT(*) FROM trades")
read -r again_s again_mb <<<"$(measure bench/out/FlexPower.Web import "$csv" --db "$work/flexpower.db" --force)"
again=$(sqlite3 "$work/flexpower.db" "SELECT inserted || ' inserted, ' || duplicates || ' duplicates' FROM imports ORDER BY id DESC LIMIT 1")

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB)"
echo "sqlite3 .import:             ${sqlite_s} s, peak ${sqlite_mb} MB, ${sqlite_rows} rows"
echo "FlexPower import (CLI):      ${first_s} s, peak ${first_mb} MB, ${stored} trades stored"
echo "FlexPower forced re-import:  ${again_s} s, peak ${again_mb} MB, ${again}"
awk -v a="$first_s" -v b="$sqlite_s" -v c="$again_s" -v m1="$first_mb" -v m2="$again_mb" 'BEGIN {
  r = a / b; f = c / a;
  printf "ratio import / sqlite3 .import = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "ratio forced re-import / first import = %.2f (target <= 1.5: %s)\n", f, (f <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", (m1 > m2 ? m1 : m2), ((m1 > m2 ? m1 : m2) < 300 ? "met" : "MISSED") }'

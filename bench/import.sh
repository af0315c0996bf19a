#!/usr/bin/env bash
# Import performance (issue: CSV import): a deterministic 1,000,000-row exchange file (50 traders, one year), imported by
# the command-line verb, against the sqlite3 shell's .import of the same file into a table with the same columns, primary
# key and indexes — same machine, same run, the two alternating. Each side imports into an empty database that already
# has its schema (sqlite3: its CREATE TABLE script; FlexPower: the `migrate` verb), as a desk imports into its database.
# Also timed: the import into a file that does not exist yet (FlexPower then creates the schema by its migrations in the
# same run), the peak memory of the import process, and a forced re-import into the filled database (must insert nothing).
# The machine is shared, so every timing is taken `runs` times and the medians are compared.
# Needs: sqlite3 and GNU time (apt-get install -y sqlite3 time). Usage: bench/import.sh [rows=1000000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
runs=${2:-3}
work=bench/data/import
mkdir -p "$work"
csv="$work/epex_trades_${rows}.csv"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
[ -f "$csv" ] || FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench generate-csv "$csv" "$rows" 50 2025

source bench/runs.sh

cat > "$work/schema.sql" <<SQL
PRAGMA journal_mode=WAL;
CREATE TABLE trades (id TEXT NOT NULL PRIMARY KEY, price INTEGER NOT NULL, quantity INTEGER NOT NULL, direction TEXT NOT NULL,
  delivery_day TEXT NOT NULL, delivery_hour INTEGER NOT NULL, trader_id TEXT NOT NULL, execution_time TEXT NOT NULL);
CREATE INDEX ix_trades_trader_day_hour ON trades (trader_id, delivery_day, delivery_hour);
CREATE INDEX ix_trades_day ON trades (delivery_day);
SQL
rm -f "$work"/{sqlite,flexpower,fresh}.txt
for run in $(seq "$runs"); do
  rm -f "$work"/sqlite.db*
  sqlite3 "$work/sqlite.db" ".read $work/schema.sql" >/dev/null
  measure sqlite sqlite3 "$work/sqlite.db" ".import --csv --skip 1 $csv trades"

  rm -f "$work"/flexpower.db*
  bench/out/FlexPower.Web migrate --db "$work/flexpower.db" >/dev/null
  measure flexpower bench/out/FlexPower.Web import "$csv" --db "$work/flexpower.db"

  rm -f "$work"/fresh.db*
  measure fresh bench/out/FlexPower.Web import "$csv" --db "$work/fresh.db"
done
sqlite_rows=$(sqlite3 "$work/sqlite.db" "SELECT COUNT(*) FROM trades")
stored=$(sqlite3 "$work/flexpower.db" "SELECT COUNT(*) FROM trades")
fresh_stored=$(sqlite3 "$work/fresh.db" "SELECT COUNT(*) FROM trades")
rm -f "$work/again.txt"
measure again bench/out/FlexPower.Web import "$csv" --db "$work/flexpower.db" --force
again=$(sqlite3 "$work/flexpower.db" "SELECT inserted || ' inserted, ' || duplicates || ' duplicates' FROM imports ORDER BY id DESC LIMIT 1")

echo "file: $csv ($rows rows, $(( $(stat -c %s "$csv") / 1048576 )) MB); $runs runs of each, alternating; medians compared, and each run's pair"
echo "sqlite3 .import:                       $(each sqlite) s, median $(median sqlite) s, peak $(peak sqlite) MB, ${sqlite_rows} rows"
echo "FlexPower import (CLI):                $(each flexpower) s, median $(median flexpower) s, peak $(peak flexpower) MB, ${stored} trades stored"
echo "FlexPower import into a new file:      $(each fresh) s, median $(median fresh) s, peak $(peak fresh) MB, ${fresh_stored} trades stored"
echo "FlexPower forced re-import:            $(median again) s, peak $(peak again) MB, ${again}"
awk -v a="$(median flexpower)" -v b="$(median sqlite)" -v n="$(median fresh)" -v c="$(median again)" -v p="$(paired flexpower sqlite)" \
    -v m="$(cat "$work"/{flexpower,fresh,again}.txt | sort -n -k2 | tail -1 | awk '{print $2}')" 'BEGIN {
  r = a / b; f = c / a;
  printf "ratio import / sqlite3 .import = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "MISSED");
  printf "ratio import / sqlite3 .import, run by run (median of each run'"'"'s pair) = %.2f (target <= 1.5: %s)\n", p, (p <= 1.5 ? "met" : "MISSED");
  printf "ratio import into a new file / sqlite3 .import = %.2f (schema creation included)\n", n / b;
  printf "ratio forced re-import / first import = %.2f (target <= 1.5: %s)\n", f, (f <= 1.5 ? "met" : "MISSED");
  printf "peak memory of the import process = %d MB (target < 300 MB: %s)\n", m, (m < 300 ? "met" : "MISSED") }'

#!/usr/bin/env bash
# Report performance (issue: PnL reports): 10M trades, 50 traders, one year; server-side times through the real
# ReportService, and a plain GROUP BY over the raw trades for comparison.
# Usage: bench/reports.sh [rows=10000000] [db=bench/data/trades-<rows>.db]  (shares the database with bench/trades.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
db=${2:-bench/data/trades-${rows}.db}
dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench=FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench
[ -f "$db" ] || "$bench" generate-trades "$db" "$rows" 50 2025
"$bench" reports "$db" 30

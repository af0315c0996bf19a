#!/usr/bin/env bash
# Report performance (issue: PnL reports): 10M trades, 50 traders, one year; server-side times through the real
# ReportService, and a plain GROUP BY over the raw trades for comparison.
# Usage: bench/reports.sh [rows=10000000] [db=bench/data/trades-<rows>.db] [--periods hourly|mixed]
#   hourly (default) shares the database with bench/trades.sh; mixed (issue 19: 70 % quarter-hours, 15 % half-hours,
#   15 % hours) gets its own, bench/data/trades-<rows>-mixed.db.
set -euo pipefail
cd "$(dirname "$0")/.."
periods=hourly
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --periods) periods=${2:?--periods needs hourly or mixed}; shift 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
case "$periods" in hourly) suffix= ;; mixed) suffix=-mixed ;; *) echo "--periods must be hourly or mixed (got '$periods')" >&2; exit 2 ;; esac
rows=${positional[0]:-10000000}
db=${positional[1]:-bench/data/trades-${rows}${suffix}.db}
dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench=FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench
[ -f "$db" ] || "$bench" generate-trades "$db" "$rows" 50 2025 --periods "$periods"
"$bench" reports "$db" 30

#!/usr/bin/env bash
# Report and trades-page performance on PostgreSQL (issue 11): the same 10M trades, 50 traders, one year as
# bench/reports.sh and bench/trades.sh, generated into a throwaway PostgreSQL cluster (binary COPY, aggregates rebuilt by
# the app's own AggregateCheck), then the same measurements through the real ReportService and TradeService.
# Needs: postgresql (apt-get install -y postgresql). Usage: bench/reports-postgres.sh [rows=10000000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
rows=${1:-10000000}
port=${PGPORT_BENCH:-15435}
cluster=/tmp/flexpower-bench-pg-reports-$port  # one per port: parallel runs from other checkouts do not collide

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench=FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench
pg_start "$cluster" "$port"
trap 'pg_stop "$cluster"' EXIT
psql -h 127.0.0.1 -p "$port" -U postgres -q -c 'CREATE DATABASE flexpower_reports'
db="Host=127.0.0.1;Port=$port;Database=flexpower_reports;Username=postgres"
"$bench" generate-trades "$db" "$rows" 50 2025
echo "PostgreSQL $(psql -h 127.0.0.1 -p "$port" -U postgres -tA -c 'SHOW server_version'), shared_buffers 256MB"
"$bench" reports "$db" 30
"$bench" trades "$db" 30

#!/usr/bin/env bash
# A Bearer (API token) call against a cached Basic call, target: no slower. Publishes the app, starts it in Production
# on a fresh SQLite database with the demo data, and times the same GET both ways (FlexPower.Bench auth).
# Usage: bench/auth.sh [calls=2000]
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-2000}
dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
data=$(mktemp -d)
port=18933
user=bench pass='Bench-Passw0rd!'
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__FlexPower="Data Source=$data/flexpower.db" Demo__Seed=true Import__Enabled=false \
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning \
  bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench auth "http://127.0.0.1:$port" "$user" "$pass" "$calls"

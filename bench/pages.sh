#!/usr/bin/env bash
# Time to interactive of every page (target < 0.6 s warm): publishes the app, starts it in Production on a fresh
# database with the demo traders, and times full page loads in headless Chromium until the circuit is live.
# Usage: bench/pages.sh [iterations=10]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-10}
dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
data=$(mktemp -d)
port=18932
user=bench pass='Bench-Passw0rd!'
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__FlexPower="Data Source=$data/flexpower.db" Demo__Seed=true Import__Enabled=false \
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning \
  bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench pages "http://127.0.0.1:$port" "$user" "$pass" "$iterations"

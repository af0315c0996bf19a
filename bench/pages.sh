#!/usr/bin/env bash
# Time until every page is usable, cold and warm (target < 1.0 s cold, < 0.5 s warm), and the bytes of a first visit
# and a reload of the home page: starts the app on a fresh database with the demo traders and drives headless Chromium.
# Usage: bench/pages.sh [iterations=5] [published|run] [paths, e.g. /,/reports/day: only those]
#   published (default): bench/publish.sh, then the published build in Production
#   run: `dotnet run` (Development, static assets from the build output)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-5}
mode=${2:-published}
dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
data=$(mktemp -d)
port=18932
user=bench pass='Bench-Passw0rd!'
settings=(ConnectionStrings__FlexPower="Data Source=$data/flexpower.db" Demo__Seed=true Import__Enabled=false
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning)
case $mode in
  published)
    bench/publish.sh
    env ASPNETCORE_ENVIRONMENT=Production "${settings[@]}" bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
    ;;
  run)
    dotnet build FlexPower.Web -v quiet -nologo >/dev/null
    env "${settings[@]}" Import__InboxDirectory="$data/inbox" dotnet run --no-build --project FlexPower.Web -- --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
    ;;
  *) echo "mode is published or run, not '$mode'" >&2; exit 2 ;;
esac
app=$!
# Under set -e a failing command ends the trap: pkill finds no child of the published app, and the app was left running.
trap 'pkill -P $app 2>/dev/null || true; kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
echo "mode: $mode, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench pages "http://127.0.0.1:$port" "$user" "$pass" "$iterations" ${3:-}

#!/usr/bin/env bash
# REST load (issue: reliability): 50 concurrent writers post 100,000 distinct trades while 20 readers poll range reports,
# against the published app on a fresh SQLite database. Prints throughput, latency percentiles and errors, and checks
# that every trade was stored and the desk PnL equals the writers' own sum; then where the CPU went (app, load generator).
# Usage: bench/load.sh [trades=100000] [writers=50] [readers=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/cpu.sh
trades=${1:-100000} writers=${2:-50} readers=${3:-20}
work=bench/data/load
rm -rf "$work" && mkdir -p "$work"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
port=18932
user=bench pass='Bench-Passw0rd!'
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__FlexPower="Data Source=$(realpath "$work")/load.db" Import__Enabled=false \
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning \
  bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

cpu_mark before "app=$app"
started=$(date +%s.%N)
exec 3>&1
loadgen=$(FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench load "http://127.0.0.1:$port" "$user" "$pass" "$trades" "$writers" "$readers" >&3 || touch "$work/load.failed"; times)
cpu_mark after "app=$app"
cpu_children "load generator" "$loadgen"
cpu_report "$(echo "$(date +%s.%N) - $started" | bc | xargs printf '%.1f')"
echo "app peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$app/status")"
[ ! -e "$work/load.failed" ]

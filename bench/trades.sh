#!/usr/bin/env bash
# Trades performance (issue: trades store): 10M trades, 50 traders, one year.
# Usage: bench/trades.sh [rows=10000000] [db=bench/data/trades-<rows>.db]
# 1. generates the database once (deterministic), 2. times the Core queries behind the trades page,
# 3. times GET /v1/trades?trader_id=X&delivery_day=D over real HTTP against the published app.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000000}
db=${2:-bench/data/trades-${rows}.db}
iterations=30

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench=FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench
[ -f "$db" ] || "$bench" generate-trades "$db" "$rows" 50 2025
"$bench" trades "$db" "$iterations"

bench/publish.sh
port=18931
user=bench pass='Bench-Passw0rd!'
ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__FlexPower="Data Source=$(realpath "$db")" \
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning \
  bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

RANDOM=7
url() { printf 'http://127.0.0.1:%s/v1/trades?trader_id=trader_%02d&delivery_day=%s' "$port" $((RANDOM % 50 + 1)) "$(date -d "2025-01-01 + $((RANDOM % 365)) days" +%F)"; }
for _ in 1 2 3; do curl -sf -u "$user:$pass" "$(url)" >/dev/null; done   # warm-up (first Basic login pays PBKDF2 once)
times=()
for _ in $(seq $iterations); do
  times+=("$(curl -sf -u "$user:$pass" -o /dev/null -w '%{time_total}' "$(url)")")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n=$iterations '{t[NR]=$1*1000} END {
  p95=t[int(n*0.95+0.999)];
  printf "GET /v1/trades?trader_id&delivery_day over HTTP (curl time_total, ~550 rows): median %.1f ms, p95 %.1f ms, max %.1f ms — target < 50 ms: %s\n", t[int(n/2)+1], p95, t[n], (p95 < 50 ? "met" : "MISSED") }'

# Streaming keeps memory flat: one trader's whole year (~200k rows), then the whole desk (10M rows), against the app's peak RSS.
hwm() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$app/status"; }
before=$(hwm)
bytes=$(curl -sf -u "$user:$pass" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/v1/trades?trader_id=trader_01")
after_trader=$(hwm)
start=$(date +%s.%N)
all=$(curl -sf -u "$user:$pass" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port/v1/trades")
seconds=$(echo "$(date +%s.%N) - $start" | bc)
after_all=$(hwm)
echo "Streaming: peak RSS ${before} MB before; ${after_trader} MB after one trader's year ($((bytes / 1048576)) MB of JSON); ${after_all} MB after all trades ($((all / 1048576)) MB of JSON in ${seconds%.*} s)"

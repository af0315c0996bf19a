#!/usr/bin/env bash
# Several instances, one database (issue 11): a throwaway PostgreSQL cluster and two published FlexPower instances on
# loopback ports sharing it (and one inbox folder). Checks that exactly one instance leads (runs the inbox and the
# missing-file checks) and that a login cookie issued by A is accepted by B; then 50 REST clients post 100,000
# distinct trades split across both instances while 20 readers poll range reports (FlexPower.Bench load: throughput,
# p50/p95/p99, errors, exactly N stored, desk PnL equal to the clients' sum) and where the CPU went meanwhile (each
# instance, PostgreSQL, the load generator: bench/cpu.sh); finally kills the leader and times the
# other instance's takeover. For the same load on SQLite with one instance: bench/load.sh.
# Needs: postgresql, curl (apt-get install -y postgresql curl). Usage: bench/cluster.sh [trades=100000] [writers=50] [readers=20]
# PG_EXTRA='Max Auto Prepare=20' adds Npgsql connection-string settings to both instances.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
source bench/cpu.sh
trades=${1:-100000} writers=${2:-50} readers=${3:-20}
port=${PGPORT_BENCH:-15436}
cluster=/tmp/flexpower-bench-cluster-$port  # one per port: parallel runs from other checkouts do not collide
work=$(realpath -m bench/data/cluster)
rm -rf "$work" && mkdir -p "$work"

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
# pg_stat_statements: where the server's time goes, printed after the load.
pg_start "$cluster" "$port" "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; pg_stop "$cluster"; }
trap cleanup EXIT
psql -h 127.0.0.1 -p "$port" -U postgres -q -c 'CREATE DATABASE flexpower'
psql -h 127.0.0.1 -p "$port" -U postgres -d flexpower -q -c 'CREATE EXTENSION pg_stat_statements'

user=bench pass='Bench-Passw0rd!'
start_instance() { # name http-port
  env ASPNETCORE_ENVIRONMENT=Production Database__Provider=Postgres \
  ConnectionStrings__FlexPower="Host=127.0.0.1;Port=$port;Database=flexpower;Username=postgres;Maximum Pool Size=100${PG_EXTRA:+;$PG_EXTRA}" \
  Import__InboxDirectory="$work/inbox" Import__ArchiveDirectory="$work/archive" Import__FailedDirectory="$work/failed" \
  Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass \
  Logging__LogLevel__Default=Warning 'Logging__LogLevel__FlexPower.Core.Cluster=Information' \
    bench/out/FlexPower.Web --urls "http://127.0.0.1:$2" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$2/health" >/dev/null && return 0; sleep 0.5; done
  echo "instance $1 did not become healthy:"; cat "$work/$1.log"; exit 1
}
leads() { grep -c "now runs the inbox" "$work/$1.log" || true; }

start_instance a 18941   # applies the migrations and creates the manager
start_instance b 18942
for _ in $(seq 60); do [ $(( $(leads a) + $(leads b) )) -ge 1 ] && break; sleep 0.5; done
echo "leaders: a=$(leads a) b=$(leads b) — $([ $(( $(leads a) + $(leads b) )) -eq 1 ] && echo "exactly one" || echo "NOT exactly one")"

# Sign in on A through the login form, then open a page on B with A's cookie.
jar="$work/cookies.txt"
token=$(curl -s -c "$jar" http://127.0.0.1:18941/Account/Login | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "_handler=login" \
  --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$pass" http://127.0.0.1:18941/Account/Login
on_b=$(curl -s -b "$jar" -o /dev/null -w '%{http_code}' http://127.0.0.1:18942/)
anonymous=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18942/)
echo "cookie issued by A, page on B: HTTP $on_b (without it: HTTP $anonymous) — $([ "$on_b" = 200 ] && [ "$anonymous" = 302 ] && echo accepted || echo "NOT accepted")"

status=0
psql -h 127.0.0.1 -p "$port" -U postgres -d flexpower -q -c 'SELECT pg_stat_statements_reset()' >/dev/null
cpu_mark before "instance a=${pids[0]}" "instance b=${pids[1]}" "postgresql=pg:$cluster/data"
started=$(date +%s.%N)
exec 3>&1
loadgen=$(FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench load "http://127.0.0.1:18941,http://127.0.0.1:18942" "$user" "$pass" "$trades" "$writers" "$readers" >&3 || touch "$work/load.failed"; times)
[ -e "$work/load.failed" ] && status=1
cpu_mark after "instance a=${pids[0]}" "instance b=${pids[1]}" "postgresql=pg:$cluster/data"
cpu_children "load generator" "$loadgen"
cpu_report "$(echo "$(date +%s.%N) - $started" | bc | xargs printf '%.1f')"
echo "PostgreSQL statements by total time during the load (pg_stat_statements):"
psql -h 127.0.0.1 -p "$port" -U postgres -d flexpower -P pager=off -P footer=off -c "
  SELECT round(total_exec_time / 1000) AS total_s, calls, round((total_exec_time / calls)::numeric, 2) AS mean_ms,
         left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
  FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 12"
for i in 0 1; do echo "instance $([ $i = 0 ] && echo a || echo b) peak RSS: $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/${pids[$i]}/status")"; done

# Failover: kill the leader outright and time the other's takeover (Cluster:LeaderRetryInterval is 15 s by default).
if [ "$(leads a)" -ge 1 ]; then leader=0 other=b; else leader=1 other=a; fi
kill -9 "${pids[$leader]}"
killed=$(date +%s.%N)
for _ in $(seq 1200); do [ "$(leads $other)" -ge 1 ] && break; sleep 0.1; done
if [ "$(leads $other)" -ge 1 ]; then
  echo "leader killed; instance $other took over in $(echo "$(date +%s.%N) - $killed" | bc | xargs printf '%.1f') s (target: within a minute)"
else
  echo "leader killed; NO takeover within two minutes"; status=1
fi
exit $status

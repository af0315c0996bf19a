#!/usr/bin/env bash
# The hostile-input campaign of issue 20 (docs/campaign.md): publishes the app once, then per provider starts it on a
# fresh database (PostgreSQL: a throwaway cluster, bench/pg.sh) with an inbox of its own, and runs FlexPower.Bench's
# campaign verb against it. The verb tries every class of input that once broke the app — a large price import while
# trades are posted, its memory, a half-written inbox file, lines once stored wrongly, control characters at every entry
# point, a full disk, dead and endless alert channels, inbox links and special files, settings out of range, command-line
# errors — starting apps of its own where a case needs other settings, and prints one line per case and
# "campaign <provider>: N tried, N right, N wrong". The full-disk case mounts a tmpfs: run as root, or it is not tried.
# Needs: postgresql for the PostgreSQL run (apt-get install -y postgresql), curl.
# Usage: bench/campaign.sh [sqlite|postgres|both]   (default both); exits non-zero when a case is wrong.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/pg.sh
providers=${1:-both}
case $providers in both) providers="sqlite postgres" ;; sqlite|postgres) ;; *) echo "usage: bench/campaign.sh [sqlite|postgres|both]" >&2; exit 2 ;; esac
pgport=${PGPORT_BENCH:-15437}
cluster=/tmp/flexpower-bench-campaign-$pgport  # one per port: parallel runs from other checkouts do not collide
port=18951
user=bench pass='Bench-Passw0rd!'

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
app=
pg_running=
cleanup() { [ -n "$app" ] && kill "$app" 2>/dev/null; [ -n "$pg_running" ] && pg_stop "$cluster"; true; }
trap cleanup EXIT

status=0
for provider in $providers; do
  work=$(realpath -m "bench/data/campaign/$provider")
  rm -rf "$work" && mkdir -p "$work/inbox" "$work/archive" "$work/failed"
  server=
  if [ "$provider" = postgres ]; then
    pg_start "$cluster" "$pgport" && pg_running=1
    server="Host=127.0.0.1;Port=$pgport;Username=postgres"
    psql -h 127.0.0.1 -p "$pgport" -U postgres -q -c 'CREATE DATABASE campaign'
    db=(Database__Provider=Postgres "ConnectionStrings__FlexPower=$server;Database=campaign")
  else
    db=(Database__Provider=Sqlite "ConnectionStrings__FlexPower=Data Source=$work/campaign.db")
  fi
  # Import:StableFor 1 s: the verb's half-written inbox file pauses longer than that (CampaignTarget.MainStableFor).
  env ASPNETCORE_ENVIRONMENT=Production "${db[@]}" \
    Import__InboxDirectory="$work/inbox" Import__ArchiveDirectory="$work/archive" Import__FailedDirectory="$work/failed" \
    Import__StableFor=00:00:01 Import__ScanInterval=00:00:01 \
    Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__Console__FormatterOptions__ColorBehavior=Disabled \
    bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "the app did not become healthy:"; cat "$work/app.log"; exit 1; }

  FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench campaign "$provider" bench/out/FlexPower.Web "http://127.0.0.1:$port" "$work" ${server:+"$server"} || status=1
  curl -sf "http://127.0.0.1:$port/health" >/dev/null || { echo "[$provider] the app no longer answers /health after the campaign"; status=1; }
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true; app=
  if [ "$provider" = postgres ]; then pg_stop "$cluster"; pg_running=; fi
done
exit $status

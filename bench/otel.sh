#!/usr/bin/env bash
# What OpenTelemetry costs (issue 21): bench/load.sh's REST load and the command-line import of a 1,000,000-row file, each
# run without an exporter (OTEL_EXPORTER_OTLP_ENDPOINT unset: no SDK, FlexPower's spans are never created) and with one
# (the SDK exporting traces, metrics and logs by OTLP http/protobuf to a local receiver that answers 200 to every POST, so
# the export path is real and the receiver costs next to nothing), alternating in the same run (off-on, on-off, …),
# `rounds` times.
# Prints every run, the medians, the ratio on/off of the medians and the median of each round's own ratio (target: instrumented ≥ 95 % of the throughput, ≤ 105 % of the time),
# and the CPU the app and the import process used (user + system), which a busy shared machine disturbs less than time.
# Needs: python3, GNU time. Usage: bench/otel.sh [trades=100000] [rows=1000000] [rounds=2]; rows 0 times the load only.
# Both sides inherit the caller's environment, so a runtime setting given to the script (DOTNET_…) applies to both.
set -euo pipefail
cd "$(dirname "$0")/.."
trades=${1:-100000} rows=${2:-1000000} rounds=${3:-2}
work=bench/data/otel
rm -rf "$work" && mkdir -p "$work"
csv=bench/data/import/epex_trades_${rows}.csv
mkdir -p bench/data/import

dotnet build FlexPower.Bench -c Release -v quiet -nologo >/dev/null
bench/publish.sh
[ "$rows" -eq 0 ] || [ -f "$csv" ] || FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench generate-csv "$csv" "$rows" 50 2025

# The OTLP receiver: counts requests and bytes per signal, answers 200 with an empty body (a valid empty export response).
cat > "$work/sink.py" <<'PY'
import http.server, sys, collections
seen = collections.Counter()
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a collector does: a new connection per export is not what is measured
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        seen[self.path] += 1; seen[self.path + ' bytes'] += len(body)
        self.send_response(200); self.send_header('Content-Type', 'application/x-protobuf'); self.send_header('Content-Length', '0'); self.end_headers()
        with open(sys.argv[2], 'w') as f: f.write(' '.join(f'{k}={v}' for k, v in sorted(seen.items())))
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Sink).serve_forever()
PY
sink_port=18941 port=18942
python3 "$work/sink.py" "$sink_port" "$work/sink.txt" &
sink=$!
app=
trap 'kill $sink ${app:-} 2>/dev/null' EXIT
exporter() { # on|off -> the environment of that side
  [ "$1" = on ] && echo "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$sink_port OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_SERVICE_NAME=flexpower-bench" || true
}

user=bench pass='Bench-Passw0rd!'
cpu_seconds() { awk '{ printf "%.2f", ($14 + $15) / '"$(getconf CLK_TCK)"' }' "/proc/$1/stat"; }
load() { # on|off -> appends trades/s to $work/load-<mode>.txt, the app's CPU ms per trade to $work/load-cpu-<mode>.txt
  rm -f "$work"/load.db*
  env $(exporter "$1") ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__FlexPower="Data Source=$(realpath "$work")/load.db" Import__Enabled=false \
    Bootstrap__Manager__UserName=$user Bootstrap__Manager__Password=$pass Logging__LogLevel__Default=Warning \
    bench/out/FlexPower.Web --urls "http://127.0.0.1:$port" >"$work/app-$1.log" 2>&1 &
  app=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
  local before; before=$(cpu_seconds $app)
  FlexPower.Bench/bin/Release/net10.0/FlexPower.Bench load "http://127.0.0.1:$port" "$user" "$pass" "$trades" 50 20 > "$work/load-$1.out"
  echo "scale=3; ($(cpu_seconds $app) - $before) * 1000 / $trades" | bc >> "$work/load-cpu-$1.txt"
  kill $app && wait $app 2>/dev/null || true
  app=
  grep -q "all; desk PnL" "$work/load-$1.out" || { cat "$work/load-$1.out" >&2; exit 1; }
  sed -n 's/^throughput: \([0-9,]*\) trades\/s.*/\1/p' "$work/load-$1.out" | tr -d , >> "$work/load-$1.txt"
}
import_run() { # on|off -> appends seconds to $work/import-<mode>.txt, CPU seconds to $work/import-cpu-<mode>.txt
  rm -f "$work"/import.db*
  bench/out/FlexPower.Web migrate --db "$work/import.db" >/dev/null
  env $(exporter "$1") /usr/bin/time -f '%e %U %S' -o "$work/time.txt" bench/out/FlexPower.Web import "$csv" --db "$work/import.db" >/dev/null
  awk '{ print $1 }' "$work/time.txt" >> "$work/import-$1.txt"
  awk '{ printf "%.2f\n", $2 + $3 }' "$work/time.txt" >> "$work/import-cpu-$1.txt"
}
source bench/runs.sh
# The rounds' own ratios (on / off of the same round, run back to back) and their median: the machine's slower and
# faster spells, which move both sides of a round alike, cancel within a round.
rounds_ratio() { ratios "$1-on" "$1-off" > "$work/$1-ratio.txt"; echo "$(each $1-ratio), median $(median $1-ratio)"; }

for round in $(seq "$rounds"); do # off-on, on-off, …: neither side always runs first
  order="off on"; [ $((round % 2)) -eq 0 ] && order="on off"
  for mode in $order; do load $mode; [ "$rows" -eq 0 ] || import_run $mode; done
done

echo "load: $trades trades, 50 writers, 20 readers; import: $([ "$rows" -eq 0 ] && echo none || echo "$csv ($rows rows)"); $rounds rounds, off-on / on-off alternating"
echo "load without exporter:   $(each load-off) trades/s, median $(median load-off)"
echo "load with OTLP exporter: $(each load-on) trades/s, median $(median load-on)"
echo "load on/off:             $(echo "scale=3; $(median load-on) / $(median load-off)" | bc) of the medians; per round $(rounds_ratio load)  (target ≥ 0.95)"
echo "app CPU per trade, off:  $(each load-cpu-off) ms, median $(median load-cpu-off); on: $(each load-cpu-on) ms, median $(median load-cpu-on); on/off $(echo "scale=3; $(median load-cpu-on) / $(median load-cpu-off)" | bc)"
if [ "$rows" -gt 0 ]; then
  echo "import without exporter: $(each import-off) s, median $(median import-off)"
  echo "import with exporter:    $(each import-on) s, median $(median import-on)"
  echo "import on/off:           $(echo "scale=3; $(median import-on) / $(median import-off)" | bc) of the medians; per round $(rounds_ratio import)  (target ≤ 1.05)"
  echo "import CPU, off:         $(each import-cpu-off) s, median $(median import-cpu-off); on: $(each import-cpu-on) s, median $(median import-cpu-on); on/off $(echo "scale=3; $(median import-cpu-on) / $(median import-cpu-off)" | bc)"
fi
echo "receiver got: $(cat "$work/sink.txt" 2>/dev/null || echo nothing)"

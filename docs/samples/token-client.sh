#!/usr/bin/env bash
# A REST client that calls FlexPower with an API token: a delivery day's trades and its hourly PnL.
#   FLEXPOWER_TOKEN=fp_… docs/samples/token-client.sh [delivery_day]      (default: yesterday, UTC)
# Without FLEXPOWER_TOKEN it creates a read-only token once with the account's password (HTTP Basic) and prints it, to
# keep in the script's secret store; or create one on the Tokens page (user menu → API tokens). FLEXPOWER_URL defaults
# to http://localhost:8888. Needs curl and python3 (for the JSON).
set -euo pipefail
url=${FLEXPOWER_URL:-http://localhost:8888}
day=${1:-$(date -u -d yesterday +%F)}

if [ -z "${FLEXPOWER_TOKEN:-}" ]; then
  : "${FLEXPOWER_USER:?set FLEXPOWER_TOKEN, or FLEXPOWER_USER and FLEXPOWER_PASSWORD to create a token}"
  created=$(curl -sS --fail-with-body -u "$FLEXPOWER_USER:${FLEXPOWER_PASSWORD:?}" -H 'Content-Type: application/json' \
    -d '{"name": "token-client.sh", "scopes": ["read"]}' "$url/v1/tokens")
  FLEXPOWER_TOKEN=$(python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])' <<<"$created")
  echo "Created a read-only token (shown once, keep it secret): $FLEXPOWER_TOKEN" >&2
fi

# A 401 (token malformed, unknown, expired or revoked) or a 403 (outside the token's scopes) prints the API's reason and stops.
api() {
  local body
  if ! body=$(curl -sS --fail-with-body -H "Authorization: Bearer $FLEXPOWER_TOKEN" "$url$1"); then echo "$body" >&2; return 1; fi
  printf '%s' "$body"
}

trades=$(api "/v1/trades?delivery_day=$day")
report=$(api "/v1/reports/pnl?delivery_day=$day")
printf '%s' "$trades" | REPORT="$report" python3 -c '
import json, os, sys
trades = json.load(sys.stdin)
print(f"{len(trades)} trades on {sys.argv[1]}")
for t in trades[:5]:
    print("  {id}: {direction} {quantity} MW, hour {delivery_hour}, {eur:.2f} EUR/MWh".format(eur=t["price"] / 100, **t))
total = json.loads(os.environ["REPORT"])["total"]
print("PnL {pnl_eur} EUR, net {net_mw} MW, marked to market {mtm_eur} EUR".format(**total))
' "$day"

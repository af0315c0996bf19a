#!/usr/bin/env bash
# Writes a deterministic EPEX SPOT continuous-trades export for the import benches (issue 19).
# Usage: bench/generate-epex.sh <rows> <file>
set -euo pipefail
rows=$1
csv=$2
# Quarter-hours from 2025-01-01 00:00 Berlin (2024-12-31T23:00Z) on, as many trades per quarter as make up `rows` in a
# year; every 20th trade a half-hour and every 20th an hour product (on their own grid), the rest quarter-hours.
awk -v rows="$rows" 'BEGIN {
  srand(42);
  print "# EPEX SPOT Continuous Trades, delivery area DE, bench file (times in UTC)";
  print "TradeId,RemoteTradeId,Side,Product,DeliveryStart,DeliveryEnd,ExecutionTime,DeliveryArea,TradePhase,UserDefinedBlock,SelfTrade,Price,Currency,Volume,VolumeUnit,OrderID";
  start = 1735686000; per = rows / 35040.0;
  for (i = 0; i < rows; i++) {
    q = int(i / per); s = start + q * 900;
    kind = i % 20; len = 900; product = "XBID_Quarter_Hour_Power";
    if (kind == 7) { s -= s % 1800; len = 1800; product = "XBID_Half_Hour_Power" }
    if (kind == 13) { s -= s % 3600; len = 3600; product = "XBID_Hour_Power" }
    e = s - 60 - int(rand() * 86000);
    printf "9%09d,,%s,%s,%s,%s,%s.%03dZ,10YDE-RWENET---I,CONT,N,N,%.2f,EUR,%.1f,MW,7%010d\n", i, (rand() < 0.5 ? "BUY" : "SELL"), product,
      strftime("%Y-%m-%dT%H:%M:%SZ", s, 1), strftime("%Y-%m-%dT%H:%M:%SZ", s + len, 1), strftime("%Y-%m-%dT%H:%M:%S", e, 1), int(rand() * 1000),
      20 + rand() * 180, 0.1 + int(rand() * 500) / 10.0, i
  } }' > "$csv"

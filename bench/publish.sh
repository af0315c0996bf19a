#!/usr/bin/env bash
# Publishes the app to bench/out for the bench scripts, into an emptied folder: a publish copies only files newer than
# those in place, so assemblies of an earlier publish with other settings (e.g. ReadyToRun) would otherwise stay and be timed.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf bench/out
dotnet publish FlexPower.Web -c Release -o bench/out -v quiet -nologo >/dev/null

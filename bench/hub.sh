#!/usr/bin/env bash
# Load on the breathe-together hub over loopback: N linked pairs of SignalR clients (WebSockets, access tokens) against
# the whole app on Kestrel with SQLite, in one process. Each client sends its heart rate R times a second for D seconds;
# prints memory per idle session, sent, delivered, reordered and relay latency p50/p95/p99/max.
#
#   bench/hub.sh [pairs] [seconds] [rate]     default 200 60 4
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Attune.HubLoad -c Release -nologo -clp:ErrorsOnly -v:quiet
dotnet bench/Attune.HubLoad/bin/Release/net10.0/Attune.HubLoad.dll "${1:-200}" "${2:-60}" "${3:-4}" 2>&1 \
  | grep -Ev '^(info|warn|fail): |^      '

#!/usr/bin/env bash
# Times a therapist's caseload and client dashboards for 200 clients with a year of data each (check-ins, practice
# sessions, measures), all consented to one therapist, in process through the whole app, on SQLite and on a throw-away
# PostgreSQL cluster (scripts/lib/postgres.sh, durable settings) unless ATTUNE_TEST_POSTGRES already names one, or
# ATTUNE_SKIP_POSTGRES=1. Prints p50/p95/p99 server time per endpoint and the load average.
#
#   bench/caseload.sh [iterations]     default 200
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${1:-200}
source scripts/lib/postgres.sh
trap pg_stop EXIT

if [[ -z ${ATTUNE_TEST_POSTGRES:-} && ${ATTUNE_SKIP_POSTGRES:-0} != 1 ]]; then
  # Durable settings (fsync on): the benchmark reads, but it should read from a server configured as in production.
  pg_start
  "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c "CREATE ROLE attune_bench LOGIN SUPERUSER PASSWORD 'attune_bench'" >/dev/null
  export ATTUNE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=attune_bench;Password=attune_bench;Database=postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
fi

dotnet build bench/Attune.CaseloadLoad -c Release -nologo -clp:ErrorsOnly -v:quiet
dotnet bench/Attune.CaseloadLoad/bin/Release/net10.0/Attune.CaseloadLoad.dll "$iterations" 2>&1 \
  | grep -Ev '^(info|warn|fail): |^      '

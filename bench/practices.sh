#!/usr/bin/env bash
# Times the practice and recommendation endpoints for a person with 1,000 practice sessions (and 40 others with 25
# each), in process through the whole app, on SQLite and on a throw-away PostgreSQL cluster (started here as test.sh does, unless
# ATTUNE_TEST_POSTGRES already names one, or ATTUNE_SKIP_POSTGRES=1). Prints p50/p95/p99 per endpoint.
#
#   bench/practices.sh [iterations]     default 300
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
iterations=${1:-300}

pg_dir=""
pg_bin=""
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  if [[ -n $pg_dir ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

if [[ -z ${ATTUNE_TEST_POSTGRES:-} && ${ATTUNE_SKIP_POSTGRES:-0} != 1 ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -z $pg_bin ]]; then
    echo "PostgreSQL server binaries not found (apt-get install postgresql, or ATTUNE_SKIP_POSTGRES=1)" >&2
    exit 1
  fi
  pg_dir=$(mktemp -d /tmp/attune-pg.XXXXXX)
  chmod 700 "$pg_dir"
  if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$pg_dir"; fi
  port=$((20000 + RANDOM % 40000))
  as_postgres "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust --username=postgres --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  # Durable settings (fsync on): the benchmark reads, but it should read from a server configured as in production.
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pg_dir" start >/dev/null
  "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE attune_bench LOGIN SUPERUSER PASSWORD 'attune_bench'" >/dev/null
  export ATTUNE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=attune_bench;Password=attune_bench;Database=postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
fi

dotnet build bench/Attune.PracticesLoad -c Release -nologo -clp:ErrorsOnly -v:quiet
dotnet bench/Attune.PracticesLoad/bin/Release/net10.0/Attune.PracticesLoad.dll "$iterations" 2>&1 \
  | grep -Ev '^(info|warn|fail): |^      '

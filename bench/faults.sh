#!/usr/bin/env bash
# Fault suites (issue 10), loopback only and bounded. Publishes the app (Release) and runs, in one go:
#   1. kill -9 during writes: FAULT_LOOPS (200) times, start the app on one SQLite data folder, send check-ins from
#      FAULT_WRITERS (3) writers (each with its own idempotency keys), and kill -9 the app a random 0.3-1.2 s after
#      the first write of that start is acknowledged.
#      Afterwards every acknowledged check-in must be stored, exactly once, and PRAGMA integrity_check must say ok.
#   2. PostgreSQL restarted under load: writers that retry each check-in with the same idempotency key until it is
#      acknowledged (as the app's offline outbox does) while PostgreSQL is restarted twice; afterwards no acknowledged
#      write is missing and no key is stored twice.
#   3. Disk full (needs root, for a small tmpfs): the SQLite data folder on a 48 MB tmpfs, filled up while writers
#      run: writes must fail with a clear 503 (never a 500), nothing half-written; once space returns, writes succeed
#      again, every acknowledged one is there and integrity_check says ok.
# Prints one line per suite and exits non-zero when any fails. FAULT_SUITES="kill postgres disk" picks suites.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/app.sh
source "$root/scripts/lib/app.sh"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
loops=${FAULT_LOOPS:-200}
writers=${FAULT_WRITERS:-3}
suites=${FAULT_SUITES:-kill postgres disk}
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/faults.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/attune-faults.XXXXXX)
writer_pids=() tmpfs=""
stop_writers() {
  for pid in "${writer_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${writer_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  writer_pids=()
}
kill_app() { app_stop app "${1:-TERM}"; }
cleanup() {
  stop_writers
  kill_app KILL
  pg_stop
  if [[ -n $tmpfs ]]; then umount "$tmpfs" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing the app (Release)..."
app_publish "$work/app"
port=$(free_port)
base="http://127.0.0.1:$port"

# $1 data folder; $2 extra environment (e.g. the PostgreSQL settings), as NAME=value words.
start_app() {
  local data=$1
  shift
  app_start app "$base" "$work/app.log" Attune__DataDirectory="$data" "$@"
}

token=""
owner() {
  local email="faults-$RANDOM@example.org" password="a calm river at dawn for faults" jar="$work/jar"
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Faults\",\"timeZone\":\"Europe/Berlin\"}" "$base/api/v1/auth/register"
  curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
  token=$(curl -s -b "$jar" -H 'Content-Type: application/json' --data '{"name":"faults","scopes":["checkins:write","checkins:read"]}' \
    "$base/api/v1/me/tokens" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
  [[ -n $token ]] || { echo "could not make an access token" >&2; exit 1; }
}

# One check-in with idempotency key $1 (answer body to last-$2.json); prints the HTTP status (000: no connection).
post() {
  curl -s -o "$work/last-$2.json" -w '%{http_code}' --max-time 10 -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data "{\"state\":\"connected\",\"intensity\":3,\"emotionIds\":[\"calm\"],\"note\":\"fault suite\",\"idempotencyKey\":\"$1\"}" \
    "$base/api/v1/checkins" 2>/dev/null || true
}

# Writer $1: new keys one after another; acknowledged keys to acked-$1, any 5xx other than 503 to bad.
fire_and_forget() {
  local n=0 code
  while :; do
    n=$((n + 1))
    code=$(post "$1-$n" "$1")
    case $code in
      200 | 201) echo "$1-$n" >>"$work/acked" ;;
      503) echo "$1-$n" >>"$work/refused" ;;
      5??) echo "$1-$n $code $(head -c 300 "$work/last-$1.json" 2>/dev/null)" >>"$work/bad" ;;
      *) sleep 0.02 ;;
    esac
  done
}

# Writer $1: each key retried until acknowledged (what the offline outbox does).
until_acknowledged() {
  local n=0 code
  while :; do
    n=$((n + 1))
    while :; do
      code=$(post "$1-$n" "$1")
      case $code in
        200 | 201) echo "$1-$n" >>"$work/acked"; break ;;
        5??) [[ $code == 503 ]] || echo "$1-$n $code $(head -c 300 "$work/last-$1.json" 2>/dev/null)" >>"$work/bad"; sleep 0.1 ;;
        *) sleep 0.1 ;;
      esac
    done
  done
}

start_writers() {
  local kind=$1 prefix=$2
  for w in $(seq 1 "$writers"); do
    $kind "$prefix-w$w" &
    writer_pids+=($!)
  done
}

# Compares acknowledged keys with stored ones; $1 is a command that prints the stored keys, one per line.
verify() {
  local name=$1 stored_cmd=$2
  sort -u "$work/acked" >"$work/acked.sorted"
  eval "$stored_cmd" | sort >"$work/stored.all"
  sort -u "$work/stored.all" >"$work/stored.sorted"
  local acked missing dupes bad
  acked=$(wc -l <"$work/acked.sorted")
  missing=$(comm -23 "$work/acked.sorted" "$work/stored.sorted" | wc -l)
  dupes=$(($(wc -l <"$work/stored.all") - $(wc -l <"$work/stored.sorted")))
  bad=$([[ -f $work/bad ]] && wc -l <"$work/bad" || echo 0)
  printf '%-34s acknowledged %6d  missing %d  stored twice %d  5xx other than 503: %d' "$name" "$acked" "$missing" "$dupes" "$bad"
  if ((acked == 0 || missing > 0 || dupes > 0 || bad > 0)); then
    printf '  FAILED\n'
    [[ -f $work/bad ]] && head -n 3 "$work/bad"
    return 1
  fi
}

failed=0

kill_suite() {
  local data="$work/kill-data"
  mkdir -p "$data"
  : >"$work/acked"
  rm -f "$work/bad"
  start_app "$data" || { echo "the app did not start" >&2; return 1; }
  owner
  for loop in $(seq 1 "$loops"); do
    if ((loop > 1)); then start_app "$data" || { echo "loop $loop: the app did not start after kill -9" >&2; return 1; }; fi
    local before waited=0
    before=$(wc -l <"$work/acked")
    start_writers fire_and_forget "k$loop"
    # Kill while writes flow: wait for this start's first acknowledged write (a busy machine JIT-compiles slowly),
    # then a random 0.3-1.2 s more.
    while (($(wc -l <"$work/acked") == before && waited < 600)); do sleep 0.05; waited=$((waited + 1)); done
    sleep "0.$((3 + RANDOM % 10))"
    kill_app KILL
    stop_writers
    if ((loop % 50 == 0)); then echo "  kill -9 loop $loop of $loops: $(wc -l <"$work/acked") acknowledged so far"; fi
  done
  local integrity
  integrity=$(sqlite3 "$data/attune.db" 'PRAGMA integrity_check;')
  verify "kill -9 x $loops (SQLite)" "sqlite3 '$data/attune.db' 'SELECT IdempotencyKey FROM CheckIns WHERE IdempotencyKey IS NOT NULL;'" || return 1
  printf '  integrity_check: %s\n' "$integrity"
  [[ $integrity == ok ]]
}

postgres_suite() {
  pg_start >/dev/null || { echo "PostgreSQL did not start" >&2; return 1; }
  "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c "CREATE ROLE attune LOGIN PASSWORD 'faults'" -c "CREATE DATABASE attune OWNER attune" >/dev/null
  local data="$work/pg-data" connection="Host=127.0.0.1;Port=$pg_port;Database=attune;Username=attune;Password=faults"
  mkdir -p "$data"
  : >"$work/acked"
  rm -f "$work/bad"
  start_app "$data" Database__Provider=Postgres ConnectionStrings__Attune="$connection" || { echo "the app did not start on PostgreSQL" >&2; return 1; }
  owner
  start_writers until_acknowledged pg
  for restart in 1 2; do
    sleep 3
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w restart -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pg_dir" >/dev/null
  done
  sleep 4
  stop_writers
  kill_app
  verify "PostgreSQL restarted twice" "'$pg_bin/psql' -At -X -h 127.0.0.1 -p $pg_port -U postgres -d attune -c 'SELECT \"IdempotencyKey\" FROM \"CheckIns\" WHERE \"IdempotencyKey\" IS NOT NULL'" || { pg_stop; return 1; }
  printf '\n'
  pg_stop
}

disk_suite() {
  if [[ $EUID -ne 0 ]]; then echo "disk full: needs root to mount a small tmpfs; not run"; return 1; fi
  tmpfs="$work/small-disk"
  mkdir -p "$tmpfs"
  mount -t tmpfs -o size=48m tmpfs "$tmpfs"
  local data="$tmpfs/data"
  mkdir -p "$data"
  : >"$work/acked"
  rm -f "$work/bad" "$work/refused"
  start_app "$data" || { echo "the app did not start on the small disk" >&2; return 1; }
  owner
  start_writers fire_and_forget full
  sleep 2
  # Fill what is left, then let the writers meet the full disk for a few seconds.
  dd if=/dev/zero of="$tmpfs/filler" bs=1M status=none 2>/dev/null || true
  sleep 5
  local refused_while_full
  refused_while_full=$([[ -f $work/refused ]] && wc -l <"$work/refused" || echo 0)
  rm -f "$tmpfs/filler"
  local before_recovery
  before_recovery=$(wc -l <"$work/acked")
  sleep 4
  stop_writers
  local after_recovery
  after_recovery=$(wc -l <"$work/acked")
  kill_app
  local integrity
  integrity=$(sqlite3 "$data/attune.db" 'PRAGMA integrity_check;')
  verify "disk full, then space again" "sqlite3 '$data/attune.db' 'SELECT IdempotencyKey FROM CheckIns WHERE IdempotencyKey IS NOT NULL;'" || return 1
  printf '\n  refused with 503 while full: %d; acknowledged after space returned: %d; integrity_check: %s\n' \
    "$refused_while_full" "$((after_recovery - before_recovery))" "$integrity"
  [[ $integrity == ok ]] && ((refused_while_full > 0 && after_recovery > before_recovery))
}

for suite in $suites; do
  case $suite in
    kill) kill_suite || failed=1 ;;
    postgres) postgres_suite || failed=1 ;;
    disk) disk_suite || failed=1 ;;
    *) echo "unknown suite $suite" >&2; failed=1 ;;
  esac
done
exit $failed

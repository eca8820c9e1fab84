#!/usr/bin/env bash
# Runs every test project: installs what is missing (chromium, PostgreSQL server, npm), starts a
# throw-away PostgreSQL cluster, checks formatting, builds once, runs each project and prints "N passed, N failed".
#
# Environment:
#   ATTUNE_TEST_FILTER=expr   passed to `dotnet test --filter` (e.g. "FullyQualifiedName~Health")
#   ATTUNE_TEST_PROJECTS=a,b  run only these test projects (folder names under tests/)
#   ATTUNE_SKIP_POSTGRES=1    do not start PostgreSQL (its theory rows then do not run; reported as skipped)
#   ATTUNE_SKIP_REDIS=1       do not start Redis (the multi-node tests then do not run; reported as skipped)
#   ATTUNE_SKIP_BUILD=1       reuse the previous Release build (and skip the formatting check)
#   ATTUNE_TEST_TIMEOUT=30m   per-project limit (coreutils timeout syntax)
#   ATTUNE_SKIP_CLUSTER=1     do not run bench/cluster.sh --short (three nodes behind nginx; it is skipped anyway
#                             when ATTUNE_TEST_PROJECTS or ATTUNE_TEST_FILTER narrow the run)
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
started=$(date +%s)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Hundreds of in-memory app hosts come and go during the tests; none needs to watch its configuration files,
# and each watcher holds one of the user's inotify instances (128 on Debian), so they are switched off.
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=1
# The tests read it too: only an explicit ATTUNE_SKIP_POSTGRES=1 lets them report missing PostgreSQL as skipped.
export ATTUNE_SKIP_POSTGRES=${ATTUNE_SKIP_POSTGRES:-0}
export ATTUNE_SKIP_REDIS=${ATTUNE_SKIP_REDIS:-0}

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\ntest.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root to run: $*"
  fi
}

# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/redis.sh
source "$root/scripts/lib/redis.sh"

# --- 1. System packages (one apt-get update, only when something is missing) ----------------
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
# Screenshots need a real font; chromium alone may come without one on slim images.
[[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
if [[ ${ATTUNE_SKIP_POSTGRES:-0} != 1 && -z $(postgres_bindir) ]]; then missing+=(postgresql); fi
if [[ ${ATTUNE_SKIP_REDIS:-0} != 1 ]]; then command -v redis-server >/dev/null || missing+=(redis-server); fi
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  log "Installing ${missing[*]}"
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

client=src/Attune.Web/client
# npm records what it installed in node_modules/.package-lock.json; reinstall when the manifests are newer.
stamp=$client/node_modules/.package-lock.json
if [[ -f $client/package.json ]] && [[ ! -f $stamp || $client/package.json -nt $stamp || ( -f $client/package-lock.json && $client/package-lock.json -nt $stamp ) ]]; then
  log "Installing client packages"
  if [[ -f $client/package-lock.json ]]; then (cd "$client" && npm ci --no-audit --no-fund)
  else (cd "$client" && npm install --no-audit --no-fund)
  fi
fi

# --- 2. Throw-away PostgreSQL cluster ----------------------------------------------------------
cleanup() { pg_stop; redis_stop; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_postgres() {
  pg_start "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    || die "PostgreSQL did not start (set ATTUNE_SKIP_POSTGRES=1 to run without)"
  "$pg_bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres \
    -c "CREATE ROLE attune_test LOGIN SUPERUSER PASSWORD 'attune_test'" >/dev/null
  export ATTUNE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=attune_test;Password=attune_test;Database=postgres"
  log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"
}

if [[ ${ATTUNE_SKIP_POSTGRES:-0} == 1 ]]; then
  unset ATTUNE_TEST_POSTGRES
  log "ATTUNE_SKIP_POSTGRES=1: PostgreSQL not started, its theory rows will not run"
else
  start_postgres
fi

# Redis for the multi-node tests (shared keys, SignalR backplane, limits and evictions across nodes).
if [[ ${ATTUNE_SKIP_REDIS:-0} == 1 ]]; then
  unset ATTUNE_TEST_REDIS
  log "ATTUNE_SKIP_REDIS=1: Redis not started, its tests will not run"
else
  redis_start || die "Redis did not start (set ATTUNE_SKIP_REDIS=1 to run without)"
  export ATTUNE_TEST_REDIS="127.0.0.1:$redis_port"
  log "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$redis_port"
fi

# --- 3. Check formatting, build once, run each test project --------------------------------------
if [[ ${ATTUNE_SKIP_BUILD:-0} != 1 ]]; then
  log "Restoring"
  dotnet restore Attune.slnx -v:quiet
  # Whitespace only: the .editorconfig style and analyzer rules set to warning fail the build itself
  # (EnforceCodeStyleInBuild, TreatWarningsAsErrors), and checking them twice cost about 110 s of CPU a run.
  log "Checking formatting (dotnet format whitespace --verify-no-changes)"
  dotnet format whitespace Attune.slnx --verify-no-changes --no-restore \
    || die "the code is not formatted as .editorconfig says: run \`dotnet format\` (it rewrites the files), check the diff and commit it"
  log "Building (Release)"
  dotnet build Attune.slnx -c Release --no-restore -nologo -clp:ErrorsOnly -v:quiet
fi

results="$root/TestResults/test.sh"
rm -rf "$results"
mkdir -p "$results"

filter_args=()
if [[ -n ${ATTUNE_TEST_FILTER:-} ]]; then filter_args=(--filter "$ATTUNE_TEST_FILTER"); fi

passed=0 failed=0 skipped=0 broken=()
summary=()
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  folder=$(basename "$(dirname "$project")")
  if [[ -n ${ATTUNE_TEST_PROJECTS:-} && ",$ATTUNE_TEST_PROJECTS," != *",$folder,"* ]]; then continue; fi
  log "Testing $name"
  t0=$(date +%s)
  rc=0
  # A hung test host (e.g. a browser waiting forever) ends the project instead of the CI job.
  timeout --foreground --kill-after=30s "${ATTUNE_TEST_TIMEOUT:-30m}" dotnet test "$project" --no-build -c Release -nologo \
    --results-directory "$results" \
    --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=minimal" \
    "${filter_args[@]}" || rc=$?
  t1=$(date +%s)
  trx="$results/$name.trx"
  if [[ -f $trx ]]; then
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    p=$(count passed) f=$(count failed) e=$(count error) t=$(count timeout)
    f=$((${f:-0} + ${e:-0} + ${t:-0}))
    # Skipped tests are in total but not executed (the trx's notExecuted stays 0 for them).
    s=$(($(count total) - $(count executed)))
    passed=$((passed + ${p:-0})) failed=$((failed + f)) skipped=$((skipped + ${s:-0}))
    summary+=("$(printf '%-24s %4s passed %4s failed %4s skipped %5ss' "$name" "${p:-0}" "$f" "${s:-0}" $((t1 - t0)))")
    if ((rc != 0 && f == 0)); then failed=$((failed + 1)); broken+=("$name (exit $rc with no failed test)"); fi
  elif [[ -n ${ATTUNE_TEST_FILTER:-} && $rc -eq 0 ]]; then
    summary+=("$(printf '%-24s no test matched the filter' "$name")")
  else
    # The host crashed or no results were written: count the project as one failure.
    failed=$((failed + 1))
    broken+=("$name (no results, exit $rc)")
  fi
done

# --- 4. Several nodes behind nginx (bench/cluster.sh --short): whole runs only, it installs its own packages ---------
if [[ ${ATTUNE_SKIP_CLUSTER:-0} == 1 || -n ${ATTUNE_TEST_PROJECTS:-} || -n ${ATTUNE_TEST_FILTER:-} ]]; then
  summary+=("$(printf '%-24s skipped (ATTUNE_SKIP_CLUSTER, or the run was narrowed)' "bench/cluster.sh --short")")
else
  log "Three nodes behind nginx on PostgreSQL and Redis (bench/cluster.sh --short)"
  t0=$(date +%s)
  rc=0
  # The solution's Release build (this run's, or the previous one with ATTUNE_SKIP_BUILD=1) is published as it is.
  CLUSTER_REUSE_BUILD=1 timeout --foreground --kill-after=30s 10m bench/cluster.sh --short || rc=$?
  if ((rc == 0)); then
    passed=$((passed + 1))
    summary+=("$(printf '%-24s %4s passed %4s failed %4s skipped %5ss' "bench/cluster.sh" 1 0 0 $(($(date +%s) - t0)))")
  else
    failed=$((failed + 1))
    broken+=("bench/cluster.sh --short (exit $rc: see its FAIL lines above)")
  fi
fi

printf '\n'
for line in "${summary[@]}"; do printf '%s\n' "$line"; done
for b in "${broken[@]}"; do printf 'BROKEN: %s\n' "$b"; done
printf 'Total time: %ss\n' $(($(date +%s) - started))
if ((skipped > 0)); then
  printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
else
  printf '%d passed, %d failed\n' "$passed" "$failed"
fi
if ((failed > 0 || ${#broken[@]} > 0)); then exit 1; fi

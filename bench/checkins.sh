#!/usr/bin/env bash
# Check-in writes under a fixed load: publishes the app (Release), starts it on a free loopback port with
# an empty SQLite data folder (WAL; synchronous=FULL for every write but the check-in batches, which commit with
# NORMAL: docs/decisions/0020-check-in-commits.md), signs a person in, makes an access token with checkins:write,
# then sends POST /api/v1/checkins at a fixed rate and, in the same run and on the same schedule, GET /healthz as
# the floor. Then it starts the app again with Database:DurableCheckInCommits=true (every check-in commit waits
# for the disk) and measures the same POST. Prints p50/p99 of each, their ratio, and whether the target holds:
# p99 < 15 ms at 200 requests/s. Loopback only, bounded (rate x duration requests).
#
# Environment:
#   CHECKIN_RATE=200      requests per second
#   CHECKIN_DURATION=10   seconds per measurement (so 2000 check-ins at the defaults)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rate=${CHECKIN_RATE:-200}
duration=${CHECKIN_DURATION:-10}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/checkins.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done

# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/app.sh
source "$root/scripts/lib/app.sh"
work=$(mktemp -d /tmp/attune-checkins.XXXXXX)
cleanup() {
  app_stop_all
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing the app and building the load generator (Release)..."
app_publish "$work/app"
dotnet build bench/Attune.Load/Attune.Load.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >/dev/null
loadgen="$root/bench/Attune.Load/bin/Release/net10.0/Attune.Load.dll"

start_app() { # $1: true for Database:DurableCheckInCommits (every commit waits for the disk)
  base="http://127.0.0.1:$(free_port)"
  rm -rf "$work/data"; mkdir -p "$work/data"
  app_start app "$base" "$work/app.log" Attune__DataDirectory="$work/data" Database__DurableCheckInCommits="$1"
  email="checkins-$(date +%s)-$RANDOM@example.org"
  password="a calm river at dawn for load"
  app_register "$base" "$email" "$password" Load >/dev/null
  sqlite3 "$work/data/attune.db" "PRAGMA busy_timeout=5000; UPDATE AspNetUsers SET EmailConfirmed = 1 WHERE NormalizedEmail = '$(tr '[:lower:]' '[:upper:]' <<<"$email")';" >/dev/null
  app_sign_in "$base" "$email" "$password" "$work/cookies.txt"
  token=$(app_token "$base" "$work/cookies.txt" checkins:write)
  [[ -n $token ]] || { echo "could not make an access token" >&2; exit 1; }
}
stop_app() { app_stop app; }

# A typical full check-in: a state, two words, the body, context and a short note.
cat >"$work/checkin.json" <<'JSON'
{"state":"activated","intensity":6,"emotionIds":["anxious","pressured"],"body":[{"region":"chest","sensation":"tight"},{"region":"shoulders","sensation":"tense"}],
 "context":{"who":["colleagues"],"where":["work"],"doing":["working"]},"scales":{"stress":6},"note":"Deadline moved up again.","visibility":"private"}
JSON

run() {
  local out
  out=$(dotnet "$loadgen" "$@") || true
  grep -v '^RESULT ' <<<"$out" >&2 || true
  grep '^RESULT ' <<<"$out" || true
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Open loop, $rate req/s for ${duration}s each (warm-up 2 s each); the app started twice, as shipped and with every check-in commit durable..."
start_app false
health=$(run open --url "$base/healthz" --rate "$rate" --duration "$duration" --warmup 2)
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/${app_pid[app]}/stat"; }  # user + system, in 1/100 s
ticks_before=$(cpu_ticks)
posts=$(run open --url "$base/api/v1/checkins" --rate "$rate" --duration "$duration" --warmup 2 --bearer "$token" --body "$work/checkin.json")
ticks_after=$(cpu_ticks)
stored=$(sqlite3 "$work/data/attune.db" 'SELECT COUNT(*) FROM CheckIns;')
cpu_per_post=$(awk -v t="$((ticks_after - ticks_before))" -v n="$((rate * (duration + 2)))" 'BEGIN { printf "%.0f", t * 10000 / n }')
stop_app
start_app true
durable=$(run open --url "$base/api/v1/checkins" --rate "$rate" --duration "$duration" --warmup 2 --bearer "$token" --body "$work/checkin.json")
health2=$(run open --url "$base/healthz" --rate "$rate" --duration "$duration" --warmup 2)
stop_app
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

ratio=$(awk -v a="$(field "$posts" p99_ms)" -v b="$(field "$health" p99_ms)" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }')
verdict=$(awk -v v="$(field "$posts" p99_ms)" 'BEGIN { print (v + 0 < 15) ? "met" : "NOT MET" }')
printf '\n%-52s %14s  %s\n' "Check-in writes ($(nproc) cores, SQLite)" "value" "target"
printf '%-52s %14s\n' "/healthz @${rate}/s p50 / p99 (ms), start / end" "$(field "$health" p50_ms) / $(field "$health" p99_ms)  $(field "$health2" p50_ms) / $(field "$health2" p99_ms)"
printf '%-52s %14s\n' "POST /api/v1/checkins @${rate}/s p50 (ms)" "$(field "$posts" p50_ms)"
printf '%-52s %14s  %s\n' "POST /api/v1/checkins @${rate}/s p99 (ms)" "$(field "$posts" p99_ms)" "< 15 $verdict"
printf '%-52s %14s\n' "ratio of p99s, POST / healthz" "$ratio"
printf '%-52s %14s\n' "POST failed + dropped" "$(($(field "$posts" failed) + $(field "$posts" dropped)))"
printf '%-52s %14s\n' "check-ins stored (incl. warm-up)" "$stored"
printf '%-52s %14s\n' "app CPU per POST (user + system, us)" "$cpu_per_post"
printf '%-52s %14s\n' "same, DurableCheckInCommits (FULL): p50 / p99 (ms)" "$(field "$durable" p50_ms) / $(field "$durable" p99_ms)"
printf 'load average (1/5/15 min): start %s, end %s\n' "$load_start" "$load_end"
if awk -v lag="$(field "$posts" send_lag_p99_ms)" -v floor="$(field "$health" p99_ms)" 'BEGIN { exit !(lag > 5 || floor > 5) }'; then
  echo "WARNING: the generator sent late or even /healthz took over 5 ms at p99: the machine was busy; run again when it is quieter."
fi

#!/usr/bin/env bash
# What people do, under a stated load, against the floor of /healthz in the same run (issue 10): publishes the app
# (Release), starts it on a free loopback port (Production, SQLite, a fresh data folder; the per-address sign-in
# limit raised, since every request here comes from one address), makes the first account, then sends each kind of
# request at a fixed rate for MIXED_DURATION seconds: sign-in, recording upload, analysis read, two page views, with
# /healthz measured before and after. Prints p50/p99 of each, the ratio of its p99 to /healthz's, failures, and the
# app's resident memory before and after. Loopback only, bounded (rate x duration requests each).
#
# Environment: MIXED_DURATION=10, MIXED_SCALE=1 (multiplies every rate).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
duration=${MIXED_DURATION:-10}
scale=${MIXED_SCALE:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v curl >/dev/null || { echo "bench/mixed.sh needs curl" >&2; exit 1; }

work=$(mktemp -d /tmp/attune-mixed.XXXXXX)
app_pid=""
cleanup() {
  if [[ -n $app_pid ]]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing the app and building the load generator (Release)..."
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish src/Attune.Web/Attune.Web.csproj -c Release -r "$rid" --self-contained false -o "$work/app" -nologo -v:quiet -clp:ErrorsOnly >/dev/null
dotnet build bench/Attune.Load/Attune.Load.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >/dev/null
loadgen="$root/bench/Attune.Load/bin/Release/net10.0/Attune.Load.dll"

port=$(free_port)
base="http://127.0.0.1:$port"
mkdir -p "$work/data"
(cd "$work/app" && exec env ASPNETCORE_ENVIRONMENT=Production Attune__DataDirectory="$work/data" RateLimits__AuthPerIpPerMinute=1000000 \
  dotnet Attune.Web.dll --urls "$base") >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 600); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" || true) == 200 ]] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
  sleep 0.1
done

email="mixed-$RANDOM@example.org"
password="a calm river at dawn for the mix"
curl -s -o /dev/null -H 'Content-Type: application/json' \
  --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Mix\",\"timeZone\":\"Europe/Berlin\"}" "$base/api/v1/auth/register"
printf '{"email":"%s","password":"%s"}' "$email" "$password" >"$work/login.json"
jar="$work/jar"
curl -s -o /dev/null -c "$jar" -H 'Content-Type: application/json' --data @"$work/login.json" "$base/api/v1/auth/login"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk -F '\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
token=$(curl -s -b "$jar" -H 'Content-Type: application/json' --data '{"name":"mix","scopes":["recordings:write","recordings:read"]}' \
  "$base/api/v1/me/tokens" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p')
[[ -n $token ]] || { echo "could not make an access token" >&2; exit 1; }
# Ten minutes of a resting heart (about 700 beats, 3 KB), the same file for every upload.
awk 'BEGIN { srand(3); for (i = 0; i < 700; i++) printf "%d\n", 850 + 60 * sin(i / 4) + 20 * rand() }' >"$work/rest.rr.csv"
id=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$work/rest.rr.csv" \
  "$base/api/v1/recordings?kind=rr" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
[[ -n $id ]] || { echo "could not upload a recording" >&2; exit 1; }
curl -s -o /dev/null -H "Authorization: Bearer $token" "$base/api/v1/recordings/$id/analysis"

rss() { awk -v key="$1:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }
rate() { awk -v r="$1" -v s="$scale" 'BEGIN { v = int(r * s); print (v < 1 ? 1 : v) }'; }
run() {
  local out
  out=$(dotnet "$loadgen" open --duration "$duration" --warmup 2 "$@") || true
  grep '^RESULT ' <<<"$out" || echo "RESULT ok=0 failed=0 dropped=0 p50_ms=0 p99_ms=0"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

rss_before=$(rss VmRSS)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
declare -a names results rates
measure() {
  local name=$1 r=$2
  shift 2
  names+=("$name") rates+=("$r")
  results+=("$(run --rate "$r" "$@")")
}
echo "Measuring, ${duration}s each..."
measure "/healthz (floor, before)" "$(rate 100)" --url "$base/healthz"
measure "sign-in POST /api/v1/auth/login" "$(rate 4)" --url "$base/api/v1/auth/login" --body "$work/login.json"
measure "upload POST /api/v1/recordings (3 KB RR)" "$(rate 10)" --url "$base/api/v1/recordings?kind=rr" --bearer "$token" --body "$work/rest.rr.csv" --content-type text/csv
measure "analysis GET /api/v1/recordings/{id}/analysis" "$(rate 100)" --url "$base/api/v1/recordings/$id/analysis" --bearer "$token"
measure "page GET / (home, signed in)" "$(rate 50)" --url "$base/" --cookie "$cookie"
measure "page GET /insights/recordings" "$(rate 50)" --url "$base/insights/recordings" --cookie "$cookie"
measure "/healthz (floor, after)" "$(rate 100)" --url "$base/healthz"
rss_after=$(rss VmRSS)
rss_peak=$(rss VmHWM)
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

floor=$(awk -v a="$(field "${results[0]}" p99_ms)" -v b="$(field "${results[6]}" p99_ms)" 'BEGIN { print (a > b ? a : b) }')
printf '\n%-48s %6s %9s %9s %10s %7s\n' "Request ($(nproc) cores, SQLite)" "rate/s" "p50 ms" "p99 ms" "p99/floor" "failed"
for i in "${!names[@]}"; do
  r=${results[$i]}
  printf '%-48s %6s %9.1f %9.1f %10s %7s\n' "${names[$i]}" "${rates[$i]}" "$(field "$r" p50_ms)" "$(field "$r" p99_ms)" \
    "$(awk -v a="$(field "$r" p99_ms)" -v b="$floor" 'BEGIN { if (b > 0) printf "x%.1f", a / b; else print "n/a" }')" \
    "$(($(field "$r" failed) + $(field "$r" dropped)))"
done
printf '\nresident memory (MB): before %s, after %s, peak %s\n' "$rss_before" "$rss_after" "$rss_peak"
printf 'load average (1/5/15 min): start %s, end %s\n' "$load_start" "$load_end"

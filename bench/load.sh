#!/usr/bin/env bash
# Publishes the app (Release), starts it on a free loopback port with an empty data directory (a first
# start that creates the database, then a restart on it, which is what the start-up figures are about) and
# prints: cold start to the first 200 from /healthz, memory, closed-loop throughput on /healthz and on
# LOAD_PATH (and their ratio), fixed-rate latency on LOAD_PATH, memory after load.
#
# LOAD_PATH is measured signed in: the script registers a person through POST /api/v1/auth/register,
# confirms the address directly in the app's SQLite database (the benchmark owns that throw-away
# database; the app itself is unchanged and runs in Production), signs in through
# POST /api/v1/auth/login and sends the cookies a browser would hold (sign-in and antiforgery).
# It signs in afresh before each LOAD_PATH run, so the cookie is never older than Identity's
# one-minute security-stamp interval (a browser stores the refreshed cookie; the generator does not).
#
# Environment:
#   LOAD_PATH=/           page to load (relative to the app), default /
#   LOAD_COOKIE='a=b; c=d'  Cookie header for LOAD_PATH instead of signing in (LOAD_COOKIE= '' and
#                           LOAD_SIGNED_OUT=1 measure the signed-out page)
#   LOAD_CONNECTIONS=50   closed-loop connections
#   LOAD_DURATION=10      seconds per measurement
#   LOAD_RATE=500         open-loop requests per second
#   LOAD_WARMUP=3         seconds of discarded load on each URL first, so JIT tiering does not favour the later run
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

load_path=${LOAD_PATH:-/}
cookie=${LOAD_COOKIE:-}
connections=${LOAD_CONNECTIONS:-50}
duration=${LOAD_DURATION:-10}
rate=${LOAD_RATE:-500}
warmup=${LOAD_WARMUP:-3}
signed_out=${LOAD_SIGNED_OUT:-0}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/load.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

work=$(mktemp -d /tmp/attune-load.XXXXXX)
app_pid=""
cleanup() {
  if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "Publishing the app and building the load generator (Release)..."
# For this machine's runtime, so the app is published ReadyToRun (see Attune.Web.csproj), as docs/self-hosting.md does.
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
dotnet publish src/Attune.Web/Attune.Web.csproj -c Release -r "$rid" --self-contained false -o "$work/app" -nologo -v:quiet -clp:ErrorsOnly >/dev/null
dotnet build bench/Attune.Load/Attune.Load.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >/dev/null
loadgen="$root/bench/Attune.Load/bin/Release/net10.0/Attune.Load.dll"

port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[[ -n $port ]] || { echo "no free port" >&2; exit 1; }
base="http://127.0.0.1:$port"

mkdir -p "$work/data"
# Starts the app on $work/data and waits for its first 200 from /healthz; sets app_pid and cold_ms.
start_app() {
  local start_ns ready deadline
  start_ns=$(date +%s%N)
  (cd "$work/app" && ASPNETCORE_ENVIRONMENT=Production Attune__DataDirectory="$work/data" \
    exec dotnet Attune.Web.dll --urls "$base" >"$work/app.log" 2>&1) &
  app_pid=$!
  ready=""
  deadline=$((start_ns + 60 * 1000000000))
  while (($(date +%s%N) < deadline)); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$base/healthz" 2>/dev/null || true) == 200 ]]; then
      ready=$(date +%s%N)
      break
    fi
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; echo "the app exited" >&2; exit 1; }
    sleep 0.01
  done
  [[ -n $ready ]] || { cat "$work/app.log" >&2; echo "no 200 from /healthz within 60 s" >&2; exit 1; }
  cold_ms=$(((ready - start_ns) / 1000000))
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
rss_of() { awk -v key="$1:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }

# The very first start creates and migrates the database: a one-off, reported on its own. A server
# otherwise starts on its existing database, which is the start-up the targets are about.
start_app
sleep 1
first_cold_ms=$cold_ms
first_rss=$(rss_of VmRSS)
stop_app
start_app

# The app's CPU time (user + system, ms) so far: CPU per request is far less disturbed by other load
# on the machine than latency or throughput are.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$app_pid/stat"; }
per_request_us() { awk -v ms="$1" -v n="$(field "$2" ok)" 'BEGIN { if (n > 0) printf "%.0f", ms * 1000 / n; else print "n/a" }'; }
sleep 1
rss_mb() { rss_of "$1"; }
rss_start=$(rss_mb VmRSS)

run() {
  local out
  out=$(dotnet "$loadgen" "$@") || true
  # The human-readable line goes to stderr as it comes; the machine line is the function's value.
  grep -v '^RESULT ' <<<"$out" >&2 || true
  grep '^RESULT ' <<<"$out" || true
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# --- Signed-in cookies ---------------------------------------------------------------------------
email="load-$(date +%s)-$RANDOM@example.org"
password="a calm river at dawn for load"
if [[ -z $cookie && $signed_out != 1 ]]; then
  status=$(curl -s -o "$work/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Load\",\"timeZone\":\"UTC\"}" \
    "$base/api/v1/auth/register")
  [[ $status == 202 ]] || { cat "$work/register.json" >&2; echo "register gave $status" >&2; exit 1; }
  normalized=$(tr '[:lower:]' '[:upper:]' <<<"$email")
  sqlite3 "$work/data/attune.db" "PRAGMA busy_timeout=5000; UPDATE AspNetUsers SET EmailConfirmed = 1 WHERE NormalizedEmail = '$normalized';" >/dev/null
fi

# Signs in, loads LOAD_PATH once as a browser would (which also sets the antiforgery cookie for the
# page's sign-out form) and prints the Cookie header of everything in the jar.
sign_in() {
  local jar="$work/cookies.txt" status
  rm -f "$jar"
  status=$(curl -s -o "$work/login.json" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  [[ $status == 200 ]] || { cat "$work/login.json" >&2; echo "sign-in gave $status" >&2; return 1; }
  curl -s -o "$work/page.html" -b "$jar" -c "$jar" "$base$load_path"
  grep -q 'Signed in as' "$work/page.html" || { echo "$load_path did not render signed in" >&2; return 1; }
  # Netscape cookie-jar lines: domain, flag, path, secure, expiry, name, value (HttpOnly ones are prefixed).
  sed 's/^#HttpOnly_//' "$jar" | awk -F '\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}

page_cookie() {
  if [[ -n $cookie ]]; then echo "$cookie"
  elif [[ $signed_out == 1 ]]; then echo ""
  else sign_in
  fi
}

cookie_args=()
refresh_cookie() {
  local value
  value=$(page_cookie)
  cookie_args=()
  if [[ -n $value ]]; then cookie_args=(--cookie "$value"); fi
}

# Still signed in after the runs: a rejected cookie would fall back to the anonymous page with a 200.
check_signed_in() {
  if ((${#cookie_args[@]})) && [[ $signed_out != 1 ]]; then
    curl -s -o "$work/after.html" -H "Cookie: ${cookie_args[1]}" "$base$load_path"
    if grep -q 'Signed in as' "$work/after.html"; then echo "yes"; else echo "NO (results are for the signed-out page)"; fi
  else
    echo "n/a"
  fi
}

load_start=$(load_avg)
if ((warmup > 0)); then
  echo "Warming up ${warmup}s per URL..."
  run closed --url "$base/healthz" --connections "$connections" --duration "$warmup" --warmup 0 >/dev/null 2>&1
  refresh_cookie
  run closed --url "$base$load_path" --connections "$connections" --duration "$warmup" --warmup 0 "${cookie_args[@]}" >/dev/null 2>&1
fi
echo "Closed loop, $connections connections, ${duration}s each..."
c0=$(cpu_ms)
health=$(run closed --url "$base/healthz" --connections "$connections" --duration "$duration" --warmup 0)
c1=$(cpu_ms)
refresh_cookie
c2=$(cpu_ms)
page=$(run closed --url "$base$load_path" --connections "$connections" --duration "$duration" --warmup 0 "${cookie_args[@]}")
c3=$(cpu_ms)
signed_in_closed=$(check_signed_in)
load_closed=$(load_avg)

# Cross-check that the C# generator is not what limits /healthz: Debian's wrk on the same URL.
# wrk needs less CPU per request than the C# client, which matters on 2 shared cores, so the ratio
# is also measured with it (same connections and duration).
wrk_rps="n/a" wrk_page_rps="n/a" wrk_page_errors="n/a"
if command -v wrk >/dev/null; then
  wrk_rps=$(wrk -t 2 -c "$connections" -d "${duration}s" "$base/healthz" 2>/dev/null | awk '/^Requests\/sec/ { printf "%.0f", $2 }')
  refresh_cookie
  wrk_header=()
  if ((${#cookie_args[@]})); then wrk_header=(-H "Cookie: ${cookie_args[1]}"); fi
  wrk_out=$(wrk -t 2 -c "$connections" -d "${duration}s" "${wrk_header[@]}" "$base$load_path" 2>/dev/null)
  wrk_page_rps=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$wrk_out")
  wrk_page_errors=$(awk '/Non-2xx/ { print $NF; found = 1 } END { if (!found) print 0 }' <<<"$wrk_out")
fi

echo "Open loop, $rate req/s for ${duration}s..."
# The generator's own floor at this rate: the cheapest endpoint, same schedule.
fixed_health=$(run open --url "$base/healthz" --rate "$rate" --duration "$duration" --warmup 1)
refresh_cookie
fixed=$(run open --url "$base$load_path" --rate "$rate" --duration "$duration" --warmup 1 "${cookie_args[@]}")
signed_in_open=$(check_signed_in)
load_end=$(load_avg)
rss_after=$(rss_mb VmRSS)
rss_peak=$(rss_mb VmHWM)

ratio=$(awk -v a="$(field "$page" rps)" -v b="$(field "$health" rps)" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN { if (v == "" || v == "n/a") print "?"; else if ((op == "<" && v + 0 < t + 0) || (op == ">=" && v + 0 >= t + 0)) print "met"; else print "NOT MET" }'; }
ratio_pct=$(awk -v r="$ratio" 'BEGIN { if (r == "n/a") print "n/a"; else printf "%.0f", r * 100 }')
wrk_ratio_pct=$(awk -v a="$wrk_page_rps" -v b="$wrk_rps" 'BEGIN { if (a == "n/a" || b == "n/a" || b <= 0) print "n/a"; else printf "%.0f", 100 * a / b }')
label=$load_path
if [[ -z $cookie && $signed_out != 1 ]]; then label="$load_path (signed in)"; fi

printf '\n%-40s %12s  %s\n' "Attune load ($(nproc) cores)" "value" "target"
printf '%-40s %12s\n' "first start, creating the database (ms)" "$first_cold_ms"
printf '%-40s %12s\n' "  RSS after that first start (MB)" "$first_rss"
printf '%-40s %12s  %s\n' "cold start to first 200 (ms)" "$cold_ms" "< 2000 $(verdict "$cold_ms" "<" 2000)"
printf '%-40s %12s  %s\n' "RSS after start (MB)" "$rss_start" "< 120 $(verdict "$rss_start" "<" 120)"
printf '%-40s %12s\n' "/healthz closed req/s" "$(field "$health" rps)"
printf '%-40s %12s\n' "/healthz closed p99 (ms)" "$(field "$health" p99_ms)"
printf '%-40s %12s\n' "  (wrk cross-check /healthz req/s)" "$wrk_rps"
printf '%-40s %12s\n' "/healthz app CPU per request (us)" "$(per_request_us $((c1 - c0)) "$health")"
printf '%-40s %12s\n' "$label app CPU per request (us)" "$(per_request_us $((c3 - c2)) "$page")"
printf '%-40s %12s\n' "$label closed req/s" "$(field "$page" rps)"
printf '%-40s %12s\n' "$label closed p99 (ms)" "$(field "$page" p99_ms)"
printf '%-40s %12s\n' "$label closed failed (non-2xx)" "$(field "$page" failed)"
printf '%-40s %12s  %s\n' "ratio page / healthz (%)" "$ratio_pct" ">= 40 $(verdict "$ratio_pct" ">=" 40)"
printf '%-40s %12s\n' "  wrk: $label req/s" "$wrk_page_rps"
printf '%-40s %12s\n' "  wrk: $label non-2xx" "$wrk_page_errors"
printf '%-40s %12s  %s\n' "  wrk: ratio page / healthz (%)" "$wrk_ratio_pct" ">= 40 $(verdict "$wrk_ratio_pct" ">=" 40)"
printf '%-40s %12s\n' "/healthz @${rate}/s p99 (ms, floor)" "$(field "$fixed_health" p99_ms)"
printf '%-40s %12s\n' "$label @${rate}/s p50 (ms)" "$(field "$fixed" p50_ms)"
printf '%-40s %12s  %s\n' "$label @${rate}/s p99 (ms)" "$(field "$fixed" p99_ms)" "< 10 $(verdict "$(field "$fixed" p99_ms)" "<" 10)"
printf '%-40s %12s\n' "$label @${rate}/s max (ms)" "$(field "$fixed" max_ms)"
printf '%-40s %12s\n' "$label @${rate}/s failed+dropped" "$(($(field "$fixed" failed) + $(field "$fixed" dropped)))"
printf '%-40s %12s\n' "  (generator send lag p99 ms)" "$(field "$fixed" send_lag_p99_ms)"
printf '%-40s %12s  %s\n' "RSS after load (MB)" "$rss_after" "< 250 $(verdict "$rss_after" "<" 250)"
printf '%-40s %12s\n' "peak RSS (MB)" "$rss_peak"
printf '%-40s %12s\n' "still signed in after closed / open" "$signed_in_closed / $signed_in_open"
printf 'load average (1/5/15 min): start %s, after closed %s, end %s\n' "$load_start" "$load_closed" "$load_end"
if awk -v lag="$(field "$fixed" send_lag_p99_ms)" -v floor="$(field "$fixed_health" p99_ms)" 'BEGIN { exit !(lag > 5 || floor > 5) }'; then
  echo "WARNING: the generator sent late (send lag p99 above 5 ms) or even /healthz took over 5 ms at p99,"
  echo "so the machine was busy and the fixed-rate percentiles above measure that, not the app: run again"
  echo "when the load average is lower."
fi

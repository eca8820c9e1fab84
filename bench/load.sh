#!/usr/bin/env bash
# Publishes the app (Release), starts it on a free loopback port with an empty data directory and
# prints: cold start to the first 200 from /healthz, memory, closed-loop throughput on /healthz and on
# LOAD_PATH (and their ratio), fixed-rate latency on LOAD_PATH, memory after load.
#
# Environment:
#   LOAD_PATH=/           page to load (relative to the app), default /
#   LOAD_COOKIE='a=b; c=d'  Cookie header sent with LOAD_PATH requests (e.g. a sign-in cookie)
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
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

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
dotnet publish src/Attune.Web/Attune.Web.csproj -c Release -o "$work/app" -nologo -v:quiet -clp:ErrorsOnly >/dev/null
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

rss_mb() { awk -v key="$1:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }
rss_start=$(rss_mb VmRSS)

run() {
  local line
  line=$(dotnet "$loadgen" "$@" | tee /dev/stderr | grep '^RESULT ') || true
  echo "$line"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

cookie_args=()
if [[ -n $cookie ]]; then cookie_args=(--cookie "$cookie"); fi

if ((warmup > 0)); then
  echo "Warming up ${warmup}s per URL..."
  run closed --url "$base/healthz" --connections "$connections" --duration "$warmup" --warmup 0 >/dev/null 2>&1
  run closed --url "$base$load_path" --connections "$connections" --duration "$warmup" --warmup 0 "${cookie_args[@]}" >/dev/null 2>&1
fi
echo "Closed loop, $connections connections, ${duration}s each..."
health=$(run closed --url "$base/healthz" --connections "$connections" --duration "$duration")
page=$(run closed --url "$base$load_path" --connections "$connections" --duration "$duration" "${cookie_args[@]}")
echo "Open loop, $rate req/s for ${duration}s..."
fixed=$(run open --url "$base$load_path" --rate "$rate" --duration "$duration" "${cookie_args[@]}")
rss_after=$(rss_mb VmRSS)
rss_peak=$(rss_mb VmHWM)

ratio=$(awk -v a="$(field "$page" rps)" -v b="$(field "$health" rps)" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')

printf '\n%-34s %12s\n' "Attune load ($(nproc) cores)" "value"
printf '%-34s %12s\n' "cold start to first 200 (ms)" "$cold_ms"
printf '%-34s %12s\n' "RSS after start (MB)" "$rss_start"
printf '%-34s %12s\n' "/healthz closed req/s" "$(field "$health" rps)"
printf '%-34s %12s\n' "/healthz closed p99 (ms)" "$(field "$health" p99_ms)"
printf '%-34s %12s\n' "$load_path closed req/s" "$(field "$page" rps)"
printf '%-34s %12s\n' "$load_path closed p99 (ms)" "$(field "$page" p99_ms)"
printf '%-34s %12s\n' "$load_path closed failed (non-2xx)" "$(field "$page" failed)"
printf '%-34s %12s\n' "ratio $load_path / /healthz req/s" "$ratio"
printf '%-34s %12s\n' "$load_path @${rate}/s p50 (ms)" "$(field "$fixed" p50_ms)"
printf '%-34s %12s\n' "$load_path @${rate}/s p99 (ms)" "$(field "$fixed" p99_ms)"
printf '%-34s %12s\n' "$load_path @${rate}/s max (ms)" "$(field "$fixed" max_ms)"
printf '%-34s %12s\n' "$load_path @${rate}/s failed" "$(field "$fixed" failed)"
printf '%-34s %12s\n' "  (load generator send lag p99 ms)" "$(field "$fixed" send_lag_p99_ms)"
printf '%-34s %12s\n' "RSS after load (MB)" "$rss_after"
printf '%-34s %12s\n' "peak RSS (MB)" "$rss_peak"

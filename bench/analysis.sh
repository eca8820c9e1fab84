#!/usr/bin/env bash
# The cached analysis read, against /healthz in the same run. Publishes the app (Release), starts it on a free
# loopback port with an empty data directory, registers and signs in a person (the address is confirmed directly
# in the throw-away SQLite database, as bench/load.sh does), uploads a 24-hour RR file through the API and times
# upload to first 200 of its analysis (the first after start, then ANALYSIS_UPLOADS=3 more), then prints the analysis sizes per coding and, closed loop, requests/s and
# p99 for /healthz and for the analysis sent as Brotli, gzip, uncompressed and as 304 to a matching If-None-Match.
#
# Usage: bench/analysis.sh [RR_FILE]   (default ../shared/reference-data/rr/ltdb_14149_24h.rr.csv)
# Environment: LOAD_CONNECTIONS=50, LOAD_DURATION=10 (seconds per measurement), LOAD_WARMUP=3
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# ../shared beside the repository (or beside a worktree's parent folder)
default_rr=$root/../shared/reference-data/rr/ltdb_14149_24h.rr.csv
[[ -f $default_rr ]] || default_rr=$root/../../shared/reference-data/rr/ltdb_14149_24h.rr.csv
rr_file=${1:-$default_rr}
connections=${LOAD_CONNECTIONS:-50}
duration=${LOAD_DURATION:-10}
warmup=${LOAD_WARMUP:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in curl sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench/analysis.sh needs $tool (apt-get install $tool)" >&2; exit 1; }
done
[[ -f $rr_file ]] || { echo "no RR file at $rr_file" >&2; exit 1; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# shellcheck source=bench/lib/app.sh
source "$root/bench/lib/app.sh"
# The first upload after the node started, then more of the same file (each a new recording, analysed afresh) on a node
# that has served one: client-side upload to first 200, and the server's share from its log (file received → visible).
visible_ms_of() { sed -n "s/.*recording $1 could be seen \([0-9.]*\) ms.*/\1/p" "$work/app.log" | head -n 1; }
upload_rr "$rr_file"
first_upload_s=$upload_s first_visible_ms=$visible_ms first_id=$id
sleep 0.5
first_server_ms=$(visible_ms_of "$first_id")
later=()
for _ in $(seq "${ANALYSIS_UPLOADS:-3}"); do
  sleep 1.5 # past the memory collection the previous analysis schedules a second after it ends
  upload_rr "$rr_file" >/dev/null
  sleep 0.5
  later+=("$upload_s s / $visible_ms ms / $(visible_ms_of "$id") ms")
done
id=$first_id upload_s=$first_upload_s visible_ms=$first_visible_ms
url="$base/api/v1/recordings/$id/analysis"
cookie=$(sign_in)

size() { curl -s -o /dev/null -w '%{size_download}' -H "Cookie: $cookie" ${1:+-H "Accept-Encoding: $1"} "$url"; }
identity_bytes=$(size "")
gzip_bytes=$(size "gzip")
br_bytes=$(size "gzip, deflate, br")
etag=$(curl -s -D - -o /dev/null -H "Cookie: $cookie" -H 'Accept-Encoding: gzip, deflate, br' "$url" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }')
not_modified=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'Accept-Encoding: gzip, deflate, br' -H "If-None-Match: $etag" "$url")
[[ $not_modified == 304 ]] || { echo "If-None-Match $etag gave $not_modified, not 304" >&2; exit 1; }
server_log=$(grep -o 'reading the file.*' "$work/app.log" | head -n 1 || true)

run() { dotnet "$loadgen" closed --connections "$connections" --duration "$duration" --warmup "$warmup" "$@" | grep '^RESULT ' || true; }
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

load_start=$(load_avg)
echo "Closed loop, $connections connections, ${duration}s each after ${warmup}s of warm-up..."
health=$(run --url "$base/healthz")
cookie=$(sign_in)
brotli=$(run --url "$url" --cookie "$cookie" --accept-encoding "gzip, deflate, br")
cookie=$(sign_in)
gzip=$(run --url "$url" --cookie "$cookie" --accept-encoding "gzip, deflate")
cookie=$(sign_in)
identity=$(run --url "$url" --cookie "$cookie")
cookie=$(sign_in)
cached=$(run --url "$url" --cookie "$cookie" --accept-encoding "gzip, deflate, br" --if-none-match "$etag")
load_end=$(load_avg)

row() {
  local rps
  rps=$(field "$2" rps)
  printf '%-34s %10s %10s %10s %8s\n' "$1" "$rps" "$(field "$2" p99_ms)" "$(field "$2" failed)" \
    "$(awk -v a="$rps" -v b="$(field "$health" rps)" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * a / b; else print "n/a" }')"
}
printf '\nAnalysis read (%s cores), %s\n' "$(nproc)" "$(basename "$rr_file")"
printf '%-34s %10s\n' "first upload: request (s)" "$upload_s"
printf '%-34s %10s\n' "  upload to first 200 (ms)" "$visible_ms"
printf '%-34s %10s\n' "  server: file → visible (ms)" "${first_server_ms:-n/a}"
for row in "${later[@]}"; do
  printf '%-34s %s\n' "later upload: request / to first 200 / server" "$row"
done
printf '%-34s %10s\n' "analysis JSON (bytes)" "$identity_bytes"
printf '%-34s %10s\n' "  gzip (bytes)" "$gzip_bytes"
printf '%-34s %10s\n' "  Brotli (bytes)" "$br_bytes"
printf '%-34s %s\n' "server log" "${server_log:-n/a}"
printf '\n%-34s %10s %10s %10s %8s\n' "closed loop, $connections connections" "req/s" "p99 ms" "failed" "vs /healthz"
row "/healthz" "$health"
row "analysis, Brotli" "$brotli"
row "analysis, gzip" "$gzip"
row "analysis, uncompressed" "$identity"
row "analysis, 304 (If-None-Match)" "$cached"
printf 'load average (1/5/15 min): start %s, end %s\n' "$load_start" "$load_end"

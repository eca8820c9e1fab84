# Shared by bench/analysis.sh and bench/lighthouse.sh (sourced, not run): publishes the app (Release), starts it on a
# free loopback port with an empty data directory, registers a person (confirming the address directly in the
# throw-away SQLite database, as bench/load.sh does) and defines sign_in and upload_rr, through scripts/lib/app.sh.
# Sets work, base, loadgen (and app_pid[app]); the caller's EXIT trap is replaced by one that stops the app and deletes $work.
# shellcheck source=scripts/lib/postgres.sh
source "$root/scripts/lib/postgres.sh"
# shellcheck source=scripts/lib/app.sh
source "$root/scripts/lib/app.sh"
work=$(mktemp -d /tmp/attune-bench.XXXXXX)
cleanup() {
  app_stop_all
  # BENCH_APP_LOG=path keeps the app's log (its analysis and upload timings) after the run.
  if [[ -n ${BENCH_APP_LOG:-} && -f $work/app.log ]]; then cp "$work/app.log" "$BENCH_APP_LOG"; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "Publishing the app and building the load generator (Release)..."
# The build a self-hoster runs (scripts/release.sh): ReadyToRun for this machine's runtime, framework-dependent here.
# BENCH_PORTABLE=1 publishes the portable build instead (everything compiled on first use).
if [[ -n ${BENCH_PORTABLE:-} ]]; then app_publish "$work/app"; else app_publish "$work/app" -r linux-x64 --self-contained false; fi
dotnet build bench/Attune.Load/Attune.Load.csproj -c Release -nologo -v:quiet -clp:ErrorsOnly >/dev/null
loadgen="$root/bench/Attune.Load/bin/Release/net10.0/Attune.Load.dll"

base="http://127.0.0.1:$(free_port)"
mkdir -p "$work/data"
app_start app "$base" "$work/app.log" Attune__DataDirectory="$work/data"

email="analysis-$(date +%s)-$RANDOM@example.org"
password="a calm river at dawn for load"
status=$(curl -s -o "$work/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data "{\"email\":\"$email\",\"password\":\"$password\",\"displayName\":\"Load\",\"timeZone\":\"UTC\"}" "$base/api/v1/auth/register")
[[ $status == 202 ]] || { cat "$work/register.json" >&2; echo "register gave $status" >&2; exit 1; }
normalized=$(tr '[:lower:]' '[:upper:]' <<<"$email")
sqlite3 "$work/data/attune.db" "PRAGMA busy_timeout=5000; UPDATE AspNetUsers SET EmailConfirmed = 1 WHERE NormalizedEmail = '$normalized';" >/dev/null

jar="$work/cookies.txt"
# Signs in afresh (so the cookie is never older than Identity's one-minute security-stamp check) and prints the Cookie header.
sign_in() {
  rm -f "$jar"
  local status
  status=$(curl -s -o "$work/login.json" -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$base/api/v1/auth/login")
  [[ $status == 200 ]] || { cat "$work/login.json" >&2; echo "sign-in gave $status" >&2; return 1; }
  sed 's/^#HttpOnly_//' "$jar" | awk -F '\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}

# Uploads an RR file through the API; sets id, upload_s and visible_ms (upload sent to the first 200 of its analysis).
upload_rr() {
  local file=$1 cookie upload upload_status t0
  cookie=$(sign_in)
  echo "Uploading $(basename "$file") ($(($(stat -c %s "$file") / 1024)) KB)..."
  t0=$(date +%s%N)
  upload=$(curl -s -w '\n%{http_code} %{time_total}' -H "Cookie: $cookie" -H 'Content-Type: text/csv' -H 'X-Recording-Name: Bench' \
    --data-binary @"$file" "$base/api/v1/recordings?kind=rr")
  upload_status=$(tail -n 1 <<<"$upload" | cut -d' ' -f1)
  upload_s=$(tail -n 1 <<<"$upload" | cut -d' ' -f2)
  [[ $upload_status == 201 ]] || { echo "$upload" >&2; echo "upload gave $upload_status" >&2; exit 1; }
  id=$(head -n 1 <<<"$upload" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  url="$base/api/v1/recordings/$id/analysis"
  while [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url") != 200 ]]; do sleep 0.02; done
  visible_ms=$((($(date +%s%N) - t0) / 1000000))
}

#!/usr/bin/env bash
# Lighthouse (mobile: its default Moto G-class profile, simulated slow 4G and 4x CPU slowdown) on the published app,
# driving Debian's chromium: the sign-in page and the crisis page signed out, home and the analysis page of a 24-hour
# recording signed in. Prints the performance score, first contentful paint, largest contentful paint, total blocking
# time, the HTML's transfer size, the number of DOM nodes, the main-thread time (all tasks, as Lighthouse measures it
# under its 4x CPU slowdown) and the text-compression and cache-lifetime audits per page. Lighthouse itself is installed into
# bench/lighthouse/node_modules from its lock file (npm ci); it is not part of the app or its build.
#
# Usage: bench/lighthouse.sh [RR_FILE]   (default ../shared/reference-data/rr/ltdb_14149_24h.rr.csv)
# Environment: LIGHTHOUSE_REPORTS=DIR keeps each page's full JSON report there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# ../shared beside the repository (or beside a worktree's parent folder)
default_rr=$root/../shared/reference-data/rr/ltdb_14149_24h.rr.csv
[[ -f $default_rr ]] || default_rr=$root/../../shared/reference-data/rr/ltdb_14149_24h.rr.csv
rr_file=${1:-$default_rr}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in curl sqlite3 node npm; do
  command -v "$tool" >/dev/null || { echo "bench/lighthouse.sh needs $tool" >&2; exit 1; }
done
chrome=${CHROME_PATH:-/usr/bin/chromium}
[[ -x $chrome ]] || { echo "no chromium at $chrome (apt-get install chromium, or set CHROME_PATH)" >&2; exit 1; }
[[ -f $rr_file ]] || { echo "no RR file at $rr_file" >&2; exit 1; }
if [[ ! -x bench/lighthouse/node_modules/.bin/lighthouse ]]; then
  (cd bench/lighthouse && npm ci --no-audit --no-fund)
fi

# shellcheck source=bench/lib/app.sh
source "$root/bench/lib/app.sh"
upload_rr "$rr_file"

audit() {
  local name=$1 path=$2 cookie=$3 headers='{}'
  if [[ -n $cookie ]]; then headers=$(printf '{"Cookie":"%s"}' "$cookie"); fi
  CHROME_PATH=$chrome bench/lighthouse/node_modules/.bin/lighthouse "$base$path" --quiet --output=json --output-path="$work/$name.json" \
    --only-categories=performance --extra-headers="$headers" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" >/dev/null 2>"$work/$name.err" \
    || { tail -n 20 "$work/$name.err" >&2; echo "lighthouse failed on $path" >&2; return 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const a = r.audits, doc = (a["network-requests"].details.items || []).find(i => i.resourceType === "Document") || {};
    const ok = id => a[id] ? (a[id].score === null ? "n/a" : a[id].score >= 0.9 ? "pass" : "FLAGGED") : "n/a";
    console.log([process.argv[2].padEnd(28), String(Math.round(r.categories.performance.score * 100)).padStart(5),
      (a["first-contentful-paint"].numericValue / 1000).toFixed(2).padStart(7), (a["largest-contentful-paint"].numericValue / 1000).toFixed(2).padStart(7),
      String(Math.round(a["total-blocking-time"].numericValue)).padStart(6), a["cumulative-layout-shift"].numericValue.toFixed(3).padStart(6),
      String(Math.round((doc.transferSize || 0) / 1024)).padStart(8), String(Math.round((doc.resourceSize || 0) / 1024)).padStart(8),
      String(Math.round(a["dom-size"] ? a["dom-size"].numericValue : 0)).padStart(6),
      (a["mainthread-work-breakdown"] ? a["mainthread-work-breakdown"].numericValue / 1000 : 0).toFixed(2).padStart(7),
      ok("uses-text-compression").padStart(12), ok("uses-long-cache-ttl").padStart(10)].join(" "));
  ' "$work/$name.json" "$name"
  if [[ -n ${LIGHTHOUSE_REPORTS:-} ]]; then mkdir -p "$LIGHTHOUSE_REPORTS" && cp "$work/$name.json" "$LIGHTHOUSE_REPORTS/"; fi
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
printf '\n%-28s %5s %7s %7s %6s %6s %8s %8s %6s %7s %12s %10s\n' "page (Lighthouse mobile)" "score" "FCP s" "LCP s" "TBT ms" "CLS" "HTML KB" "unzip KB" "DOM" "main s" "compression" "cache TTL"
audit "sign-in (signed out)" "/account/login" ""
audit "crisis (signed out)" "/help/crisis" ""
audit "home (signed in)" "/" "$(sign_in)"
audit "24-hour analysis (signed in)" "/insights/recordings/$id" "$(sign_in)"
printf 'load average (1/5/15 min): start %s, end %s\n' "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)"

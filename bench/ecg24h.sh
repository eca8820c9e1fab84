#!/usr/bin/env bash
# Whole-process time and peak memory of `attune ecg` on 24 hours of ECG at 250 Hz (21.6 million samples,
# about 208 MB of CSV). The file is generated here (never committed) and removed afterwards.
# Usage: bench/ecg24h.sh [runs]   (ECG24H_FILE=... keeps or reuses a generated file)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
file="${ECG24H_FILE:-$(mktemp --suffix=.ecg.csv)}"
keep="${ECG24H_FILE:+yes}"
dotnet build src/Attune.Cli -c Release -v q -nologo >/dev/null
if [[ ! -s "$file" ]]; then
  dotnet run -c Release --project bench/Attune.Bench -- ecg-file "$file" 24 250
fi
attune=src/Attune.Cli/bin/Release/net10.0/attune
echo "file: $file ($(stat -c %s "$file") bytes); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak RSS %M KB" "$attune" ecg "$file" --rate 250 -f json > /dev/null
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
[[ -n "$keep" ]] || rm -f "$file"

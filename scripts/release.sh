#!/usr/bin/env bash
# Builds a self-contained release tarball of the web app: the .NET runtime included, so the server needs neither
# the .NET SDK nor Node (the browser bundle is built here, by `dotnet publish`, and shipped in wwwroot).
#
#   scripts/release.sh [RID]        RID: linux-x64 (default) or linux-arm64
#
# Writes dist/attune-<version>-<rid>.tar.gz (one folder, attune/, with the executable attune/Attune.Web) and prints
# its path on the last line. The version is `git describe` (or "dev" outside a clone).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
rid=${1:-linux-x64}
case $rid in linux-x64 | linux-arm64) ;; *) echo "scripts/release.sh: RID must be linux-x64 or linux-arm64, not $rid" >&2; exit 2 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
stage=$(mktemp -d /tmp/attune-release.XXXXXX)
trap 'rm -rf "$stage"' EXIT

echo "Publishing Attune $version for $rid (self-contained, ReadyToRun)..." >&2
dotnet publish src/Attune.Web/Attune.Web.csproj -c Release -r "$rid" --self-contained true \
  -p:PublishReadyToRun=true -o "$stage/attune" -nologo -v:quiet -clp:ErrorsOnly >&2
# Development settings and debug symbols stay behind; the version is written beside the app.
rm -f "$stage"/attune/appsettings.Development.json "$stage"/attune/*.pdb
echo "$version" >"$stage/attune/VERSION"

mkdir -p dist
out="$root/dist/attune-$version-$rid.tar.gz"
# Owned by root and not writable by others once unpacked as root into /opt.
tar --owner=0 --group=0 --mode='u+rwX,go+rX,go-w' -czf "$out" -C "$stage" attune
echo "$(du -h "$out" | cut -f1) $out" >&2
echo "$out"

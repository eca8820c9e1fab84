#!/usr/bin/env bash
# Runs every test. Placeholder until the full script lands.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Attune.slnx

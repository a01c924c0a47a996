#!/usr/bin/env bash
# The README's main command: installs what is missing, builds what is stale, runs the main sample.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
build/setup.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build samples/Quickstart -c Release -v quiet -nologo >/dev/null
dotnet samples/Quickstart/bin/Release/net10.0/Quickstart.dll "$@"

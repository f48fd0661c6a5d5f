#!/usr/bin/env bash
# Publishes AdPolicy.Web the way it runs in production (Docker, several instances, scripts/run.sh): Release,
# framework-dependent, ReadyToRun-compiled for this machine's runtime, so start-up runs precompiled code instead of
# JIT-compiling the app and its libraries (issue 17; docs/benchmarks.md, "Start-up to ready").
# Usage: scripts/publish.sh [output folder, default .local/publish]; then: dotnet <folder>/AdPolicy.Web.dll
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.local/publish}"
dotnet publish src/AdPolicy.Web -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true \
  -o "$out" --nologo -v q -clp:ErrorsOnly

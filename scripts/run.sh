#!/usr/bin/env bash
# Runs AdPolicy on http://localhost:5080 with its own local PostgreSQL cluster (in .local/, reused between runs)
# and the demo data. Set ConnectionStrings__AdPolicy to use your own PostgreSQL instead.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${ConnectionStrings__AdPolicy:-}" ]; then
  scripts/prerequisites.sh postgres
fi
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:5080}"
echo "AdPolicy will listen on ${ASPNETCORE_URLS} (demo logins are printed below once the database is ready)."
exec dotnet run --project src/AdPolicy.Web --no-launch-profile

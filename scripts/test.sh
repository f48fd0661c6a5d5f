#!/usr/bin/env bash
# Runs every test: domain unit tests, integration tests through HTTP against a real PostgreSQL
# (a throwaway cluster, or ADPOLICY_TEST_POSTGRES), and browser journeys in Debian's Chromium.
# Installs PostgreSQL and Chromium first if this machine has neither, and the npm test servers (an SMTP server and an
# S3-compatible server the tests start) from tests/servers/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh postgres chromium servers

dotnet build AdPolicy.sln --nologo -v q -clp:ErrorsOnly
log=$(mktemp)
set +e
dotnet test AdPolicy.sln --no-build --nologo -v q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# A logger may print no "Failed:" line at all when nothing failed: no match is a zero, not an error.
passed=$( (grep -oE 'Passed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
failed=$( (grep -oE 'Failed: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
skipped=$( (grep -oE 'Skipped: +[0-9]+' "$log" || true) | awk '{s+=$2} END {print s+0}')
# Each test assembly ends with one summary line ("… Total: N, Duration: … - X.Tests.dll"). An assembly whose test host
# died prints none, and its tests would silently not count: with no filter, every test project must report.
summaries=$(grep -cE 'Total: +[0-9]+.*\.dll' "$log" || true)
projects=$(ls tests/*/*.Tests.csproj | wc -l)
rm -f "$log"
echo
cat TestResults/test-postgres.txt 2>/dev/null || true
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$#" -eq 0 ] && [ "$summaries" -lt "$projects" ]; then
  echo "Only ${summaries} of ${projects} test assemblies reported a result: a test host ended early." >&2
  exit 1
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"

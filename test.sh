#!/usr/bin/env bash
# Run every ActorPar test: actor specs, single-node cluster specs, and specs that start real
# node processes. Restores and builds whatever is missing. Extra arguments go to dotnet test
# (e.g. ./test.sh --filter QueueDemoSpec). Prints "N passed, N failed" last.
set -uo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
cd "$parent_path"

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is not installed" >&2; exit 1; }

# Build servers (MSBuild's reused nodes, the compiler server) outlive the build that started
# them and keep its output open: a run that must end when its tests do goes without them.
export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false DOTNET_CLI_USE_MSBUILD_SERVER=0

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# A test that hangs is ended after 10 minutes, and named (the longest takes about 2).
dotnet test ActorPar.sln -c Release --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m --blame-hang-dump-type none "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$((passed + $(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')))
  failed=$((failed + $(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')))
done

# A spec that starts node processes must leave none behind. Only this checkout's count:
# another checkout on the same machine may be running its own cluster.
if leftovers=$(pgrep -af "$parent_path/.*ActorPar\.Node"); then
  echo "test.sh: node processes left behind:" >&2
  echo "$leftovers" >&2
  kill -KILL $(echo "$leftovers" | cut -d' ' -f1) 2>/dev/null
  status=1
fi
[ $status -ne 0 ] && [ $failed -eq 0 ] && [ $passed -eq 0 ] && failed=1
aborted=""
[ $status -ne 0 ] && [ $failed -eq 0 ] && aborted=", and the run did not finish (see above)"
echo "$passed passed, $failed failed$aborted"
exit $status

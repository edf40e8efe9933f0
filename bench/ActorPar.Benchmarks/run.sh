#!/usr/bin/env bash
# ActorPar's microbenchmarks (BenchmarkDotNet, in process): the serializer, the coordinator's
# bookkeeping, and a coordinator with in-process workers.
#
#   bench/ActorPar.Benchmarks/run.sh [--quick] [--artifacts DIR] [BenchmarkDotNet options...]
#
# --quick runs fewer iterations; --artifacts sets where BenchmarkDotNet writes its reports
# (default bench/results/micro). Other options go to BenchmarkDotNet (e.g. --filter '*Serializer*').
set -uo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")"; pwd -P)
artifacts="$(dirname "$parent_path")/results/micro"
job=(--job short)
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) job=(--job short --warmupCount 1 --iterationCount 3); shift ;;
    --artifacts) [ $# -ge 2 ] || { echo "run.sh: --artifacts needs a folder" >&2; exit 2; }; artifacts=$2; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done
dotnet build "$parent_path/ActorPar.Benchmarks.csproj" -c Release -nologo -v q >/dev/null || { echo "run.sh: the build failed" >&2; exit 1; }
rm -rf "$artifacts"
cd "$parent_path/bin/Release/net10.0" || exit 1
dotnet ActorPar.Benchmarks.dll --filter '*' --inProcess "${job[@]}" --artifacts "$artifacts" "${extra[@]}"

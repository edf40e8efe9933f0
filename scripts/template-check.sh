#!/usr/bin/env bash
# What a new user does with the actorpar-worker template, on a fresh clone, in a temporary
# folder: pack ActorPar into a folder of packages (the only extra package source), install the
# template and the actorpar tool into a temporary DOTNET_CLI_HOME, create a worker and its
# tests, build them, run the tests, and run the worker once on a real cluster (a coordinator
# and a worker node started with the installed tool). Prints "template check: ok" last.
# Extra arguments go to dotnet pack (--no-build after a Release build of ActorPar.sln).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
command -v dotnet >/dev/null || { echo "template-check.sh: the .NET SDK (dotnet) is not installed" >&2; exit 1; }

global_packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
step() { echo "template check: $*"; }

export DOTNET_CLI_HOME="$work/home" DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No build servers: they would outlive this script, holding its output open.
export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=false DOTNET_CLI_USE_MSBUILD_SERVER=0
# Packages restored here, not in the machine's cache: ActorPar 1.0.0 packed now must not be
# confused with another build of it. Everything else is found in the machine's cache.
export NUGET_PACKAGES="$work/packages"
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="actorpar" value="$work/artifacts" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="machine" value="$global_packages" />
  </fallbackPackageFolders>
</configuration>
CONFIG

step "pack"
"$root/scripts/pack.sh" "$work/artifacts" "$@" >/dev/null
step "install the template and the tool"
dotnet new install "$root/templates/actorpar-worker" >/dev/null
cd "$work"
dotnet tool install --tool-path "$work/tools" --add-source "$work/artifacts" ActorPar.Tool >/dev/null

step "create, build and test WordCount"
dotnet new actorpar-worker -n WordCount -o WordCount >/dev/null
cd WordCount
dotnet build WordCount.Tests -c Release --nologo -v quiet
dotnet test WordCount.Tests -c Release --no-build --nologo -v quiet

step "run WordCount on a cluster with the installed tool"
dll=WordCount/bin/Release/net10.0/WordCount.dll
node=("$work/tools/actorpar")
"${node[@]}" coordinator custom --port 0 --address-file "$work/seed" --nodes 1 --config WordCount/WordCount.conf \
  --worker-assembly "$dll" --input WordCount/input.jsonl --output "$work/results.jsonl" > "$work/coordinator.log" 2>&1 &
pids+=($!)
coordinator=$!
for _ in $(seq 1 300); do [ -s "$work/seed" ] && break; sleep 0.1; done
[ -s "$work/seed" ] || { cat "$work/coordinator.log" >&2; echo "template check: the coordinator published no address" >&2; exit 1; }
"${node[@]}" worker --seed "$(sed 's|.*@||' "$work/seed")" --config WordCount/WordCount.conf --worker-assembly "$dll" > "$work/worker.log" 2>&1 &
pids+=($!)
worker=$!
status=0
timeout 120 tail --pid="$coordinator" -f /dev/null || true
wait "$coordinator" || status=$?
wait "$worker" || true
if [ $status -ne 0 ]; then cat "$work/coordinator.log" "$work/worker.log" >&2; echo "template check: the coordinator exited $status" >&2; exit 1; fi
cat "$work/results.jsonl"
step "ok"

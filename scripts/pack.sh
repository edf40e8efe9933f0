#!/usr/bin/env bash
# Packs ActorPar's NuGet packages into artifacts/ (or the folder given; further arguments go to
# dotnet pack, e.g. --no-build after a Release build): the libraries ActorPar
# and ActorPar.TestKit, and the node program as the dotnet tool ActorPar.Tool. Then:
#   dotnet tool install --tool-path tools --add-source artifacts ActorPar.Tool   # tools/actorpar
#   dotnet add package ActorPar.TestKit --source artifacts
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
out=${1:-$root/artifacts}
[ $# -gt 0 ] && shift
command -v dotnet >/dev/null || { echo "pack.sh: the .NET SDK (dotnet) is not installed" >&2; exit 1; }
dotnet pack "$root/ActorPar.sln" -c Release -o "$out" --nologo -v quiet "$@"
ls "$out"/*.nupkg

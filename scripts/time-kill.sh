#!/usr/bin/env bash
# Times how the cluster reacts to a worker node killed mid-job: runs the queue demo on
# run-cluster.sh, SIGKILLs worker-1 once the first result is in, and prints the time from
# the kill to the coordinator's "unreachable" (its tasks taken back), "downed" and
# "removed" lines, read off the coordinator log's millisecond timestamps.
#
#   scripts/time-kill.sh [--runs N] [queue options, e.g. --time-scale 0.2]
set -uo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(dirname "$parent_path")

runs=1
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "time-kill.sh: --runs must be a whole number above 0, not '$runs'" >&2; exit 2; }
"$repo/run-cluster.sh" --build-only || exit 1

# Milliseconds since midnight (UTC) of the first coordinator line that matches $2.
line_ms() {
  grep -m1 -E "$2" "$1" | grep -oE '[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}' | head -1 |
    awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'
}

status=0
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d "${TMPDIR:-/tmp}/actorpar-time-kill.XXXX")
  "$repo/run-cluster.sh" queue --run-dir "$dir" "${args[@]}" >"$dir/run.log" 2>&1 &
  cluster=$!
  for _ in $(seq 1 600); do
    grep -q "progress: [1-9]" "$dir/run.log" 2>/dev/null && [ -f "$dir/worker-1.pid" ] && break
    sleep 0.05
  done
  killed_at=$(date -u +%s%3N)
  kill -KILL "$(cat "$dir/worker-1.pid")"
  wait "$cluster"; code=$?
  midnight=$(( $(date -u -d "$(date -u +%F)" +%s) * 1000 ))
  kill_ms=$(( killed_at - midnight ))
  log="$dir/coordinator.log"
  [ -f "$log" ] || log="$dir/run.log"
  report=""
  for event in unreachable downed removed; do
    at=$(line_ms "$log" "worker node .* $event")
    report+=" $event $([ -n "$at" ] && echo "$((at - kill_ms)) ms" || echo "not seen")"
  done
  done_line=$(grep -m1 -oE "[0-9]+ of [0-9]+ tasks completed[^;]*" "$dir/run.log")
  echo "run $run: kill ->$report; $done_line; exit code $code"
  [ "$code" -eq 0 ] || status=1
  rm -rf "$dir"
done
exit $status

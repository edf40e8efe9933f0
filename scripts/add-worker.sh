#!/usr/bin/env bash
# Add worker nodes to a running ActorPar cluster, for example in the middle of a job.
#
#   scripts/add-worker.sh (--run-dir DIR | --seed HOST:PORT) [--count N] [worker options]
#
#   --run-dir DIR   a run folder of run-cluster.sh: join the coordinator named in
#                   DIR/coordinator.address, and keep the node's log and pid file there
#   --seed H:P      join the coordinator at HOST:PORT; logs go to a fresh folder under runs/
#   --count N       how many nodes to add (default 1)
#   --no-wait       return once the nodes are started, without waiting for them to join
#   -h, --help      this text
# Everything else goes to the node program's worker command (--host, --config, --set,
# --worker-assembly, --join-timeout).
#
# Each node runs in the background, gets workers from the coordinator's router when it has
# room for more (actorpar.coordinator.workers above what the nodes already host), and leaves
# when the job ends. The script returns once every node has joined: it prints one line per
# node (name, pid, address, log) and exits 0, or prints the node's error and exits 2.
# A node that cannot join gives up by itself after its join timeout (--join-timeout).
set -uo pipefail

parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$parent_path/.." && pwd -P)
configuration=${ACTORPAR_BUILD_CONFIGURATION:-Release}
node_dll=${ACTORPAR_NODE_DLL:-"$repo/src/ActorPar.Node/bin/$configuration/net10.0/ActorPar.Node.dll"}

run_dir=""
seed=""
count=1
wait_joined=1
node_args=()

usage() { sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "add-worker.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --run-dir) [ $# -ge 2 ] || fail "--run-dir needs a folder"; run_dir=$2; shift 2 ;;
    --run-dir=*) run_dir=${1#*=}; shift ;;
    --seed) [ $# -ge 2 ] || fail "--seed needs HOST:PORT"; seed=$2; shift 2 ;;
    --seed=*) seed=${1#*=}; shift ;;
    --count) [ $# -ge 2 ] || fail "--count needs a number"; count=$2; shift 2 ;;
    --count=*) count=${1#*=}; shift ;;
    --no-wait) wait_joined=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) node_args+=("$1"); shift ;;
  esac
done
[[ "$count" =~ ^[0-9]+$ ]] && [ "$count" -ge 1 ] && [ "$count" -le 64 ] || fail "--count must be a whole number from 1 to 64, not '$count'"
[ -n "$run_dir" ] || [ -n "$seed" ] || fail "give --run-dir DIR (a run folder of run-cluster.sh) or --seed HOST:PORT"

if [ ! -f "$node_dll" ]; then
  "$repo/run-cluster.sh" --build-only || fail "the build failed"
fi

seed_args=()
if [ -n "$run_dir" ]; then
  [ -d "$run_dir" ] || fail "no run folder $run_dir"
  run_dir=$(cd "$run_dir"; pwd -P)
  if [ -n "$seed" ]; then
    seed_args=(--seed "$seed")
  else
    [ -s "$run_dir/coordinator.address" ] || fail "$run_dir/coordinator.address is missing or empty: is the coordinator running?"
    seed_args=(--seed-file "$run_dir/coordinator.address")
  fi
else
  seed_args=(--seed "$seed")
  mkdir -p "$repo/runs"
  run_dir=$(mktemp -d "$repo/runs/$(date +%Y%m%d-%H%M%S)-added-XXXX")
fi

# The next free name: worker-N after the highest N with a pid file in the run folder.
next_number() {
  local highest=0 file number
  for file in "$run_dir"/worker-*.pid; do
    [ -e "$file" ] || continue
    number=${file##*/worker-}; number=${number%.pid}
    [[ "$number" =~ ^[0-9]+$ ]] && [ "$number" -gt "$highest" ] && highest=$number
  done
  echo $((highest + 1))
}

status=0
for _ in $(seq 1 "$count"); do
  name="worker-$(next_number)"
  log="$run_dir/$name.log"
  # setsid: the node gets its own session, so the terminal's signals go to the cluster's own
  # processes only; it leaves when the coordinator asks, or on SIGTERM to its pid.
  setsid dotnet "$node_dll" worker "${seed_args[@]}" --address-file "$run_dir/$name.address" "${node_args[@]}" >"$log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$run_dir/$name.pid"
  if [ $wait_joined -eq 0 ]; then
    echo "$name (pid $pid) started; log: $log"
    continue
  fi

  # Wait for the node to say it joined, or to exit with its one-line error (it gives up by itself after its join timeout).
  joined=""
  while kill -0 "$pid" 2>/dev/null; do
    joined=$(grep -m1 "worker node .* joined " "$log")
    [ -n "$joined" ] && break
    sleep 0.05
  done
  if [ -z "$joined" ]; then
    wait "$pid"; code=$?
    # The node's own error: line says why; its log may hold other lines after it.
    echo "add-worker.sh: $name (pid $pid) exited with $code: $(grep -m1 "^error: " "$log" || tail -n 1 "$log")" >&2
    status=2
    continue
  fi
  echo "$name (pid $pid) joined as $(cat "$run_dir/$name.address" 2>/dev/null); log: $log"
done
exit $status

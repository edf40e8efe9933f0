#!/usr/bin/env bash
# Start a real ActorPar cluster on this machine and run one workload on it:
# one coordinator (the seed) and --nodes worker nodes, each its own OS process on 127.0.0.1.
#
#   ./run-cluster.sh [WORKLOAD] [--nodes N] [--run-dir DIR] [options for the coordinator]
#
# Script options:
#   --nodes N            worker nodes to start (default 2); the coordinator waits for all of them
#   --run-dir DIR        keep each node's log and <node>.pid here (default: a fresh folder, printed);
#                        scripts/add-worker.sh --run-dir DIR adds worker nodes to the running job
#   --build-only         build if needed, then exit
#   -h, --help           this text, then the coordinator's options
# Passed to every node: --host, --config, --config-dir, --set, --worker-assembly, --worker-type, --tls.
# Everything else goes to the coordinator (see: ./run-cluster.sh --help).
#
# Exit code: the coordinator's (0 done, 1 a task failed, 2 bad usage, 130/143 interrupted).
# Ctrl-C or SIGTERM stops the whole cluster in order; no node process is left behind.
# Through a pipe, each node's stdout comes out on stdout and its stderr (error: lines,
# warnings) on stderr, every line prefixed with the node's name; <run-dir>/<node>.log has both.
# ACTORPAR_NODE_DLL=PATH runs that build of the node program and builds nothing.
set -uo pipefail
set -m # each node in its own process group, with SIGINT not ignored, so Ctrl-C reaches only us

parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
configuration=${ACTORPAR_BUILD_CONFIGURATION:-Release}
build_dir="$parent_path/src/ActorPar.Node/bin/$configuration/net10.0"
# The nodes run a ReadyToRun copy of the node program: Akka.NET and our code compiled ahead
# of time, so a node spends far less CPU on JIT while it starts (bench/README.md has the
# figures). ACTORPAR_READY_TO_RUN=0 runs the plain build instead.
if [ "${ACTORPAR_READY_TO_RUN:-1}" = 0 ]; then node_dll="$build_dir/ActorPar.Node.dll"; else node_dll="$build_dir/r2r/ActorPar.Node.dll"; fi
# The tests run the node program they were built with, and never build from a script.
[ -n "${ACTORPAR_NODE_DLL:-}" ] && node_dll=$ACTORPAR_NODE_DLL

nodes=2
run_dir=""
build_only=0
workload=()
node_args=()
coordinator_args=()

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "run-cluster.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) [ $# -ge 2 ] || fail "--nodes needs a number"; nodes=$2; shift 2 ;;
    --nodes=*) nodes=${1#*=}; shift ;;
    --run-dir) [ $# -ge 2 ] || fail "--run-dir needs a folder"; run_dir=$2; shift 2 ;;
    --run-dir=*) run_dir=${1#*=}; shift ;;
    --build-only) build_only=1; shift ;;
    --tls) node_args+=("$1"); shift ;;
    --host|--config|--config-dir|--set|--worker-assembly|--worker-type)
      [ $# -ge 2 ] || fail "$1 needs a value"; node_args+=("$1" "$2"); shift 2 ;;
    -h|--help) usage; echo; echo "Coordinator options:"; want_help=1; shift ;;
    -*) coordinator_args+=("$1"); shift ;;
    *)
      if [ ${#workload[@]} -eq 0 ] && [ ${#coordinator_args[@]} -eq 0 ]; then workload=("$1"); else coordinator_args+=("$1"); fi
      shift ;;
  esac
done
[[ "$nodes" =~ ^[0-9]+$ ]] && [ "$nodes" -ge 1 ] && [ "$nodes" -le 64 ] || fail "--nodes must be a whole number from 1 to 64, not '$nodes'"

# ---- build when the output is missing or older than the sources ---------------------
needs_build() {
  [ -n "${ACTORPAR_NODE_DLL:-}" ] && return 1
  [ -f "$node_dll" ] || return 0
  # bin/ and obj/ are outputs: every build rewrites obj/*.cs, which must not count as a change.
  [ -n "$(find "$parent_path/src" "$parent_path/examples" "$parent_path/hocon" "$parent_path/Directory.Build.props" "$parent_path/Directory.Packages.props" \
      \( -name bin -o -name obj \) -prune -o \
      -newer "$node_dll" \( -name '*.cs' -o -name '*.csproj' -o -name '*.conf' -o -name '*.props' \) -print -quit 2>/dev/null)" ]
}
if needs_build; then
  echo "building ActorPar ($configuration)..." >&2
  if ! build_log=$(dotnet build "$parent_path/ActorPar.sln" -c "$configuration" -nologo -v q 2>&1); then
    echo "$build_log" >&2
    fail "the build failed"
  fi
  if [ "$node_dll" != "$build_dir/ActorPar.Node.dll" ]; then
    echo "compiling the node program ahead of time (ReadyToRun)..." >&2
    if ! build_log=$(dotnet publish "$parent_path/src/ActorPar.Node/ActorPar.Node.csproj" -c "$configuration" --use-current-runtime \
        --self-contained false -p:PublishReadyToRun=true -o "$build_dir/r2r" -nologo -v q 2>&1); then
      echo "$build_log" | tail -5 >&2
      echo "run-cluster.sh: the ReadyToRun compilation failed; running the plain build" >&2
      node_dll="$build_dir/ActorPar.Node.dll"
    fi
  fi
  touch "$node_dll"
fi
[ -f "$node_dll" ] || fail "no node program at $node_dll"
[ "$build_only" -eq 1 ] && exit 0
if [ "${want_help:-0}" -eq 1 ]; then dotnet "$node_dll" coordinator "${workload[@]}" --help; exit 0; fi

# ---- bad usage ends here, before any node starts: one line from the node program, exit 2 ----
dotnet "$node_dll" coordinator "${workload[@]}" --nodes "$nodes" "${node_args[@]}" "${coordinator_args[@]}" --check-only || exit $?

# ---- the run folder ------------------------------------------------------------------
if [ -z "$run_dir" ]; then
  mkdir -p "$parent_path/runs"
  run_dir=$(mktemp -d "$parent_path/runs/$(date +%Y%m%d-%H%M%S)-XXXX")
fi
mkdir -p "$run_dir" || fail "cannot create --run-dir $run_dir"
run_dir=$(cd "$run_dir" && pwd -P)
echo "run folder: $run_dir"
rm -f "$run_dir"/*.pid "$run_dir/coordinator.address"

pids=()
names=()

# start NAME LOG-ONLY ARGS...: runs one node in the background, its output prefixed with NAME
# (LOG-ONLY=1: to its log file only), and records its pid.
start() {
  local name=$1 quiet=$2; shift 2
  local log="$run_dir/$name.log"
  if [ "$quiet" -eq 1 ]; then
    dotnet "$node_dll" "$@" >"$log" 2>&1 &
  else
    # Its stdout to ours and its stderr (error: lines, warnings) to ours, each line prefixed;
    # the log gets both. The relays run in the node's process group, so Ctrl-C on the
    # terminal does not cut them off while the node is still stopping.
    : >"$log"
    dotnet "$node_dll" "$@" > >(tee -a "$log" | sed -u "s/^/[$name] /") 2> >(tee -a "$log" | sed -u "s/^/[$name] /" >&2) &
  fi
  local pid=$!
  echo "$pid" >"$run_dir/$name.pid"
  pids+=("$pid")
  names+=("$name")
}

alive() { kill -0 "$1" 2>/dev/null; }

# Our nodes, and those scripts/add-worker.sh added to this run folder (a pid file of a node
# program still running; a stale pid reused by another program is left alone).
all_pids() {
  local file pid
  echo "${pids[@]}"
  for file in "$run_dir"/*.pid; do
    [ -e "$file" ] || continue
    pid=$(cat "$file" 2>/dev/null)
    [[ "$pid" =~ ^[0-9]+$ ]] || continue
    [[ " ${pids[*]} " == *" $pid "* ]] && continue
    grep -qa "ActorPar.Node" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
  done
}

# Stop every node still running: SIGTERM, a bounded wait, then SIGKILL as a last resort.
stop_all() {
  local pid waited=0 every
  every=$(all_pids)
  for pid in $every; do alive "$pid" && kill -TERM "$pid" 2>/dev/null; done
  while [ $waited -lt 150 ]; do
    local any=0
    for pid in $every; do alive "$pid" && any=1; done
    [ $any -eq 0 ] && return 0
    sleep 0.1; waited=$((waited + 1))
  done
  for pid in $every; do
    if alive "$pid"; then echo "run-cluster.sh: node $pid did not stop in 15s; killing it" >&2; kill -KILL "$pid" 2>/dev/null; fi
  done
}

interrupted=""
on_signal() {
  interrupted=$1
  # The coordinator stops the job in order (broadcast Stop, workers leave); the rest is cleanup.
  if [ ${#pids[@]} -gt 0 ] && alive "${pids[0]}"; then kill "-$1" "${pids[0]}" 2>/dev/null; fi
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
# The relays of a node's output (tee, sed) are in its process group; once the node is gone
# they end at the end of its output. Waiting for them keeps a node's last lines (its error:
# line, say) from appearing after this script has exited.
drain_output() {
  local pid waited=0
  for pid in "${pids[@]}"; do
    while kill -0 -- "-$pid" 2>/dev/null && [ $waited -lt 50 ]; do sleep 0.1; waited=$((waited + 1)); done
  done
}
trap 'stop_all; drain_output' EXIT

# ---- the cluster ---------------------------------------------------------------------
live=0
[ -t 1 ] && live=1
coordinator_cmd=(coordinator "${workload[@]}" --nodes "$nodes" --address-file "$run_dir/coordinator.address" "${node_args[@]}" "${coordinator_args[@]}")
if [ $live -eq 1 ]; then
  # On a terminal the coordinator draws its live progress display; worker logs stay in their files.
  dotnet "$node_dll" "${coordinator_cmd[@]}" --log "$run_dir/coordinator.log" &
  pid=$!; echo "$pid" >"$run_dir/coordinator.pid"; pids+=("$pid"); names+=(coordinator)
else
  start coordinator 0 "${coordinator_cmd[@]}"
fi

# The coordinator binds a free port and publishes it; the worker nodes start at the same time
# and join it as soon as the address appears.
for i in $(seq 1 "$nodes"); do
  start "worker-$i" $live worker --seed-file "$run_dir/coordinator.address" "${node_args[@]}"
done
set +m # every node has its own process group now; no job-control chatter from here on

# ---- wait for the coordinator, then for everyone -----------------------------------------
while true; do
  wait "${pids[0]}"; code=$?
  # A trapped signal interrupts wait with 128+n while the coordinator still runs: wait again.
  alive "${pids[0]}" || break
done
if [ ! -s "$run_dir/coordinator.address" ]; then
  # It never bound its port (bad usage, port in use): its own message says why.
  stop_all
  [ $code -eq 0 ] && code=1
  exit $code
fi

# Worker nodes leave when the coordinator asks; give them a moment before stop_all steps in.
for _ in $(seq 100); do
  any=0
  for pid in $(all_pids); do [ "$pid" != "${pids[0]}" ] && alive "$pid" && any=1; done
  [ $any -eq 0 ] && break
  sleep 0.1
done
stop_all
if [ $live -eq 1 ]; then
  # The worker nodes' logs were not shown: their workers' last words, and their errors and warnings on stderr.
  for i in $(seq 1 "$nodes"); do
    grep -h "worker .* shutting down" "$run_dir/worker-$i.log" | sed "s/^/[worker-$i] /"
    grep -h "^error: \| ERROR \| WARN " "$run_dir/worker-$i.log" | sed "s/^/[worker-$i] /" >&2
  done
fi
wait 2>/dev/null
exit $code

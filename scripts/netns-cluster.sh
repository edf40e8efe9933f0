#!/usr/bin/env bash
# Three hosts on one machine: a cluster across Linux network namespaces, and one host cut
# off in the middle of a job. Needs root (ip netns) and a built node program.
#
#   sudo scripts/netns-cluster.sh [--tasks N] [--seconds S] [--cut-after K] [--keep-dir DIR]
#
#   --tasks N       sleeping tasks in the job (default 24)
#   --seconds S     how long each task sleeps (default 1)
#   --cut-after K   cut host 3 off once K results have come in (default 4)
#   --keep-dir DIR  write the nodes' logs and the report here (default: a temporary folder, removed)
#
# The network: hosts h1 (10.77.0.1, the coordinator), h2 (10.77.0.2) and h3 (10.77.0.3, worker
# nodes), each a namespace whose eth0 is one end of a veth pair; the other ends are ports of
# a bridge that lives in a fourth namespace, the switch. Nothing is added to the machine's own
# namespace, so no packet of the cluster leaves the namespaces this script makes, and
# everything is deleted on exit, whatever happens.
#
# The cut: `ip link set eth0 down` in h3, once results are coming in. h3 becomes unreachable,
# the split brain resolver (keep-oldest: the coordinator is the oldest member) keeps the
# coordinator's side and downs h3, h3's tasks are put back in the queue, and h2 finishes them.
# Exit code 0 when the job finishes with every task done once, none lost and none failed.
set -uo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(cd "$parent_path/.." && pwd -P)
configuration=${ACTORPAR_BUILD_CONFIGURATION:-Release}
node_dll="$root/src/ActorPar.Node/bin/$configuration/net10.0/ActorPar.Node.dll"

tasks=24
seconds=1
cut_after=4
keep_dir=""
subnet=10.77.0
fail() { echo "netns-cluster.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) [ $# -ge 2 ] || fail "--tasks needs a number"; tasks=$2; shift 2 ;;
    --seconds) [ $# -ge 2 ] || fail "--seconds needs a number"; seconds=$2; shift 2 ;;
    --cut-after) [ $# -ge 2 ] || fail "--cut-after needs a number"; cut_after=$2; shift 2 ;;
    --keep-dir) [ $# -ge 2 ] || fail "--keep-dir needs a folder"; keep_dir=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[[ "$tasks" =~ ^[0-9]+$ ]] && [ "$tasks" -ge 2 ] || fail "--tasks must be a whole number of at least 2, not '$tasks'"
[[ "$seconds" =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "--seconds must be a number of seconds, not '$seconds'"
[[ "$cut_after" =~ ^[0-9]+$ ]] && [ "$cut_after" -ge 1 ] && [ "$cut_after" -lt "$tasks" ] || fail "--cut-after must be from 1 to --tasks - 1, not '$cut_after'"
[ "$(id -u)" -eq 0 ] || fail "network namespaces need root"
command -v ip >/dev/null || fail "the ip command (iproute2) is not installed"
[ -f "$node_dll" ] || fail "build first: ./run-cluster.sh --build-only"

# ---- the namespaces, named after this process so that runs side by side never meet --------
id=$$
sw="ap$id-sw"
hosts=("ap$id-h1" "ap$id-h2" "ap$id-h3")
if [ -n "$keep_dir" ]; then mkdir -p "$keep_dir" && dir=$(cd "$keep_dir" && pwd -P) || fail "cannot create $keep_dir"; else dir=$(mktemp -d); fi
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for _ in $(seq 50); do
    local any=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && any=1; done
    [ $any -eq 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
  for ns in "${hosts[@]}" "$sw"; do ip netns del "$ns" 2>/dev/null; done
  [ -z "$keep_dir" ] && rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "namespaces: ${hosts[*]} $sw (subnet $subnet.0/24, bridge in $sw)"
ip netns add "$sw" || fail "cannot create a network namespace here (ip netns add failed)"
ip -n "$sw" link add br0 type bridge && ip -n "$sw" link set br0 up && ip -n "$sw" link set lo up || fail "cannot make the bridge"
for i in 1 2 3; do
  ns=${hosts[$((i - 1))]}
  ip netns add "$ns" || fail "cannot create namespace $ns"
  ip link add eth0 netns "$ns" type veth peer name "h$i" netns "$sw" || fail "cannot make the veth pair of $ns"
  ip -n "$sw" link set "h$i" master br0 && ip -n "$sw" link set "h$i" up || fail "cannot attach $ns to the bridge"
  ip -n "$ns" addr add "$subnet.$i/24" dev eth0 && ip -n "$ns" link set eth0 up && ip -n "$ns" link set lo up || fail "cannot address $ns"
done

# ---- the cluster: one node per host, each binding its own address ---------------------------
# start NAME HOST-INDEX ARGS...: runs the node program inside that host's namespace.
start() {
  local name=$1 i=$2; shift 2
  ip netns exec "${hosts[$((i - 1))]}" dotnet "$node_dll" "$@" --host "$subnet.$i" >"$dir/$name.log" 2>&1 &
  pids+=("$!")
}
task_list=$(printf "$seconds,%.0s" $(seq "$tasks")); task_list=${task_list%,}
start coordinator 1 coordinator sleep --tasks "$task_list" --workers 4 --nodes 2 --progress plain \
  --address-file "$dir/coordinator.address" --report "$dir/report.json" --ready-timeout 60s
start h2 2 worker --seed-file "$dir/coordinator.address" --join-timeout 60s
start h3 3 worker --seed-file "$dir/coordinator.address" --join-timeout 60s
coordinator=${pids[0]}; h2=${pids[1]}; h3=${pids[2]}

# ---- cut h3 off once results are coming in ----------------------------------------------------
# (0 too while the log does not exist yet: the node starts in the background.)
done_count() { local n; n=$(grep -c " - Complete - " "$dir/coordinator.log" 2>/dev/null); echo "${n:-0}"; }
while kill -0 "$coordinator" 2>/dev/null && [ "$(done_count)" -lt "$cut_after" ]; do sleep 0.05; done
kill -0 "$coordinator" 2>/dev/null || { cat "$dir/coordinator.log" >&2; fail "the coordinator ended before the cut"; }
cut_at=$(done_count)
ip -n "${hosts[2]}" link set eth0 down
echo "cut: host 3 ($subnet.3) off the network after $cut_at of $tasks results"

wait "$coordinator"; code=$?
for _ in $(seq 150); do kill -0 "$h2" 2>/dev/null || kill -0 "$h3" 2>/dev/null || break; sleep 0.1; done
h2_code=$(wait "$h2" 2>/dev/null; echo $?)
kill -0 "$h3" 2>/dev/null && h3_code="still running" || h3_code=$(wait "$h3" 2>/dev/null; echo $?)

sed 's/^/[coordinator] /' "$dir/coordinator.log"
sed 's/^/[h3, cut off] /' "$dir/h3.log"

# ---- the verdict: every task once ------------------------------------------------------------
count() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$dir/report.json" | head -1; }
if [ ! -s "$dir/report.json" ]; then fail "no report: the coordinator exited with $code"; fi
submitted=$(count submitted); completed=$(count completed); failed=$(count failed)
duplicates=$(count duplicates_ignored); requeued=$(count requeued)
# And from the printed results, independently of the report: one line per task, no task twice.
shown=$(grep -c " - Complete - " "$dir/coordinator.log")
distinct=$(grep -o "Process id [0-9]* - Complete" "$dir/coordinator.log" | sort -u | wc -l)
echo "result: $completed of $submitted tasks done, $failed failed, $requeued put back, $duplicates late duplicates ignored;" \
     "$shown results shown for $distinct distinct tasks; exit codes: coordinator $code, h2 $h2_code, h3 $h3_code"
[ "$code" -eq 0 ] && [ "$completed" = "$submitted" ] && [ "$submitted" = "$tasks" ] && [ "$failed" = 0 ] \
  && [ "$shown" = "$tasks" ] && [ "$distinct" = "$tasks" ] || exit 1
exit 0

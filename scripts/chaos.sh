#!/usr/bin/env bash
# Randomized fault trials with real processes. Each trial starts a coordinator running the
# chaos workload (tasks of random length) and two worker nodes, SIGKILLs worker nodes at
# random moments of the job, sometimes adds a replacement node (scripts/add-worker.sh), and
# checks that the job ends with 0 tasks lost, 0 counted twice, and no process left.
#
#   scripts/chaos.sh [--trials N] [--seed S | --seeds S1,S2,...] [--results FILE] [--keep]
#
#   --trials N      how many trials (default 10)
#   --seed S        trial i uses seed S+i (default S: random, printed); every random choice
#                   of a trial (task lengths, kill moments, victims, replacements) comes from
#                   its seed, so --trials 1 --seed SEED replays the trial of that seed
#   --seeds LIST    one trial per seed of the comma-separated LIST, in order (instead of
#                   --trials and --seed)
#   --results FILE  also write one JSON line per trial to FILE
#   --keep          keep every trial's folder (by default only failed trials keep theirs)
#   -h, --help      this text
#
# Prints one line per trial (its seed first), then a summary: trials passed, lost and
# twice-counted tasks, leftover processes, and kill-to-requeue times (from the SIGKILL to
# the moment the coordinator took the node's tasks back, as its report records it).
# Exit code: 0 when every trial passed, 1 otherwise, 2 for bad usage.
set -uo pipefail

parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
repo=$(cd "$parent_path/.." && pwd -P)
configuration=${ACTORPAR_BUILD_CONFIGURATION:-Release}
export ACTORPAR_NODE_DLL=${ACTORPAR_NODE_DLL:-"$repo/src/ActorPar.Node/bin/$configuration/net10.0/ActorPar.Node.dll"}
# Every node watches this process: if the script dies, its nodes shut down by themselves.
export ACTORPAR_PARENT_PID=$$

trials=""
first_seed=""
seed_list=""
results=""
keep=0

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "chaos.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --trials) [ $# -ge 2 ] || fail "--trials needs a number"; trials=$2; shift 2 ;;
    --seed) [ $# -ge 2 ] || fail "--seed needs a number"; first_seed=$2; shift 2 ;;
    --seeds) [ $# -ge 2 ] || fail "--seeds needs a comma-separated list of numbers"; seed_list=$2; shift 2 ;;
    --results) [ $# -ge 2 ] || fail "--results needs a file"; results=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
seeds=()
if [ -n "$seed_list" ]; then
  [ -z "$trials" ] && [ -z "$first_seed" ] || fail "--seeds replaces --trials and --seed: give one or the other"
  IFS=, read -r -a seeds <<<"$seed_list"
  for seed in "${seeds[@]}"; do
    [[ "$seed" =~ ^[0-9]+$ ]] && [ "$seed" -le 2000000000 ] || fail "--seeds takes whole numbers from 0 to 2000000000 separated by commas, not '$seed_list'"
  done
  trials=${#seeds[@]}
  seeds_shown=$(IFS=,; echo "${seeds[*]}")
else
  trials=${trials:-10}
  [[ "$trials" =~ ^[0-9]+$ ]] && [ "$trials" -ge 1 ] && [ "$trials" -le 100000 ] || fail "--trials must be a whole number from 1 to 100000, not '$trials'"
  [ -z "$first_seed" ] && first_seed=$((RANDOM * 32768 + RANDOM))
  [[ "$first_seed" =~ ^[0-9]+$ ]] && [ "$first_seed" -le 2000000000 ] || fail "--seed must be a whole number from 0 to 2000000000, not '$first_seed'"
  for ((i = 0; i < trials; i++)); do seeds+=($((first_seed + i))); done
  seeds_shown="$first_seed to $((first_seed + trials - 1))"
fi

if [ "$ACTORPAR_NODE_DLL" = "$repo/src/ActorPar.Node/bin/$configuration/net10.0/ActorPar.Node.dll" ]; then
  ACTORPAR_NODE_DLL= "$repo/run-cluster.sh" --build-only || fail "the build failed"
fi
[ -f "$ACTORPAR_NODE_DLL" ] || fail "no node program at $ACTORPAR_NODE_DLL"
if [ -n "$results" ]; then : >"$results" || fail "cannot write --results $results"; fi

mkdir -p "$repo/runs"
work=$(mktemp -d "$repo/runs/chaos-$(date +%Y%m%d-%H%M%S)-XXXX")
echo "chaos: $trials trial(s), seeds $seeds_shown; folders under $work"

now_ms() { date +%s%3N; }
alive() { kill -0 "$1" 2>/dev/null; }

# Every process of a trial has the trial's folder on its command line (its --address-file).
trial_processes() { pgrep -f "ActorPar\.Node\.dll .*$1/" ; }

cleanup() {
  local pids
  pids=$(trial_processes "$work")
  [ -n "$pids" ] && kill -KILL $pids 2>/dev/null
}
trap cleanup EXIT
trap 'echo "chaos.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM

# wait_for_line FILE TEXT SECONDS: polls FILE until it has a line with TEXT.
wait_for_line() {
  local deadline=$(( $(now_ms) + $3 * 1000 ))
  while [ "$(now_ms)" -lt $deadline ]; do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# A report field that holds a number: "name": 12, the first one in the file. The counts come
# first (tasks.completed before jobs[].completed); lost and counted_twice are the chaos
# workload's own, under figures, and no other key has those names.
field() { sed -n "s/^ *\"$1\": \(-\{0,1\}[0-9][0-9]*\).*/\1/p" "$2" | head -n 1; }

# "node at_unix_ms" per entry of the report's nodes_lost.
losses() { awk '/"node":/ { gsub(/[",]/, "", $2); node = $2 } /"at_unix_ms":/ { gsub(/,/, "", $2); print node, $2 }' "$1"; }

# add_node DIR: a replacement worker node, started at once; it joins while the job goes on
# (and gives up after 5s if the job, and so the coordinator, has ended in the meantime).
add_node() { "$parent_path/add-worker.sh" --run-dir "$1" --no-wait --join-timeout 5s >>"$1/added.log" 2>&1; }

passed=0; failed_trials=(); total_lost=0; total_twice=0; total_left=0; total_kills=0; total_added=0; total_falsely=0
requeue_times=()

run_trial() {
  local number=$1 seed=$2
  local dir="$work/trial-$number-seed-$seed"
  mkdir -p "$dir"
  RANDOM=$seed
  local tasks=$((12 + RANDOM % 19))
  local min_ms=$((20 + RANDOM % 81))
  local max_ms=$((min_ms + 100 + RANDOM % 301))
  local kills=$((1 + RANDOM % 2))
  local started; started=$(now_ms)

  dotnet "$ACTORPAR_NODE_DLL" coordinator chaos --tasks $tasks --min-ms $min_ms --max-ms $max_ms --random-seed "$seed" \
    --nodes 2 --workers 4 --workers-per-node 2 --ready-timeout 20s --progress plain \
    --address-file "$dir/coordinator.address" --report "$dir/report.json" >"$dir/coordinator.log" 2>&1 &
  local coordinator=$!
  local worker
  for worker in 1 2; do
    dotnet "$ACTORPAR_NODE_DLL" worker --seed-file "$dir/coordinator.address" --address-file "$dir/worker-$worker.address" \
      >"$dir/worker-$worker.log" 2>&1 &
    echo $! >"$dir/worker-$worker.pid"
    disown $! # its exit is checked through the coordinator's report and the leftover count, not here
  done

  local problem="" killed=() kill_times=() added=0 requeue=()
  if ! wait_for_line "$dir/coordinator.log" "cluster up" 40; then
    problem="the cluster did not come up"
  else
    # Kill moments: random offsets within the first 70% of the job's expected length.
    local up; up=$(now_ms)
    local window=$(( tasks * (min_ms + max_ms) / 2 / 4 * 7 / 10 + 100 ))
    local offsets=() k
    for ((k = 0; k < kills; k++)); do offsets+=($((RANDOM % window))); done
    local offset
    for offset in $(printf '%s\n' "${offsets[@]}" | sort -n); do
      local wait_ms=$(( up + offset - $(now_ms) ))
      [ $wait_ms -gt 0 ] && sleep "$(awk -v ms=$wait_ms 'BEGIN { printf "%.3f", ms / 1000 }')"
      alive $coordinator || break
      local live=() file
      # A node killed a moment ago may not be reaped yet, and kill -0 still finds a zombie: never count it.
      for file in "$dir"/worker-*.pid; do
        local name; name=$(basename "$file" .pid)
        [[ " ${killed[*]} " == *" $name "* ]] && continue
        alive "$(cat "$file")" && live+=("$name")
      done
      # Never kill the last worker node without a replacement on its way: the job would have no worker left.
      [ ${#live[@]} -le 1 ] && add_node "$dir" && added=$((added + 1))
      local victim=${live[$((RANDOM % ${#live[@]}))]}
      kill -KILL "$(cat "$dir/$victim.pid")" 2>/dev/null
      kill_times+=("$(now_ms)")
      killed+=("$victim")
      [ ${#live[@]} -gt 1 ] && [ $((RANDOM % 2)) -eq 0 ] && add_node "$dir" && added=$((added + 1))
    done
  fi

  # The job ends by itself; the bound only keeps a broken trial from hanging the run.
  local deadline=$(( $(now_ms) + 90000 ))
  while alive $coordinator && [ "$(now_ms)" -lt $deadline ]; do sleep 0.1; done
  if alive $coordinator; then
    [ -z "$problem" ] && problem="the coordinator did not finish within 90s"
    kill -KILL $coordinator 2>/dev/null
  fi
  wait $coordinator 2>/dev/null; local code=$?
  # Worker nodes leave when the job ends; give them time to go before counting leftovers.
  deadline=$(( $(now_ms) + 20000 ))
  while [ -n "$(trial_processes "$dir")" ] && [ "$(now_ms)" -lt $deadline ]; do sleep 0.1; done
  local left; left=$(trial_processes "$dir" | wc -l)
  [ "$left" -gt 0 ] && kill -KILL $(trial_processes "$dir") 2>/dev/null
  wait 2>/dev/null

  local report="$dir/report.json" lost="" twice="" completed="" submitted="" requeued="" duplicates=""
  if [ -f "$report" ]; then
    lost=$(field lost "$report"); twice=$(field counted_twice "$report")
    completed=$(field completed "$report"); submitted=$(field submitted "$report")
    requeued=$(field requeued "$report"); duplicates=$(field duplicates_ignored "$report")
    # Kill to requeue: from each SIGKILL to the coordinator's first take-back of that node after it.
    for ((k = 0; k < ${#killed[@]}; k++)); do
      local address; address=$(cat "$dir/${killed[$k]}.address" 2>/dev/null)
      local at; at=$(losses "$report" | awk -v n="$address" -v t="${kill_times[$k]}" '$1 == n && $2 >= t { print $2; exit }')
      [ -n "$at" ] && requeue+=($((at - kill_times[k])))
    done
  fi
  # Worker nodes downed that nobody killed: the failure detector took a live node for dead
  # (a loaded machine can pause a process for longer than acceptable-heartbeat-pause).
  local falsely=0 address killed_addresses=""
  for victim in "${killed[@]}"; do killed_addresses+=" $(cat "$dir/$victim.address" 2>/dev/null) "; done
  while read -r address; do
    [ -n "$address" ] && [[ "$killed_addresses" != *" akka.tcp://$address "* ]] && falsely=$((falsely + 1))
  done < <(sed -n 's/.* worker node \([^ ]*\) downed$/\1/p' "$dir/coordinator.log")

  [ -z "$problem" ] && [ "$code" -ne 0 ] && problem="the coordinator exited with $code"
  [ -z "$problem" ] && [ ! -f "$report" ] && problem="no report"
  [ -z "$problem" ] && [ "$submitted" != "$tasks" ] && problem="$submitted of $tasks tasks submitted"
  [ -z "$problem" ] && [ "$completed" != "$tasks" ] && problem="$completed of $tasks tasks completed"
  [ -z "$problem" ] && [ "${lost:-x}" != 0 ] && problem="$lost task(s) lost"
  [ -z "$problem" ] && [ "${twice:-x}" != 0 ] && problem="$twice task(s) counted twice"
  [ -z "$problem" ] && [ "$left" -ne 0 ] && problem="$left process(es) left behind"

  local seconds; seconds=$(awk -v ms=$(( $(now_ms) - started )) 'BEGIN { printf "%.1f", ms / 1000 }')
  local verdict=ok
  [ -n "$problem" ] && verdict="FAILED ($problem)"
  echo "trial $number seed $seed: $verdict; $tasks tasks of ${min_ms}-${max_ms} ms, killed ${killed[*]:-none}, added $added," \
       "requeued ${requeued:-?}, late duplicates ignored ${duplicates:-?}, lost ${lost:-?}, counted twice ${twice:-?}, left $left, falsely downed $falsely," \
       "kill->requeue ${requeue[*]:-n/a} ms, ${seconds}s"
  if [ -n "$results" ]; then
    printf '{"trial":%d,"seed":%d,"ok":%s,"problem":"%s","tasks":%d,"completed":%s,"lost":%s,"counted_twice":%s,"requeued":%s,"duplicates_ignored":%s,"kills":%d,"added":%d,"left":%d,"falsely_downed":%d,"coordinator_exit":%d,"kill_to_requeue_ms":[%s],"seconds":%s}\n' \
      "$number" "$seed" "$([ -z "$problem" ] && echo true || echo false)" "$problem" "$tasks" "${completed:-null}" "${lost:-null}" "${twice:-null}" \
      "${requeued:-null}" "${duplicates:-null}" "${#killed[@]}" "$added" "$left" "$falsely" "$code" "$(IFS=,; echo "${requeue[*]}")" "$seconds" >>"$results"
  fi

  total_lost=$((total_lost + ${lost:-0})); total_twice=$((total_twice + ${twice:-0})); total_left=$((total_left + left))
  total_kills=$((total_kills + ${#killed[@]})); total_added=$((total_added + added)); total_falsely=$((total_falsely + falsely))
  requeue_times+=("${requeue[@]}")
  if [ -z "$problem" ]; then
    passed=$((passed + 1))
    [ $keep -eq 0 ] && rm -rf "$dir"
  else
    failed_trials+=("$seed")
    echo "  its folder: $dir" >&2
  fi
}

for ((i = 0; i < trials; i++)); do run_trial $((i + 1)) "${seeds[$i]}"; done

median=n/a; max=n/a
if [ ${#requeue_times[@]} -gt 0 ]; then
  sorted=($(printf '%s\n' "${requeue_times[@]}" | sort -n))
  median=${sorted[$(( (${#sorted[@]} - 1) / 2 ))]}; max=${sorted[-1]}
fi
echo "chaos: $passed of $trials trials passed; lost $total_lost, counted twice $total_twice, processes left $total_left;" \
     "$total_kills kill(s), $total_added node(s) added, $total_falsely live node(s) falsely downed; kill->requeue median $median ms, max $max ms over ${#requeue_times[@]} measured kill(s)"
if [ ${#failed_trials[@]} -gt 0 ]; then
  echo "chaos: failed seeds: ${failed_trials[*]} (replay one with: scripts/chaos.sh --trials 1 --seed SEED --keep)" >&2
  exit 1
fi
[ $keep -eq 0 ] && rmdir "$work" 2>/dev/null
exit 0

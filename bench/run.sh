#!/usr/bin/env bash
# The benchmarks: ActorPar beside the Python originals and Dask, metric by metric, in one run.
#
#   bench/run.sh [--reps N] [--quick] [--only METRIC[,METRIC...]] [--no-micro]
#
#   --reps N     repetitions of every measurement (default 3), interleaved: for each metric,
#                Python, then Dask, then ActorPar, then the next repetition
#   --quick      smaller sizes and 1 repetition unless --reps: a check that everything runs
#   --only LIST  only these metrics: dispatch, bulk_map, bulk_map_1m, mapasync, roundtrip, stop,
#                sleeps, cpu, csv, sigkill, rss, many (16 worker nodes, 4,000 workers), idle (CPU at rest)
#                (cluster start is measured by every Dask and ActorPar run)
#   --no-micro   skip the BenchmarkDotNet microbenchmarks
#
# Writes bench/results/: samples.csv (every raw sample), results.md (min/median/max, ratios,
# targets) and chart.png; micro/ holds BenchmarkDotNet's own reports. Installs Debian's
# python3-pandas and python3-distributed when they are missing (needs root or sudo).
# Exit code: 0 when every measurement ran (whether or not its target was met), 1 otherwise.
set -uo pipefail
parent_path=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
root=$(dirname "$parent_path")
py=/usr/bin/python3
results="$parent_path/results"

reps=""
quick=0
only=""
micro=1
fail() { echo "bench/run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) [ $# -ge 2 ] || fail "--reps needs a number"; reps=$2; shift 2 ;;
    --reps=*) reps=${1#*=}; shift ;;
    --quick) quick=1; shift ;;
    --only) [ $# -ge 2 ] || fail "--only needs a list of metrics"; only=$2; shift 2 ;;
    --only=*) only=${1#*=}; shift ;;
    --no-micro) micro=0; shift ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option '$1' (see --help)" ;;
  esac
done
[ -z "$reps" ] && { [ $quick -eq 1 ] && reps=1 || reps=3; }
[[ "$reps" =~ ^[0-9]+$ ]] && [ "$reps" -ge 1 ] && [ "$reps" -le 100 ] || fail "--reps must be a whole number from 1 to 100, not '$reps'"
all_metrics="dispatch bulk_map bulk_map_1m mapasync roundtrip stop sleeps cpu csv sigkill rss many idle"
for m in ${only//,/ }; do [[ " $all_metrics " == *" $m "* ]] || fail "--only: unknown metric '$m' (one of: $all_metrics)"; done
wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

# ---- sizes: full, or --quick -------------------------------------------------------------
if [ $quick -eq 1 ]; then
  n_queue=50000; n_pool1=30000; n_executor=5000; n_dask=500; n_unbatched=50000; n_batched=500000
  n_rt=1000; n_rt_dask=100; py_below=1000000; ap_below=5000000; n_rss=2000000; kill_bound=5; n_many=100000
else
  n_queue=200000; n_pool1=100000; n_executor=20000; n_dask=2000; n_unbatched=100000; n_batched=2000000
  n_rt=5000; n_rt_dask=300; py_below=2000000; ap_below=10000000; n_rss=10000000; kill_bound=10; n_many=1000000
fi
n_map=100000
csv_rows=10000000
csv_file=/tmp/actorpar-csv/seed-$csv_rows-rows.csv

# ---- setup -----------------------------------------------------------------------------
started=$(date +%s)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! [ -x "$py" ] || ! "$py" -c "import pandas, distributed" 2>/dev/null; then
  echo "setup: installing Debian's python3-pandas and python3-distributed..."
  as_root apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q python3 python3-pandas python3-distributed >/dev/null \
    || fail "could not install python3-pandas and python3-distributed with apt-get"
  "$py" -c "import pandas, distributed" || fail "$py cannot import pandas and distributed"
fi
command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not installed"
echo "setup: building ActorPar and the report tool..."
"$root/run-cluster.sh" --build-only || fail "the ActorPar build failed"
dotnet build "$parent_path/BenchReport/BenchReport.csproj" -c Release -nologo -v q >/dev/null || fail "the BenchReport build failed"
dotnet build "$parent_path/PoolMap/PoolMap.csproj" -c Release -nologo -v q >/dev/null || fail "the PoolMap build failed"

mkdir -p "$results"
samples="$results/samples.csv"
rm -f "$samples"
failures=0

# step LABEL COMMAND...: runs one measurement; a failure is counted and the run goes on.
step() {
  local label=$1; shift
  echo "-- $label"
  if ! "$@"; then
    echo "   FAILED: $label" >&2
    failures=$((failures + 1))
  fi
}
python() { "$py" "$parent_path/python/originals.py" "$@" --out "$samples" --rep "$rep"; }
dask() { "$py" "$parent_path/python/dask_peer.py" "$@" --out "$samples" --rep "$rep"; }
actorpar() { local mode=$1; shift; "$py" "$parent_path/python/actorpar.py" "$mode" --out "$samples" --rep "$rep" "$@"; }
ap_run() { local samples_args=(); while [ "$1" != "--" ]; do samples_args+=(--sample "$1"); shift; done; shift; actorpar run "${samples_args[@]}" -- "$@"; }

echo "bench: $reps repetition(s)$([ $quick -eq 1 ] && echo ", quick sizes"); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
for metric in $all_metrics; do
  wanted "$metric" || continue
  echo "== $metric"
  for rep in $(seq 1 "$reps"); do
    case $metric in
      dispatch)
        step "python Queue, $n_queue tasks" python queue-dispatch --count $n_queue
        step "python Queue as an expert writes it, $n_queue tasks" python expert-queue-dispatch --count $n_queue
        step "python Pool.map chunksize=1" python pool-map --count $n_pool1 --chunksize 1
        step "python ProcessPoolExecutor" python executor-map --count $n_executor
        step "dask client.map" dask dispatch --count $n_dask
        step "actorpar noop, one task per message" ap_run dispatch:actorpar-unbatched:jobs.0.tasks_per_second:tasks/s -- noop --count $n_unbatched --batch-max 1 --credit 64
        step "actorpar noop, adaptive batches" ap_run dispatch:actorpar-batched:jobs.0.tasks_per_second:tasks/s -- noop --count $n_batched ;;
      bulk_map)
        step "python Pool.map, default chunks" python pool-map --count $n_map
        step "actorpar map" ap_run bulk_map:actorpar:jobs.0.tasks_per_second:tasks/s -- map --count $n_map --workers 2 --print 0 ;;
      bulk_map_1m)
        step "python Pool.map, default chunks, 1M" python pool-map --count 1000000
        step "actorpar map, 1M" ap_run bulk_map_1m:actorpar:jobs.0.tasks_per_second:tasks/s -- map --count 1000000 --workers 2 --print 0 ;;
      mapasync)
        step "python Pool.map, default chunks (the baseline of MapAsync)" python pool-map --count $n_map --as-metric mapasync
        step "actorpar WorkerPool.MapAsync, $n_map" actorpar pool --count $n_map ;;
      roundtrip)
        step "python Queue round trip" python queue-roundtrip --count $n_rt
        step "python Queue round trip, as an expert writes it" python expert-queue-roundtrip --count $n_rt
        step "dask submit().result()" dask roundtrip --count $n_rt_dask
        step "actorpar ping" ap_run roundtrip:actorpar:figures.round_trip_median_us:us -- ping --count $n_rt ;;
      stop)
        step "python Event + get(timeout=2)" python queue-stop
        step "actorpar broadcast Stop" ap_run stop:actorpar:timings_ms.stop_latency:ms -- queue --time-scale 0.01 ;;
      sleeps)
        step "python one Process per task" python sleeps
        step "actorpar sleep" ap_run sleeps:actorpar:timings_ms.makespan:s:0.001 -- sleep ;;
      cpu)
        step "python Pool(1) against Pool(2)" python cpu-speedup --below $py_below
        step "actorpar primes" ap_run cpu_speedup:actorpar:figures.speed_up:x -- primes --below $ap_below ;;
      csv)
        step "python 3 threads" python csv-threads --rows $csv_rows --file "$csv_file"
        step "actorpar csv, 3 reads at once" ap_run csv:actorpar:timings_ms.makespan:s:0.001 -- csv --rows $csv_rows ;;
      sigkill)
        step "python Pool, a worker SIGKILLed" python sigkill-pool --bound $kill_bound
        step "python ProcessPoolExecutor, a worker SIGKILLed" python sigkill-executor
        step "dask, a worker SIGKILLed" dask sigkill
        step "actorpar, a worker node SIGKILLed" actorpar sigkill ;;
      rss)
        # A limit, not a comparison: once is enough, and it is the longest ActorPar run.
        [ "$rep" -eq 1 ] && step "actorpar noop, $n_rss tasks, peak memory" actorpar rss --count $n_rss ;;
      many)
        step "actorpar noop, 16 worker nodes, 4,000 workers" actorpar many --count $n_many ;;
      idle)
        step "dask, 2 workers at rest" dask idle
        step "actorpar, 3 nodes at rest" actorpar idle ;;
    esac
  done
done

if [ $micro -eq 1 ]; then
  echo "== microbenchmarks (BenchmarkDotNet)"
  step "ActorPar.Benchmarks" "$parent_path/ActorPar.Benchmarks/run.sh" $([ $quick -eq 1 ] && echo --quick) --artifacts "$results/micro"
fi

leftovers=$(pgrep -af "$root/.*ActorPar\.Node" || true)
[ -n "$leftovers" ] && { echo "bench/run.sh: node processes left behind:" >&2; echo "$leftovers" >&2; failures=$((failures + 1)); }

elapsed=$(( $(date +%s) - started ))
echo "== report"
dotnet "$parent_path/BenchReport/bin/Release/net10.0/BenchReport.dll" --samples "$samples" --micro "$results/micro" --out "$results" \
  --reps "$reps" --elapsed "$elapsed" $([ $quick -eq 1 ] && echo --quick) --load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  || { echo "bench/run.sh: the report failed" >&2; exit 1; }
echo "bench: done in $((elapsed / 60))m$((elapsed % 60))s; $failures failed step(s); see $results/results.md"
[ $failures -eq 0 ]

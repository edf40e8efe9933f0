#!/usr/bin/python3
"""Runs ActorPar through its real command, ./run-cluster.sh (one coordinator and two worker
node processes), and turns its --report JSON into benchmark samples appended to the CSV file
(metric,contender,rep,value,unit,note).

    actorpar.py run     --out CSV --rep N --sample METRIC:CONTENDER:FIELD:UNIT[:SCALE] ... -- WORKLOAD [options]
    actorpar.py sigkill --out CSV --rep N [--task-seconds S]
    actorpar.py rss     --out CSV --rep N [--count N]
    actorpar.py pool    --out CSV --rep N [--count N]
    actorpar.py many    --out CSV --rep N [--count N]   (16 worker nodes, 4,000 workers)
    actorpar.py idle    --out CSV --rep N               (each node's CPU at rest)

FIELD is a dotted path into the report, e.g. timings_ms.stop_latency, jobs.0.tasks_per_second (a number
picks from a list) or figures.speed_up (a workload's own results are under figures); SCALE multiplies it.
Every run also records cluster_start (timings_ms.cluster_up: from the coordinator process's
start until it and both worker nodes are Up).
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from samples import record  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_CLUSTER = os.path.join(ROOT, "run-cluster.sh")


def field(report, path):
    value = report
    for key in path.split("."):
        value = value[int(key)] if isinstance(value, list) else value[key]
    return value


def run_cluster(args, workload_args, run_dir, on_started=None):
    """Runs ./run-cluster.sh with a report; returns (exit code, report or None, output)."""
    report_path = os.path.join(run_dir, "report.json")
    command = [RUN_CLUSTER, *workload_args, "--run-dir", run_dir, "--report", report_path]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    lines = []
    watcher = None
    for line in process.stdout:
        lines.append(line)
        if on_started and watcher is None and "cluster up in" in line:
            watcher = threading.Thread(target=on_started, args=(run_dir,), daemon=True)
            watcher.start()
    code = process.wait()
    if watcher:
        watcher.join()
    report = None
    if os.path.exists(report_path):
        with open(report_path) as f:
            report = json.load(f)
    if code != 0 or report is None:
        sys.stderr.write("".join(lines[-30:]))
        sys.exit(f"actorpar.py: run-cluster.sh {' '.join(workload_args)} failed with exit code {code}")
    return report, lines


def record_start(args, report):
    record(args, "cluster_start", "actorpar", field(report, "timings_ms.cluster_up") / 1000, "s",
           "coordinator process start to coordinator + 2 worker nodes Up")


def run(args):
    with tempfile.TemporaryDirectory(prefix="actorpar-bench-") as run_dir:
        report, _ = run_cluster(args, args.workload, run_dir)
    for sample in args.sample:
        parts = sample.split(":")
        if len(parts) not in (4, 5):
            sys.exit(f"actorpar.py: --sample takes METRIC:CONTENDER:FIELD:UNIT[:SCALE], not '{sample}'")
        metric, contender, path, unit = parts[:4]
        scale = float(parts[4]) if len(parts) == 5 else 1.0
        record(args, metric, contender, field(report, path) * scale, unit, " ".join(args.workload))
    record_start(args, report)


# ---- SIGKILL a worker node in the middle of a job --------------------------------------

def epoch_of_process_start(pid):
    """When a process started, in seconds since the epoch (from /proc, 10 ms resolution)."""
    with open(f"/proc/{pid}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/stat") as f:
        boot = next(int(line.split()[1]) for line in f if line.startswith("btime"))
    return boot + start_ticks / os.sysconf("SC_CLK_TCK")


def sigkill(args):
    """8 sleeping tasks on 2 workers (one per worker node, as Dask's 2 workers); half a task in, worker node 1 is
    SIGKILLed. Measured: the kill to the coordinator's 'put back in the queue' log line
    (its tasks requeued), and the kill to the job's last result."""
    state = {}

    def kill_a_node(run_dir):
        with open(os.path.join(run_dir, "coordinator.pid")) as f:
            state["coordinator_start"] = epoch_of_process_start(int(f.read()))
        time.sleep(args.task_seconds / 2)
        with open(os.path.join(run_dir, "worker-1.pid")) as f:
            victim = int(f.read())
        os.kill(victim, signal.SIGKILL)
        state["killed"] = time.time()

    tasks = ",".join([str(args.task_seconds)] * 8)
    with tempfile.TemporaryDirectory(prefix="actorpar-bench-") as run_dir:
        report, lines = run_cluster(args, ["sleep", "--tasks", tasks, "--workers", "2"], run_dir, kill_a_node)
    killed = state["killed"]
    requeued = None
    for line in lines:
        match = re.search(r"(\d\d):(\d\d):(\d\d\.\d{3}) WARN .*put back in the queue", line)
        if match:
            day = datetime.fromtimestamp(killed).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()
            requeued = day + int(match[1]) * 3600 + int(match[2]) * 60 + float(match[3])
            break
    done = state["coordinator_start"] + field(report, "timings_ms.last_result") / 1000
    note = f"8 tasks of {args.task_seconds}s on 2 workers; {field(report, 'tasks.requeued')} requeued; job done {(done - killed) * 1000:.0f} ms after the kill"
    record(args, "sigkill", "actorpar", "" if requeued is None else (requeued - killed) * 1000, "ms",
           note if requeued is not None else "no task was put back: " + note)
    record(args, "sigkill_done", "actorpar", (done - killed) * 1000, "ms", "kill to the job's last result")
    record_start(args, report)


# ---- peak memory of every process while 10M tiny tasks stream through ------------------

def peak_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss(args):
    peaks = {}
    done = threading.Event()

    def sample(run_dir):
        while not done.is_set():
            for name in ("coordinator", "worker-1", "worker-2"):
                try:
                    with open(os.path.join(run_dir, f"{name}.pid")) as f:
                        pid = int(f.read())
                except (OSError, ValueError):
                    continue
                kb = peak_kb(pid)
                if kb is not None:
                    peaks[name] = max(peaks.get(name, 0), kb)
            time.sleep(0.1)

    def start_sampling(run_dir):
        threading.Thread(target=sample, args=(run_dir,), daemon=True).start()

    with tempfile.TemporaryDirectory(prefix="actorpar-bench-") as run_dir:
        report, _ = run_cluster(args, ["noop", "--count", str(args.count)], run_dir, start_sampling)
        done.set()
    shown = ", ".join(f"{name} {kb / 1024:.0f} MB" for name, kb in sorted(peaks.items()))
    record(args, "rss", "actorpar", max(peaks.values()) / 1024, "MB",
           f"peak VmHWM of any process, {args.count} tasks at {field(report, 'jobs.0.tasks_per_second'):.0f}/s: {shown}")
    record_start(args, report)


# ---- the Pool API: WorkerPool.MapAsync from a C# program ------------------------------

POOL_MAP = os.path.join(ROOT, "bench", "PoolMap", "bin", "Release", "net10.0", "PoolMap.dll")


def pool(args):
    """bench/PoolMap: a program that starts a WorkerPool (itself the seed, 2 worker nodes of one worker
    each) and times MapAsync of N inputs, from the call to every result in input order."""
    done = subprocess.run(["dotnet", POOL_MAP, str(args.count)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        sys.exit(f"actorpar.py: PoolMap failed with exit code {done.returncode}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    record(args, "mapasync", "actorpar", result["tasks_per_second"], "tasks/s",
           f"WorkerPool.MapAsync of {args.count} longs, 2 worker nodes of 1 worker: {result['seconds'] * 1000:.1f} ms")


# ---- 16 worker nodes and 4,000 workers -------------------------------------------------

def many(args):
    """noop on 16 worker nodes with 4,000 workers: cluster up to the first task sent, and the stop."""
    workload = ["noop", "--count", str(args.count), "--nodes", "16", "--workers", "4000",
                # 17 processes start at once on the machine's cores: give them time to join,
                # and the failure detector room for the start-up's CPU starvation (bench/README.md).
                "--set", "actorpar.cluster.join-timeout=60s", "--set", "actorpar.coordinator.ready-timeout=90s",
                "--set", "akka.cluster.failure-detector.acceptable-heartbeat-pause=3s"]
    with tempfile.TemporaryDirectory(prefix="actorpar-bench-") as run_dir:
        report, _ = run_cluster(args, workload, run_dir)
    t = report["timings_ms"]
    note = f"{args.count} noop tasks, 16 worker nodes, {report['workers']} workers; cluster up {t['cluster_up'] / 1000:.1f} s after start"
    record(args, "many_deploy", "actorpar", (t["first_dispatch"] - t["cluster_up"]) / 1000, "s", note)
    record(args, "many_stop", "actorpar", t["stop_latency"] / 1000, "s", note)


# ---- a node at rest ------------------------------------------------------------------------

def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def idle(args):
    """Two 35 s sleeps on 2 worker nodes; each node's CPU from 15 s to 25 s after the cluster is up."""
    shares = {}

    def sample(run_dir):
        time.sleep(15)
        pids = {}
        for name in ("coordinator", "worker-1", "worker-2"):
            with open(os.path.join(run_dir, f"{name}.pid")) as f:
                pids[name] = int(f.read())
        before = {name: cpu_ticks(pid) for name, pid in pids.items()}
        time.sleep(10)
        for name, pid in pids.items():
            shares[name] = (cpu_ticks(pid) - before[name]) / os.sysconf("SC_CLK_TCK") / 10 * 100

    with tempfile.TemporaryDirectory(prefix="actorpar-bench-") as run_dir:
        report, _ = run_cluster(args, ["sleep", "--tasks", "35,35"], run_dir, sample)
    shown = ", ".join(f"{name} {share:.2f} %" for name, share in shares.items())
    record(args, "idle_cpu", "actorpar", max(shares.values()), "%", f"15-25 s into two 35 s sleeps: {shown}")
    record_start(args, report)


def main():
    argv = sys.argv[1:]
    workload = []
    if "--" in argv:
        at = argv.index("--")
        argv, workload = argv[:at], argv[at + 1:]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["run", "sigkill", "rss", "pool", "many", "idle"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--rep", type=int, default=1)
    parser.add_argument("--sample", action="append", default=[])
    parser.add_argument("--task-seconds", type=float, default=1.0)
    parser.add_argument("--count", type=int, default=10_000_000)
    args = parser.parse_args(argv)
    args.workload = workload
    if args.mode == "run" and not workload:
        parser.error("run needs -- WORKLOAD [options]")
    if args.task_seconds <= 0 or args.count < 1:
        parser.error("--task-seconds and --count must be positive")
    {"run": run, "sigkill": sigkill, "rss": rss, "pool": pool, "many": many, "idle": idle}[args.mode](args)


if __name__ == "__main__":
    main()

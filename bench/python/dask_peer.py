#!/usr/bin/python3
"""Dask distributed, the peer a Python user would pick instead of hand-rolled processes: a
LocalCluster of a scheduler and 2 worker processes (one thread each) on this machine. Each
subcommand starts its own cluster, measures once, appends its samples to the CSV file
(metric,contender,rep,value,unit,note), and shuts the cluster down. Every run also records
how long the cluster took to start (scheduler and both workers up).

    dask_peer.py METRIC --out samples.csv --rep 1 [options]
"""
import argparse
import logging
import os
import signal
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from samples import record  # noqa: E402


def f(x):
    return x


def nap(seconds):
    time.sleep(seconds)
    return seconds


def start_cluster(args):
    from distributed import Client, LocalCluster
    started = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.ERROR)
    client = Client(cluster)
    client.wait_for_workers(2)
    record(args, "cluster_start", "dask", time.perf_counter() - started, "s", "LocalCluster: scheduler + 2 worker processes")
    return cluster, client


def dispatch(args, client):
    client.gather(client.map(f, range(4), pure=False))
    started = time.perf_counter()
    futures = client.map(f, range(args.count), pure=False)
    total = sum(client.gather(futures))
    elapsed = time.perf_counter() - started
    assert total == args.count * (args.count - 1) // 2
    record(args, "dispatch", "dask", args.count / elapsed, "tasks/s", f"client.map of {args.count} tasks, 2 workers")


def roundtrip(args, client):
    gaps = []
    for i in range(args.count):
        started = time.perf_counter()
        client.submit(f, i, pure=False).result()
        gaps.append(time.perf_counter() - started)
    record(args, "roundtrip", "dask", statistics.median(gaps) * 1e6, "us", f"median of {args.count} submit().result()")


def sigkill(args, client):
    """Kill one worker process in the middle of a job; the scheduler reschedules its tasks
    (and the nanny starts a new worker). Measured: the kill to the job's last result."""
    client.gather(client.map(f, range(4), pure=False))
    futures = client.map(nap, [args.task_seconds] * 8, pure=False)
    time.sleep(args.task_seconds / 2)
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    killed = time.perf_counter()
    results = client.gather(futures)
    assert len(results) == 8
    done = (time.perf_counter() - killed) * 1000
    note = f"kill to job done: 8 tasks of {args.task_seconds}s on 2 workers"
    record(args, "sigkill", "dask", done, "ms", note)
    record(args, "sigkill_done", "dask", done, "ms", note)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def idle(args, client):
    """Two 35 s naps, one per worker; each worker process's CPU from 15 s to 25 s after the
    cluster is up, as ActorPar's nodes are measured. The scheduler runs in this process, beside
    the client, so its own share is not told apart; the figure is the busier worker's."""
    futures = client.map(nap, [35, 35], pure=False)
    pids = client.run(os.getpid)
    time.sleep(15)
    before = {pid: cpu_ticks(pid) for pid in pids.values()}
    time.sleep(10)
    shares = [(cpu_ticks(pid) - ticks) / os.sysconf("SC_CLK_TCK") / 10 * 100 for pid, ticks in before.items()]
    client.cancel(futures)
    record(args, "idle_cpu", "dask", max(shares), "%", "15-25 s into two 35 s naps: workers " + ", ".join(f"{s:.2f} %" for s in shares))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("metric", choices=["dispatch", "roundtrip", "sigkill", "start", "idle"])
    parser.add_argument("--out", required=True)
    parser.add_argument("--rep", type=int, default=1)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--task-seconds", type=float, default=1.0)
    args = parser.parse_args()
    if args.count < 1 or args.task_seconds <= 0:
        parser.error("--count and --task-seconds must be positive")
    cluster, client = start_cluster(args)
    try:
        {"dispatch": dispatch, "roundtrip": roundtrip, "sigkill": sigkill, "idle": idle, "start": lambda a, c: None}[args.metric](args, client)
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""The Python originals the benchmarks compare ActorPar with, written the way the seeds
(the two tutorials ActorPar starts from) teach them: a hand-rolled multiprocessing Queue read by
worker processes that an Event stops, Pool.map, ProcessPoolExecutor, one Process per long job,
and threads for I/O; and beside the seed's Queue, the same Queue as an expert writes it. Each subcommand runs one measurement once and appends its samples to a CSV
file (metric,contender,rep,value,unit,note). Run with Debian's /usr/bin/python3.

    originals.py METRIC --out samples.csv --rep 1 [options]
"""
import argparse
import multiprocessing as mp
import os
import signal
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.pool import Pool
from queue import Empty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from samples import record  # noqa: E402

# The seeds use the default start method of Linux (fork): say so, since 3.14 changes it.
mp.set_start_method("fork", force=True)

# Set in the parent before the workers fork, as the seed does with its module-level Event.
event = mp.Event()


# ---- seed 000's Queue + Event worker ---------------------------------------------------

def worker_func(queue, results, worker_id):
    """Seed 000's worker: poll the queue with get(timeout=2) while the event is set.
    The task is trivial (its result is its input) and goes back on a result queue."""
    while event.is_set():
        try:
            task = queue.get(timeout=2)
            task_id, x = task
            results.put((task_id, x))
        except Empty:
            continue


def start_queue_workers(processes):
    task_queue, results = mp.Queue(), mp.Queue()
    event.set()
    workers = [mp.Process(target=worker_func, args=(task_queue, results, i), daemon=True) for i in range(processes)]
    for w in workers:
        w.start()
    # Both workers are running and polling before the clock starts (one round trip each way).
    for i in range(processes * 2):
        task_queue.put((-1, i))
    for _ in range(processes * 2):
        results.get()
    return task_queue, results, workers


def stop_queue_workers(workers):
    """event.clear(), then wait for every worker to notice: the seed's stop."""
    started = time.perf_counter()
    event.clear()
    for w in workers:
        w.join()
    return time.perf_counter() - started


def queue_dispatch(args):
    tasks, results, workers = start_queue_workers(2)
    started = time.perf_counter()
    for i in range(args.count):
        tasks.put((i, i))
    total = 0
    for _ in range(args.count):
        total += results.get()[1]
    elapsed = time.perf_counter() - started
    assert total == args.count * (args.count - 1) // 2
    stop_queue_workers(workers)
    record(args, "dispatch", "python-queue", args.count / elapsed, "tasks/s", f"{args.count} tasks, 2 processes")


def queue_roundtrip(args):
    tasks, results, workers = start_queue_workers(2)
    gaps = []
    for i in range(args.count):
        started = time.perf_counter()
        tasks.put((i, i))
        results.get()
        gaps.append(time.perf_counter() - started)
    stop_queue_workers(workers)
    record(args, "roundtrip", "python-queue", statistics.median(gaps) * 1e6, "us", f"median of {args.count}, 2 processes")


def queue_stop(args):
    tasks, results, workers = start_queue_workers(2)
    for i in range(10):
        tasks.put((i, i))
    for _ in range(10):
        results.get()
    latency = stop_queue_workers(workers)
    record(args, "stop", "python-event", latency * 1000, "ms", "event.clear() to every worker joined (get(timeout=2))")


# ---- the same Queue, as a Python programmer who wants speed writes it ------------------
# A blocking get() with no timeout, a None sentinel to stop (one per worker), and no
# event.is_set() check before every task. Measured beside the seed's version: every Queue
# target in bench/ holds against the faster of the two.

def expert_worker(queue, results):
    for task in iter(queue.get, None):
        results.put(task)


def start_expert_workers(processes):
    task_queue, results = mp.Queue(), mp.Queue()
    workers = [mp.Process(target=expert_worker, args=(task_queue, results), daemon=True) for _ in range(processes)]
    for w in workers:
        w.start()
    for i in range(processes * 2):
        task_queue.put((-1, i))
    for _ in range(processes * 2):
        results.get()
    return task_queue, results, workers


def stop_expert_workers(task_queue, workers):
    for _ in workers:
        task_queue.put(None)
    for w in workers:
        w.join()


def expert_queue_dispatch(args):
    tasks, results, workers = start_expert_workers(2)
    started = time.perf_counter()
    for i in range(args.count):
        tasks.put((i, i))
    total = 0
    for _ in range(args.count):
        total += results.get()[1]
    elapsed = time.perf_counter() - started
    assert total == args.count * (args.count - 1) // 2
    stop_expert_workers(tasks, workers)
    record(args, "dispatch", "python-queue-expert", args.count / elapsed, "tasks/s", f"{args.count} tasks, 2 processes, blocking get(), None sentinel")


def expert_queue_roundtrip(args):
    tasks, results, workers = start_expert_workers(2)
    gaps = []
    for i in range(args.count):
        started = time.perf_counter()
        tasks.put((i, i))
        results.get()
        gaps.append(time.perf_counter() - started)
    stop_expert_workers(tasks, workers)
    record(args, "roundtrip", "python-queue-expert", statistics.median(gaps) * 1e6, "us", f"median of {args.count}, 2 processes, blocking get()")


# ---- Pool and ProcessPoolExecutor ------------------------------------------------------

def f(x):
    return x


def pool_map(args):
    """Pool(2).map: with chunksize=1, timed once; with default chunks, repeated until at least a
    second has passed (one map of 100k takes 8-13 ms, mostly noise) and the rate taken over all of them."""
    with Pool(2) as pool:
        pool.map(f, range(4), chunksize=1)  # the pool's processes are up
        rounds = 0
        started = time.perf_counter()
        while True:
            out = pool.map(f, range(args.count), chunksize=args.chunksize)
            rounds += 1
            elapsed = time.perf_counter() - started
            if args.chunksize == 1 or elapsed >= 1.0:
                break
    assert len(out) == args.count
    if args.chunksize == 1:
        record(args, "dispatch", "python-pool-chunksize-1", args.count / elapsed, "tasks/s", f"Pool(2).map, {args.count} tasks")
    else:
        metric = args.as_metric or ("bulk_map" if args.count < 1_000_000 else "bulk_map_1m")
        record(args, metric, "python-pool-map", rounds * args.count / elapsed, "tasks/s",
               f"Pool(2).map, default chunks, {args.count} tasks, {rounds} maps in {elapsed:.2f} s")


def executor_map(args):
    with ProcessPoolExecutor(2) as executor:
        list(executor.map(f, range(4)))
        started = time.perf_counter()
        out = list(executor.map(f, range(args.count)))
        elapsed = time.perf_counter() - started
    assert len(out) == args.count
    record(args, "dispatch", "python-executor", args.count / elapsed, "tasks/s", f"ProcessPoolExecutor(2).map, {args.count} tasks")


# ---- seed 000: long jobs, one Process each --------------------------------------------

def long_running_process(process_id, task_time):
    time.sleep(task_time)
    print("Process id {} - Complete - Task time: {}s".format(process_id, task_time), file=sys.stderr)


def sleeps(args):
    fake_runtimes = [5, 2, 4, 1, 5]
    started = time.perf_counter()
    processes = []
    for i, task_time in zip(range(5), fake_runtimes):
        p = mp.Process(target=long_running_process, args=(i, task_time * args.time_scale))
        p.start()
        processes.append(p)
    for p in processes:
        p.join()
    record(args, "sleeps", "python-process", time.perf_counter() - started, "s", "5 Processes of [5,2,4,1,5] s")


# ---- CPU-bound: primes by trial division, Pool(1) against Pool(2) --------------------

def is_prime(n):
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    d = 5
    while d * d <= n:
        if n % d == 0 or n % (d + 2) == 0:
            return False
        d += 6
    return True


def count_primes(chunk):
    start, stop = chunk
    return sum(1 for n in range(max(start, 2), stop) if is_prime(n))


def cpu_speedup(args):
    chunks = [(args.below * i // 100, args.below * (i + 1) // 100) for i in range(100)]
    times, counts = [], []
    for processes in (1, 2):
        with Pool(processes) as pool:
            pool.map(f, range(processes * 2), chunksize=1)
            started = time.perf_counter()
            counts.append(sum(pool.map(count_primes, chunks)))
            times.append(time.perf_counter() - started)
    assert counts[0] == counts[1]
    record(args, "cpu_speedup", "python-pool", times[0] / times[1], "x",
           f"primes below {args.below}: Pool(1) {times[0]:.2f}s, Pool(2) {times[1]:.2f}s")


# ---- seed 000: I/O with threads ------------------------------------------------------

def seed_csv(path, rows):
    """Seed 000's file: line,data,{i} for 10M rows (written once, shared with ActorPar's csv workload)."""
    if os.path.exists(path) and os.path.getsize(path) == csv_size(rows):
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    partial = f"{path}.{os.getpid()}.partial"
    with open(partial, "wt") as temp:
        for i in range(rows):
            temp.write("line,data,{}\n".format(i))
    os.replace(partial, path)


def csv_size(rows):
    size, low, high, digits = len("line,data,\n") * rows, 0, 10, 1
    while low < rows:
        size += (min(high, rows) - low) * digits
        low, high, digits = high, high * 10, digits + 1
    return size


def csv_threads(args):
    import pandas as pd
    seed_csv(args.file, args.rows)

    def read_df(filepath):
        pd.read_csv(filepath)

    started = time.perf_counter()
    threads = []
    for i in range(3):
        t = threading.Thread(target=read_df, args=(args.file,))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    record(args, "csv", "python-threads", time.perf_counter() - started, "s", f"3 threads, pd.read_csv of {args.rows} rows")


# ---- SIGKILL one worker in the middle of a job --------------------------------------

def nap(seconds):
    time.sleep(seconds)
    return seconds


def sigkill_pool(args):
    """A Pool whose worker is killed loses the task it held: map() never returns.
    The wait is bounded so that the benchmark itself never hangs."""
    pool = Pool(2)
    pending = pool.map_async(nap, [args.task_seconds] * 8, chunksize=1)
    time.sleep(args.task_seconds / 2)
    victim = pool._pool[0].pid
    os.kill(victim, signal.SIGKILL)
    killed = time.perf_counter()
    try:
        pending.get(timeout=args.bound)
        record(args, "sigkill", "python-pool", (time.perf_counter() - killed) * 1000, "ms", "Pool.map returned")
    except mp.TimeoutError:
        record(args, "sigkill", "python-pool", "", "ms",
               f"never: Pool.map had not returned {args.bound:.0f}s after the kill (the killed worker's task is lost)")
    finally:
        pool.terminate()
        pool.join()


def sigkill_executor(args):
    """ProcessPoolExecutor notices the death, but breaks: every pending task fails, none is run again."""
    with ProcessPoolExecutor(2) as executor:
        list(executor.map(f, range(2)))
        futures = [executor.submit(nap, args.task_seconds) for _ in range(8)]
        time.sleep(args.task_seconds / 2)
        victim = next(iter(executor._processes))
        os.kill(victim, signal.SIGKILL)
        killed = time.perf_counter()
        lost, broken_at = 0, None
        for future in futures:
            try:
                future.result(timeout=args.bound)
            except BrokenProcessPool:
                lost += 1
                broken_at = broken_at or time.perf_counter()
        note = (f"never: BrokenProcessPool {(broken_at - killed) * 1000:.0f} ms after the kill; {lost} of 8 tasks lost"
                if lost else "every task completed")
        record(args, "sigkill", "python-executor", "" if lost else (time.perf_counter() - killed) * 1000, "ms", note)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("metric", choices=["queue-dispatch", "queue-roundtrip", "queue-stop", "expert-queue-dispatch", "expert-queue-roundtrip", "pool-map", "executor-map",
                                           "sleeps", "cpu-speedup", "csv-threads", "sigkill-pool", "sigkill-executor"])
    parser.add_argument("--out", required=True, help="CSV file the samples are appended to")
    parser.add_argument("--rep", type=int, default=1)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--chunksize", type=int, default=None, help="Pool.map chunksize (default: Pool's own)")
    parser.add_argument("--as-metric", default=None, help="pool-map: record the sample under this metric (e.g. mapasync, whose baseline it is)")
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--below", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--file", default="/tmp/actorpar-csv/seed-10000000-rows.csv")
    parser.add_argument("--task-seconds", type=float, default=1.0)
    parser.add_argument("--bound", type=float, default=10.0, help="seconds to wait for a job whose worker was killed")
    args = parser.parse_args()
    if args.count < 1 or args.below < 3 or args.rows < 2 or args.time_scale <= 0 or args.bound <= 0:
        parser.error("--count, --below, --rows, --time-scale and --bound must be positive")
    {
        "queue-dispatch": queue_dispatch, "queue-roundtrip": queue_roundtrip, "queue-stop": queue_stop,
        "expert-queue-dispatch": expert_queue_dispatch, "expert-queue-roundtrip": expert_queue_roundtrip,
        "pool-map": pool_map, "executor-map": executor_map, "sleeps": sleeps, "cpu-speedup": cpu_speedup,
        "csv-threads": csv_threads, "sigkill-pool": sigkill_pool, "sigkill-executor": sigkill_executor,
    }[args.metric](args)


if __name__ == "__main__":
    main()

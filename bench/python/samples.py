"""Appends one benchmark sample to the raw CSV (metric,contender,rep,value,unit,note).
An empty value means the contender never got there (a job that hung, a pool that broke)."""
import csv
import os

COLUMNS = ["metric", "contender", "rep", "value", "unit", "note"]


def record(args, metric, contender, value, unit, note=""):
    new = not os.path.exists(args.out) or os.path.getsize(args.out) == 0
    with open(args.out, "a", newline="") as out:
        writer = csv.writer(out)
        if new:
            writer.writerow(COLUMNS)
        shown = "" if value == "" else f"{float(value):.6g}"
        writer.writerow([metric, contender, args.rep, shown, unit, note])
    print(f"  {contender:<26} {metric:<12} {shown or 'never':>12} {unit}  {note}", flush=True)

#!/usr/bin/env python3
"""Prints bench/run's results as Markdown tables.

usage: report.py RESULTS_DIR          one configuration: each scenario against its ceilings
       report.py compare DIR...       several configurations side by side (bench/run --compare)

A results directory holds scenarios.txt ("name connections {wrk json}" lines; with several instances one line per
wrk process, summed here), ceiling.txt (JdbcCeiling's output) and run.json (what bench/run knew about the run).
"""
import datetime
import json
import os
import sys


def load(directory):
    rows = {}
    for line in open(os.path.join(directory, "scenarios.txt")):
        name, conns, payload = line.split(" ", 2)
        rows.setdefault(name, []).append((int(conns), json.loads(payload) if payload.strip() else None))
    ceiling, due = {}, []
    for line in open(os.path.join(directory, "ceiling.txt")):
        parts = line.split()
        if parts[0] == "CEILING":
            ceiling[parts[1]] = (float(parts[2]), int(parts[3]) if len(parts) > 3 else None)
        elif parts[0] == "DUE":
            due.append(" ".join(parts[1:]))
    run = json.load(open(os.path.join(directory, "run.json")))
    return {name: combine(parts) for name, parts in rows.items()}, ceiling, due, run


def combine(parts):
    """One scenario over one or several wrk processes: connections and req/s add up, latency is the worst one's."""
    if any(data is None for _, data in parts):
        return sum(c for c, _ in parts), None
    return sum(c for c, _ in parts), {
        "rps": sum(d["requests"] / (d["duration_us"] / 1e6) for _, d in parts),
        "p50_ms": max(d["p50_us"] for _, d in parts) / 1000,
        "p99_ms": max(d["p99_us"] for _, d in parts) / 1000,
        "errors": sum(d["errors"] for _, d in parts),
    }


def single(directory):
    rows, ceiling, due, run = load(directory)
    print(f"### Benchmark ({run['mode']}, {run['config']}) — {datetime.date.today()}, {os.cpu_count()} cores, `{run['command']}`\n")
    print("| scenario | conns | req/s | p50 ms | p99 ms | errors | × framework ceiling | raw JDBC ops/s | DB share of request time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    framework = {c: d["rps"] for name, (c, d) in rows.items() if name.startswith("ceiling") and d}
    for name, (conns, data) in rows.items():
        if not data:
            print(f"| {name} | {conns} | failed | | | | | | |")
            continue
        rate = data["rps"]
        ratio = "" if name.startswith("ceiling") or conns not in framework else f"{rate / framework[conns]:.2f}"
        jdbc, clients = ceiling.get(name, (None, None))
        share = f"{rate / jdbc:.0%}" if jdbc else ""
        jdbc_text = f"{jdbc:,.0f}" + (f" ({clients} client{'s' if clients > 1 else ''})" if clients else "") if jdbc else ""
        print(f"| {name} | {conns} | {rate:,.0f} | {data['p50_ms']:.2f} | {data['p99_ms']:.2f} | {data['errors']} "
              f"| {ratio} | {jdbc_text} | {share} |")
    print()
    print(f"- Start to ready: {run['ready_ms']} ms from `java -jar` to the first UP of /q/health/ready (Quarkus says started "
          f"in {run['started_in']} s); RSS after start {run['rss_start_kb'] / 1024:.0f} MB, after the load "
          f"{run['rss_load_kb'] / 1024:.0f} MB{' (all instances)' if run['instances'] > 1 else ''}; JVM flags `{run['java_opts']}`.")
    print("- Due query: " + "; ".join(due))
    print("- DB share = HTTP req/s ÷ raw JDBC ops/s: the part of each request's time the same storage work takes on its own.")
    if run["instances"] > 1:
        print(f"- {run['instances']} instances on ports next to each other; each scenario's connections are split between "
              "them (one wrk process each): req/s and errors are sums, latencies the worst process's.")


LABELS = {"ceiling_c32": "framework ceiling", "get_event": "`GET /events/{id}`", "get_status": "`GET /events/{id}/status`",
          "ceiling_c64": "framework ceiling", "put_reaction": "`PUT /events/{id}/reactions/{user}`",
          "mix_90_10": "90/10 read/write mix", "bulk_members_5000": "bulk replace of a 5,000-member list"}


def compare(directories):
    configs = [load(d) for d in directories]
    mode = configs[0][3]["mode"]
    print(f"### Benchmark ({mode}), configurations side by side — {datetime.date.today()}, {os.cpu_count()} cores, "
          f"`{configs[0][3]['command_all']}`\n")
    print("| scenario | " + " | ".join(f"{c[3]['config']}: req/s | p99 ms" for c in configs) + " |")
    print("| --- | " + " | ".join("---: | ---:" for _ in configs) + " |")
    for name in configs[0][0]:
        cells = []
        for rows, _, _, _ in configs:
            conns, data = rows.get(name, (0, None))
            cells.append(f"{data['rps']:,.0f} | {data['p99_ms']:.1f}" + (f" ({data['errors']} errors)" if data["errors"] else "")
                         if data else "failed | ")
        conns = configs[0][0][name][0]
        print(f"| {LABELS.get(name, name)}, {conns} conn{'s' if conns > 1 else ''} | " + " | ".join(cells) + " |")
    for name in configs[0][1]:
        cells = []
        for _, ceiling, _, _ in configs:
            ops, clients = ceiling.get(name, (None, None))
            cells.append(f"{ops:,.0f} ({clients} client{'s' if clients and clients > 1 else ''}) | " if ops else " | ")
        print(f"| storage ceiling: raw JDBC {name} ops/s | " + " | ".join(cells) + " |")
    print()
    for _, _, due, run in configs:
        print(f"- {run['config']}: start to ready {run['ready_ms']} ms; RSS after the load {run['rss_load_kb'] / 1024:.0f} MB"
              f"{' (all instances)' if run['instances'] > 1 else ''}; due query: " + "; ".join(due))


if __name__ == "__main__":
    if sys.argv[1] == "compare":
        compare(sys.argv[2:])
    else:
        single(sys.argv[1])

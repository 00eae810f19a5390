#!/usr/bin/env python3
"""Prints bench/run's results as a Markdown table, with each scenario's ratio to its ceilings."""
import datetime
import json
import os
import sys

mode, scenarios_file, ceiling_file, ready_ms, started_in, rss_start, rss_load, java_opts = sys.argv[1:9]
rows = {}
for line in open(scenarios_file):
    name, conns, payload = line.split(" ", 2)
    data = json.loads(payload) if payload.strip() else None
    rows[name] = (int(conns), data)
ceiling, due = {}, []
for line in open(ceiling_file):
    parts = line.split()
    if parts[0] == "CEILING":
        ceiling[parts[1]] = float(parts[2])
    elif parts[0] == "DUE":
        due.append(" ".join(parts[1:]))


def rps(name):
    conns, data = rows.get(name, (0, None))
    return data["requests"] / (data["duration_us"] / 1e6) if data else 0.0


print(f"### Benchmark ({mode}) — {datetime.date.today()}, {os.cpu_count()} cores, `bench/run{' --smoke' if mode == 'smoke' else ''}`\n")
print("| scenario | conns | req/s | p50 ms | p99 ms | errors | × framework ceiling | raw JDBC ops/s | DB share of request time |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
framework = {32: rps("ceiling_c32"), 64: rps("ceiling_c64")}
for name, (conns, data) in rows.items():
    if not data:
        print(f"| {name} | {conns} | failed | | | | | | |")
        continue
    rate = rps(name)
    ratio = "" if name.startswith("ceiling") or conns not in framework else f"{rate / framework[conns]:.2f}"
    jdbc = ceiling.get(name)
    share = f"{rate / jdbc:.0%}" if jdbc else ""
    print(f"| {name} | {conns} | {rate:,.0f} | {data['p50_us'] / 1000:.2f} | {data['p99_us'] / 1000:.2f} | {data['errors']} "
          f"| {ratio} | {f'{jdbc:,.0f}' if jdbc else ''} | {share} |")
print()
print(f"- Start to ready: {ready_ms} ms from `java -jar` to the first UP of /q/health/ready (Quarkus says started in {started_in} s); "
      f"RSS after start {int(rss_start) / 1024:.0f} MB, after the load {int(rss_load) / 1024:.0f} MB; JVM flags `{java_opts}`.")
print("- Due query: " + "; ".join(due))
print("- DB share = HTTP req/s ÷ raw JDBC ops/s: the part of each request's time the same storage work takes on its own.")

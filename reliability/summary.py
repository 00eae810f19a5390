#!/usr/bin/env python3
"""The summary table of reliability/run: reads the RESULT lines its steps wrote into LOG_DIR/<step>.log.

usage: reliability/summary.py LOG_DIR STEP...   (each STEP as name=exit_status)
"""
import json
import os
import sys


def result_of(path):
    if not os.path.exists(path):
        return {}
    found = {}
    with open(path, errors="replace") as log:
        for line in log:
            if line.startswith("RESULT "):
                found = json.loads(line[len("RESULT "):])
    return found


def figures(name, r):
    """The figures that matter for each step, in a few words."""
    if not r:
        return ""
    if r.get("skipped"):
        return "SKIPPED: " + r["skipped"]
    if name == "kill9":
        return f"{r['cycles']} cycles, {r['acknowledged']} acknowledged writes, {r['lost']} lost, integrity ok"
    if name == "concurrency":
        return (f"{r['clients']} clients, {r['seconds']:.0f} s, {r['requests']} requests, 5xx {r['5xx']}, "
                f"unexpected {r['unexpected']}, locked {r['busy_in_answers'] + r['busy_in_log']}, "
                f"p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms (bound {r['p99_bound_ms']:.0f}), max {r['max_ms']} ms, "
                f"readiness DOWN {r['readiness_down']}/{r['readiness_samples']}")
    if name == "storage-faults":
        parts = []
        for fault in ("read-only", "disk full"):
            f = r.get(fault)
            if isinstance(f, dict):
                parts.append(f"{fault}: 503, DOWN after {f['down_s']} s, UP {f['up_s']} s after the fix")
        return "; ".join(parts) + f"; {r.get('acknowledged')} acknowledged, {r.get('lost')} lost, integrity {r.get('integrity')}"
    if name == "backups":
        return (f"{r['backups']} backups during {r['writes_during']} writes (5xx {r['writes_5xx']}), "
                f"longest {r['max_backup_s']} s, integrity ok, restored {r['restored']}")
    if name == "rehearse":
        return (f"SIGTERM: {r['in_flight']} in flight, {r['in_flight_failed']} failed, exit {r['exit_code']} "
                f"after {r['stop_s']} s, WAL {r['wal_bytes']} bytes")
    if name == "reminder-restart":
        return "; ".join(f"{c['signal']} in a backlog of {r['events_per_cycle']}: {c['duplicates']} duplicates, "
                         f"{c['lost']} lost, {c['interrupted']} not sent (at-most-once)" for c in r["cycles"])
    if name == "memory-limit":
        return (f"512 MiB cgroup, {r['clients']} clients, {r['seconds']:.0f} s, {r['requests']} requests, "
                f"5xx {r['errors_5xx']}, OOM kills {r['oom_kills']}, alive {r['alive']}, peak RSS {r['peak_rss_mib']} MiB")
    if name == "maven-tests":
        return r["summary"]
    return json.dumps(r)


def main():
    log_dir = sys.argv[1]
    rows = []
    for step in sys.argv[2:]:
        name, status = step.split("=")
        r = result_of(os.path.join(log_dir, name + ".log"))
        verdict = "skipped" if r.get("skipped") else ("pass" if status == "0" else "FAIL")
        rows.append((name, verdict, figures(name, r) or f"see {log_dir}/{name}.log"))
    width = max(len(name) for name, _, _ in rows)
    print()
    print(f"{'step'.ljust(width)}  result   figures")
    print(f"{'-' * width}  -------  {'-' * 60}")
    for name, verdict, text in rows:
        print(f"{name.ljust(width)}  {verdict.ljust(7)}  {text}")


if __name__ == "__main__":
    main()

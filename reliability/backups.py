#!/usr/bin/env python3
"""Backups taken while writers run: each passes integrity_check, holds every write acknowledged before it was asked
for, and the last one restores (docs/operations.md, "Restore") into a service that answers those writes.

The packaged service runs on a fresh file database with a seeded store; --writers clients upsert guilds and record
each acknowledged write; --backups backups are taken (POST /api/v1/admin/backup) while they write. Then the service
stops, every backup file is checked with Python's own SQLite, and the last backup is restored into a new data folder
and the service started on it.

usage: reliability/backups.py [--backups 5] [--writers 4] [--seed-guilds 100] [--jar PATH] [--port P]
Prints one line per backup and a RESULT line (JSON); exit status 1 when a check fails.
"""
import argparse
import json
import os
import shutil
import sqlite3
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import ADMIN_KEY, CLEAN_EXIT_CODES, Service, fresh_data_folder, integrity  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--backups", type=int, default=5)
parser.add_argument("--writers", type=int, default=4)
parser.add_argument("--seed-guilds", type=int, default=100, help="guilds of 500 members written before the backups")
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28475)
parser.add_argument("--data", default="target/backups-run")
args = parser.parse_args()

GUILD_BASE = 940000000000000000
SEED_BASE = 945000000000000000


def seed(service):
    for g in range(args.seed_guilds):
        guild = str(SEED_BASE + g)
        service.call("PUT", f"/api/v1/guilds/{guild}", {"name": f"seed {g}"})
        members = [{"userId": str(100000000000000000 + g * 1000 + u), "username": f"member {u} " + "x" * 30, "isBot": False}
                   for u in range(500)]
        status, _, answer = service.call("PUT", f"/api/v1/guilds/{guild}/users", members)
        if status != 200:
            raise SystemExit(f"seeding failed: {status} {answer}")


def writer(service, number, stop, acknowledged, statuses, lock):
    sequence = 0
    while not stop.is_set():
        sequence += 1
        guild = GUILD_BASE + number * 10_000_000 + sequence
        status, _, _ = service.call("PUT", f"/api/v1/guilds/{guild}", {"name": f"w{guild}"})
        with lock:
            statuses[status] = statuses.get(status, 0) + 1
            if 200 <= status < 300:
                acknowledged.append(guild)


def guilds_in(backup):
    connection = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT guild_id FROM guild")}
    finally:
        connection.close()


def main():
    data = fresh_data_folder(args.jar, args.data)
    database = os.path.join(data, "reminder-store.db")
    backup_dir = os.path.join(data, "backups")
    service = Service(args.jar, args.port, database, os.path.join(data, "service.log"), backup_dir,
                      {"BACKUP_KEEP": str(args.backups + 1)})
    failures = []
    taken = []  # (file, writes acknowledged before the backup was asked for, seconds, quick_check)
    acknowledged, statuses, lock, stop = [], {}, threading.Lock(), threading.Event()
    try:
        service.start()
        seed(service)
        threads = [threading.Thread(target=writer, args=(service, n, stop, acknowledged, statuses, lock))
                   for n in range(args.writers)]
        for thread in threads:
            thread.start()
        time.sleep(1)
        for _ in range(args.backups):
            with lock:
                before = list(acknowledged)
            started = time.monotonic()
            status, _, report = service.call("POST", "/api/v1/admin/backup", key=ADMIN_KEY, timeout=120)
            seconds = time.monotonic() - started
            if status != 201:
                failures.append(f"backup answered {status}: {report}")
                continue
            taken.append((os.path.join(backup_dir, report["backup"]["name"]), before, seconds, report["quickCheck"]))
            time.sleep(0.5)
        stop.set()
        for thread in threads:
            thread.join()
        code, _, _ = service.stop()
        if code not in CLEAN_EXIT_CODES:
            failures.append(f"the service exited with {code}")
    finally:
        stop.set()
        service.kill()

    for file, before, seconds, quick_check in taken:
        result = integrity(file)
        missing = set(before) - guilds_in(file)
        print(f"backup {os.path.basename(file)}: {os.path.getsize(file) / 1e6:.1f} MB in {seconds:.2f} s,"
              f" quick_check {quick_check}, integrity_check {result}, {len(before)} earlier writes, {len(missing)} missing")
        if result != "ok" or quick_check != "ok" or missing:
            failures.append(f"{os.path.basename(file)}: integrity {result}, {len(missing)} missing")

    restored_ok = False
    if taken:
        file, before, _, _ = taken[-1]
        restored = os.path.join(data, "restored", "reminder-store.db")
        os.makedirs(os.path.dirname(restored))
        shutil.copy(file, restored)
        service = Service(args.jar, args.port, restored, os.path.join(data, "restored", "service.log"),
                          os.path.join(data, "restored", "backups"))
        try:
            service.start()
            lost = [g for g in before if service.call("GET", f"/api/v1/guilds/{g}")[0] != 200]
            seeded = service.call("GET", f"/api/v1/guilds/{SEED_BASE}/users?limit=1")[0]
            restored_ok = not lost and seeded == 200
            print(f"restore of the last backup: the service started on it and answered {len(before) - len(lost)}"
                  f" of {len(before)} writes acknowledged before it; seeded members {seeded}")
            if not restored_ok:
                failures.append(f"restore: {len(lost)} writes missing, seeded members {seeded}")
            service.stop()
        finally:
            service.kill()

    writes_5xx = sum(count for status, count in statuses.items() if status >= 500)
    result = {"script": "backups", "backups": len(taken), "writes_during": sum(statuses.values()),
              "write_statuses": {str(k): v for k, v in sorted(statuses.items())}, "writes_5xx": writes_5xx,
              "max_backup_s": round(max((t[2] for t in taken), default=0), 2), "restored": restored_ok,
              "failures": failures}
    if writes_5xx:
        failures.append(f"{writes_5xx} writes answered 5xx during the backups")
    print("RESULT " + json.dumps(result))
    if failures or len(taken) != args.backups:
        print("backups: FAILED: " + "; ".join(failures))
        sys.exit(1)
    print(f"backups: {len(taken)} backups during {sum(statuses.values())} writes, all intact, the last one restored")


if __name__ == "__main__":
    main()

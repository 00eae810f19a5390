#!/usr/bin/env python3
"""Kill -9 under write load: no acknowledged write may be lost, and the file must stay intact.

Each cycle starts the packaged service on one SQLite file, runs concurrent writers that record every write the
service acknowledged with a 2xx, kills the process with SIGKILL at a random moment, checks the file with
PRAGMA integrity_check (Python's own SQLite), restarts the service and reads every acknowledged write back.

usage: reliability/kill9.py [--cycles N] [--writers N] [--jar PATH] [--port P]
Exit status 0 when every cycle lost nothing; prints one line per cycle and a summary line.
"""
import argparse
import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--cycles", type=int, default=20)
parser.add_argument("--writers", type=int, default=16)
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28472)
parser.add_argument("--data", default="target/kill9")
args = parser.parse_args()

KEY = "kill9-admin-key"
HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer " + KEY}
os.makedirs(args.data, exist_ok=True)
db = os.path.join(args.data, "reminder-store.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)


def start():
    env = dict(os.environ, DATABASE_PATH=db, PORT=str(args.port), API_KEY="kill9-bot-key", ADMIN_API_KEY=KEY,
               AUTO_MIGRATE="false", REMINDER_DELIVERY="log", BACKUP_DIR=os.path.join(args.data, "backups"))
    log = open(os.path.join(args.data, "service.log"), "a")
    process = subprocess.Popen(["java", "-jar", args.jar], env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            sys.exit(f"service exited at start with {process.returncode}; see {args.data}/service.log")
        try:
            status, _ = call("GET", "/q/health/ready")
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit("service not ready within 120 s")


def call(method, path, body=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=timeout)
    try:
        conn.request(method, path, body=None if body is None else json.dumps(body), headers=HEADERS)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def writer(number, cycle, stop, acknowledged):
    """Writes until stopped; records what the service acknowledged."""
    sequence = 0
    guild = 1000 + number
    while not stop.is_set():
        sequence += 1
        user = cycle * 1_000_000 + number * 10_000 + sequence
        try:
            if sequence % 3 == 0:
                message = 5_000_000_000 + user
                status, _ = call("PUT", f"/api/v1/events/{message}",
                                 {"channelId": "1", "guildId": str(guild), "title": f"t{user}"}, timeout=5)
                kind = ("event", str(message))
            else:
                status, _ = call("PUT", f"/api/v1/guilds/{guild}/users/{user}", {"username": f"u{user}"}, timeout=5)
                kind = ("user", f"{guild}/{user}")
        except OSError:
            continue  # the kill cut this request: not acknowledged, not counted
        if 200 <= status < 300:
            acknowledged.append(kind)


def verify(acknowledged):
    lost = []
    for kind, key in acknowledged:
        path = f"/api/v1/events/{key}" if kind == "event" else f"/api/v1/guilds/{key.split('/')[0]}/users/{key.split('/')[1]}"
        status, _ = call("GET", path)
        if status != 200:
            lost.append((kind, key, status))
    return lost


total_acknowledged = total_lost = 0
rng = random.Random(7)
for cycle in range(1, args.cycles + 1):
    service = start()
    stop = threading.Event()
    acknowledged = []
    threads = [threading.Thread(target=writer, args=(n, cycle, stop, acknowledged)) for n in range(args.writers)]
    for thread in threads:
        thread.start()
    # kill at a random moment once writes are flowing (a slow machine must not make a cycle test nothing)
    deadline = time.time() + 60
    while len(acknowledged) < 20 and time.time() < deadline:
        time.sleep(0.01)
    time.sleep(rng.uniform(0.0, 1.5))
    service.send_signal(signal.SIGKILL)
    service.wait()
    stop.set()
    for thread in threads:
        thread.join()
    integrity = sqlite3.connect(db).execute("pragma integrity_check").fetchone()[0]
    service = start()
    lost = verify(acknowledged)
    service.send_signal(signal.SIGTERM)
    service.wait(timeout=60)
    total_acknowledged += len(acknowledged)
    total_lost += len(lost)
    print(f"cycle {cycle}: {len(acknowledged)} acknowledged writes, {len(lost)} lost, integrity_check {integrity}", flush=True)
    if lost or integrity != "ok" or not acknowledged:
        print(f"LOST: {lost[:10]}", flush=True)
        sys.exit(1)
print(f"kill -9: {args.cycles} cycles, {total_acknowledged} acknowledged writes, {total_lost} lost")
print("RESULT " + json.dumps({"script": "kill9", "cycles": args.cycles, "acknowledged": total_acknowledged,
                             "lost": total_lost, "integrity": "ok"}))

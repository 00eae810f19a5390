#!/usr/bin/env python3
"""Rehearses what an orchestrator does with the packaged service, and measures it.

Starts target/quarkus-app/quarkus-run.jar (or a native binary) on a fresh data folder, then:
  1. waits for /q/health/ready and reports Quarkus's "started in" time, the CPU time used to get there and the
     resident memory (VmRSS);
  2. drives a mixed load (guilds, bulk member lists, events, answers, status reads) and reports VmRSS again;
  3. sends SIGTERM while bulk writes are in flight and checks that every request the server had accepted
     got its answer (graceful shutdown within quarkus.shutdown.timeout), then reports how long the stop took.

Usage (after ./mvnw package):
  docker/rehearse.py                                  # java with the JVM flags of docker/Dockerfile.jvm
  docker/rehearse.py --java-opts "-Xmx256m"           # other JVM flags
  docker/rehearse.py --command target/*-runner        # a native binary
Only the Python standard library is needed. Exits non-zero when a check fails.
"""
import argparse
import concurrent.futures
import json
import os
import re
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

# The JVM options of docker/Dockerfile.jvm as run-java.sh composes them for a 512 MiB memory limit (docker/kubernetes.yaml):
# -Xmx is JAVA_MAX_MEM_RATIO=50 % of the limit, -Xms a quarter of that; the heap-ratio flags are run-java.sh's own.
IMAGE_JAVA_OPTS = ("-XX:+UseSerialGC -Xms64m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20"
                   " -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java-opts", default=IMAGE_JAVA_OPTS, help="JVM flags (default: the image's)")
    parser.add_argument("--command", help="run this instead of java -jar (e.g. a native binary)")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--members", type=int, default=2000, help="members per guild in the load")
    parser.add_argument("--events", type=int, default=200, help="events in the load")
    args = parser.parse_args()

    keys = {"API_KEY": secrets.token_hex(16), "ADMIN_API_KEY": secrets.token_hex(16)}
    service = Service(args, keys)
    try:
        service.start()
        started_in = service.wait_until_ready()
        print(f"ready: Quarkus 'started in' {started_in} ({service.cpu_seconds():.1f} s of CPU);"
              f" VmRSS {service.rss_mib()} MiB after start")

        client = Client(args.port, keys["API_KEY"])
        timing = load(client, args.members, args.events)
        print(f"load: {timing}; VmRSS {service.rss_mib()} MiB after the load")

        ok = graceful_stop(client, service, args.members)
    finally:
        service.kill()
    sys.exit(0 if ok else 1)


class Service:
    def __init__(self, args, keys):
        self.args = args
        self.keys = keys
        self.data = tempfile.mkdtemp(prefix="reminder-store-rehearsal-")
        self.log_path = os.path.join(self.data, "service.log")
        self.process = None

    def start(self):
        if self.args.command:
            command = shlex.split(self.args.command)
        else:
            command = ["java", *shlex.split(self.args.java_opts), "-jar", "target/quarkus-app/quarkus-run.jar"]
        env = dict(os.environ, PORT=str(self.args.port), DATABASE_PATH=os.path.join(self.data, "reminder-store.db"),
                   BACKUP_DIR=os.path.join(self.data, "backups"), LEGACY_JSON_PATH=os.path.join(self.data, "none.json"),
                   LEGACY_TIMEZONE="UTC", REMINDER_DELIVERY="log", **self.keys)
        print(f"starting: {' '.join(command)} (data in {self.data})")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the service exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.args.port}/q/health/ready", timeout=2) as answer:
                    if answer.status == 200:
                        return self.started_in()
            except OSError:  # refused while starting, or slow to answer
                pass
            time.sleep(0.05)
        raise SystemExit(f"not ready after {timeout} s; see {self.log_path}")

    def started_in(self):
        with open(self.log_path) as log:
            found = re.search(r"started in ([0-9.]+s)", log.read())
        return found.group(1) if found else "?"

    def rss_mib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            kib = int(re.search(r"VmRSS:\s+(\d+) kB", status.read()).group(1))
        return round(kib / 1024)

    def cpu_seconds(self):
        """User and system CPU time used so far: unlike wall-clock time, it hardly depends on other load."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Client:
    def __init__(self, port, api_key):
        self.base = f"http://127.0.0.1:{port}/api/v1"
        self.headers = {"Content-Type": "application/json", "Accept": "application/json",
                        "Authorization": f"Bearer {api_key}"}

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code


def load(client, members, events):
    """Two guilds with their member lists, events with half the members answering, then status reads."""
    guilds = ["900000000000000001", "900000000000000002"]
    started = time.monotonic()
    requests = 0

    def expect(status, method, path, body=None):
        answer = client.call(method, path, body)
        if answer != status:
            raise SystemExit(f"{method} {path} answered {answer}, expected {status}")

    for guild in guilds:
        expect(201, "PUT", f"/guilds/{guild}", {"name": "rehearsal", "settings": {}})
        expect(200, "PUT", f"/guilds/{guild}/users", member_list(members))
        requests += 2
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        def event_with_answers(n):
            message = str(910000000000000000 + n)
            expect(201, "POST", "/events", {"messageId": message, "channelId": "920000000000000000",
                                            "guildId": guilds[n % 2], "title": f"Match {n}"})
            expect(200, "PUT", f"/events/{message}/reactions",
                   [{"userId": str(800000000000000000 + u), "emoji": "✅"} for u in range(0, members, 2)])
            for _ in range(20):
                expect(200, "GET", f"/events/{message}/status")
            return 22

        requests += sum(pool.map(event_with_answers, range(events)))
    return f"{requests} requests in {time.monotonic() - started:.1f} s"


def member_list(members):
    return [{"userId": str(800000000000000000 + u), "username": f"user{u}", "isBot": False} for u in range(members)]


def graceful_stop(client, service, members):
    """Bulk writes on 8 threads; SIGTERM while they run. Every request sent before it must be answered.

    The writers send nothing after SIGTERM, as an orchestrator stops routing to a terminating pod; Quarkus keeps
    serving (with Connection: close) while it drains, so late requests would only blur the check.
    """
    outcomes = []
    lock = threading.Lock()
    stop_sent = threading.Event()

    def writer(worker):
        guild = str(930000000000000000 + worker)
        client.call("PUT", f"/guilds/{guild}", {"name": "stop", "settings": {}})
        while not stop_sent.is_set():
            try:
                outcome = str(client.call("PUT", f"/guilds/{guild}/users", member_list(members)))
            except OSError as error:  # refused, reset, timed out
                outcome = f"lost: {getattr(error, 'reason', error)!r}"
            with lock:
                outcomes.append((stop_sent.is_set(), outcome))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    stop_sent.set()
    term_at = time.monotonic()
    service.process.send_signal(signal.SIGTERM)
    exit_code = service.process.wait(timeout=120)
    stopped_after = time.monotonic() - term_at
    for thread in threads:
        thread.join()

    in_flight = [outcome for answered_after_term, outcome in outcomes if answered_after_term]
    summary = {o: in_flight.count(o) for o in sorted(set(in_flight))}
    print(f"stop: {len(outcomes) - len(in_flight)} bulk writes answered before SIGTERM; the {len(in_flight)} in flight "
          f"at SIGTERM ended {summary}; the process exited with {exit_code} {stopped_after:.2f} s after SIGTERM")
    ok = True
    failed = [o for o in in_flight if o not in ("200", "201")]
    if failed:
        print(f"FAIL: {len(failed)} requests in flight at SIGTERM were not answered with success")
        ok = False
    # 143 = 128 + SIGTERM: the JVM's exit code once its shutdown hooks (Quarkus's graceful stop) have finished
    if exit_code not in (0, 143):
        print(f"FAIL: exit code {exit_code} after SIGTERM")
        ok = False
    wal = os.path.join(service.data, "reminder-store.db-wal")
    wal_bytes = os.path.getsize(wal) if os.path.exists(wal) else None
    with open(service.log_path) as log:
        checkpoint = [line.split(") ", 1)[-1] for line in log if "WAL checkpoint at shutdown" in line]
    print(f"stop: WAL after the stop: {'gone' if wal_bytes is None else f'{wal_bytes} bytes'};"
          f" {checkpoint[-1] if checkpoint else 'no shutdown checkpoint logged'}")
    if wal_bytes or not checkpoint:
        print("FAIL: the WAL was not checkpointed at shutdown")
        ok = False
    print("RESULT " + json.dumps({"script": "rehearse", "in_flight": len(in_flight), "in_flight_failed": len(failed),
                                 "exit_code": exit_code, "stop_s": round(stopped_after, 2), "wal_bytes": wal_bytes or 0}))
    return ok


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The service inside its pod's memory limit: the packaged jar in a 512 MiB memory cgroup, with the image's JVM flags.

Loads a store through the API (full form: 100 guilds x 1,000 members, 3,000 events, 1.5 M answers; bench/load.py does
the loading), then runs --seconds of random GET /events/{id}/status, GET /events/{id} and PUT of one answer at
--clients keep-alive connections, with one whole-store export (GET /admin/export) during the run.

Passes when: the service is alive at the end (no OOM kill: the cgroup's oom_kill count stays 0), no 5xx and no
connection error. Reports the peak resident size of the JVM (VmHWM) and the cgroup's own peak (which also counts the
page cache of the database file that the kernel gives back under pressure).

The JVM flags are the image's: run-java.sh's -XX:MaxRAMPercentage=50 and the GC_CONTAINER_OPTIONS, JAVA_OPTS_APPEND,
MALLOC_ARENA_MAX, SQLITE_CACHE_MIB and WORKER_THREADS that docker/Dockerfile.jvm sets, read from that file.
cgroup v2 (memory.max) or v1 (memory.limit_in_bytes), whichever is mounted; swap is turned off in the group. Needs
root and a writable cgroup tree: otherwise SKIPPED with the reason, exit status 0.

usage: reliability/memory_limit.py [--short] [--nmt] [--seconds 60] [--clients 32] [--limit-mib 512] [--jar PATH] [--port P]
  --short: 20 guilds x 500 members, 400 events, 100,000 answers, 20 s (CI)
Prints the figures and a RESULT line (JSON); exit status 1 when a check fails.
"""
import argparse
import collections
import http.client
import json
import os
import random
import re
import shlex
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import ADMIN_KEY, BOT_KEY, Service, fresh_data_folder  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# What run-java.sh adds by itself in the image (JAVA_MAX_RAM_RATIO's default); the image's -Xmx overrides it.
RUN_JAVA_DEFAULTS = ["-XX:MaxRAMPercentage=50"]
IMAGE_ENV = ("MALLOC_ARENA_MAX", "SQLITE_CACHE_MIB", "WORKER_THREADS")
# bench/load.py's ids (bench/wrk/common.lua)
GUILD_BASE, USER_BASE, MESSAGE_BASE = 1100000000000000000, 1200000000000000000, 1300000000000000000

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--short", action="store_true")
parser.add_argument("--seconds", type=float)
parser.add_argument("--clients", type=int, default=32)
parser.add_argument("--limit-mib", type=int, default=512)
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28479)
parser.add_argument("--data", default="target/memory-limit")
parser.add_argument("--nmt", action="store_true",
                    help="also -XX:NativeMemoryTracking=summary, and print where the JVM's memory is after the load")
args = parser.parse_args()
if args.short:
    GUILDS, MEMBERS, EVENTS, PER_EVENT, SECONDS = 20, 500, 400, 250, 20
else:
    GUILDS, MEMBERS, EVENTS, PER_EVENT, SECONDS = 100, 1000, 3000, 500, 60
SECONDS = args.seconds or SECONDS


def skip(reason):
    print(f"SKIPPED: memory limit test not run: {reason}")
    print("RESULT " + json.dumps({"script": "memory_limit", "skipped": reason}))
    sys.exit(0)


def image_settings():
    """(JVM flags, environment) as docker/Dockerfile.jvm sets them."""
    env = {}
    with open(os.path.join(ROOT, "docker", "Dockerfile.jvm")) as dockerfile:
        text = dockerfile.read().replace("\\\n", " ")
    for line in text.splitlines():
        if line.startswith("ENV "):
            for token in shlex.split(line[4:]):
                if "=" in token:
                    name, value = token.split("=", 1)
                    env[name] = value
    flags = RUN_JAVA_DEFAULTS + shlex.split(env.get("GC_CONTAINER_OPTIONS", "")) + [
        # loopback only here: the image listens on every interface of its pod
        "-Dquarkus.http.host=127.0.0.1" if flag.startswith("-Dquarkus.http.host=") else flag
        for flag in shlex.split(env.get("JAVA_OPTS_APPEND", ""))]
    return flags, {name: env[name] for name in IMAGE_ENV if name in env}


class MemoryGroup:
    """A memory cgroup of its own with a hard limit and no swap, on v2 or v1."""

    def __init__(self, limit_bytes):
        name = f"reminder-store-memory-limit-{os.getpid()}"
        if os.path.exists("/sys/fs/cgroup/cgroup.controllers"):
            with open("/sys/fs/cgroup/cgroup.controllers") as controllers:
                if "memory" not in controllers.read().split():
                    skip("cgroup v2 without the memory controller")
            self.version, self.path = 2, f"/sys/fs/cgroup/{name}"
        elif os.path.isdir("/sys/fs/cgroup/memory"):
            self.version, self.path = 1, f"/sys/fs/cgroup/memory/{name}"
        else:
            skip("no memory cgroup is mounted (neither v2 nor v1)")
        try:
            os.mkdir(self.path)
        except OSError as e:
            skip(f"cannot create a memory cgroup ({e})")
        if self.version == 2:
            self.write("memory.max", limit_bytes)
            self.write("memory.swap.max", 0, optional=True)
        else:
            self.write("memory.limit_in_bytes", limit_bytes)
            self.write("memory.memsw.limit_in_bytes", limit_bytes, optional=True)
            self.write("memory.swappiness", 0, optional=True)

    def write(self, file, value, optional=False):
        try:
            with open(os.path.join(self.path, file), "w") as f:
                f.write(str(value))
        except OSError:
            if not optional:
                raise

    def read(self, file):
        with open(os.path.join(self.path, file)) as f:
            return f.read()

    def enter(self):
        """For preexec_fn: moves the calling (child) process into the group before it runs java."""
        with open(os.path.join(self.path, "cgroup.procs"), "w") as procs:
            procs.write(str(os.getpid()))

    def oom_kills(self):
        text = self.read("memory.events" if self.version == 2 else "memory.oom_control")
        counts = dict(line.split() for line in text.splitlines() if line.strip())
        return int(counts.get("oom_kill", 0))

    def peak_bytes(self):
        if self.version == 1:
            return int(self.read("memory.max_usage_in_bytes"))
        try:
            return int(self.read("memory.peak"))
        except OSError:
            return None

    def anon_bytes(self):
        stat = dict(line.split() for line in self.read("memory.stat").splitlines())
        return int(stat.get("anon", stat.get("rss", 0)))

    def remove(self):
        try:
            os.rmdir(self.path)
        except OSError:
            pass


def vm_kib(pid, field):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


class Load:
    """--clients threads, each on one keep-alive connection, picking status, GET or PUT at random."""

    def __init__(self, port):
        self.port = port
        self.lock = threading.Lock()
        self.counts = collections.Counter()
        self.errors = []
        self.latencies = collections.defaultdict(list)
        self.stop_at = None

    def client(self, seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + BOT_KEY}
        while time.monotonic() < self.stop_at:
            i = rng.randrange(EVENTS)
            message = MESSAGE_BASE + i
            kind = rng.choices(["status", "get", "put"], [5, 3, 2])[0]
            body = None
            if kind == "status":
                method, path = "GET", f"/api/v1/events/{message}/status"
            elif kind == "get":
                method, path = "GET", f"/api/v1/events/{message}"
            else:
                user = USER_BASE + (i % GUILDS) * MEMBERS + rng.randrange(MEMBERS)
                method, path = "PUT", f"/api/v1/events/{message}/reactions/{user}"
                body = json.dumps({"emoji": rng.choice(["✅", "❌", "❓"])})
            started = time.monotonic()
            try:
                connection.request(method, path, body=body, headers=headers)
                answer = connection.getresponse()
                answer.read()
                status = answer.status
            except (OSError, http.client.HTTPException) as e:
                status = "error"
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                with self.lock:
                    if len(self.errors) < 10:
                        self.errors.append(f"{method} {path}: {e!r}")
            elapsed = time.monotonic() - started
            with self.lock:
                self.counts[(kind, status)] += 1
                self.latencies[kind].append(elapsed)
        connection.close()

    def run(self, seconds, clients):
        self.stop_at = time.monotonic() + seconds
        threads = [threading.Thread(target=self.client, args=(k,)) for k in range(clients)]
        for thread in threads:
            thread.start()
        return threads


def export(port, result):
    """GET /admin/export, read to the end; keeps the status, the bytes and the time."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", "/api/v1/admin/export", headers={"Authorization": "Bearer " + ADMIN_KEY})
        answer = connection.getresponse()
        size = 0
        while chunk := answer.read(1 << 20):
            size += len(chunk)
        result.update(status=answer.status, bytes=size, seconds=round(time.monotonic() - started, 1))
    except (OSError, http.client.HTTPException) as e:
        result.update(status="error", error=repr(e))
    finally:
        connection.close()


def native_memory(pid, path):
    """jcmd VM.native_memory summary: the committed MiB of each category (the whole answer goes to path)."""
    text = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True).stdout
    with open(path, "w") as out:
        out.write(text)
    committed = {}
    for match in re.finditer(r"^-?\s*(\w[\w ]*?) \(reserved=\d+KB, committed=(\d+)KB\)", text, re.MULTILINE):
        committed[match.group(1).strip()] = round(int(match.group(2)) / 1024)
    print("native memory tracking, committed MiB: " + ", ".join(f"{k} {v}" for k, v in committed.items() if v))
    return committed


def percentile(values, p):
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else None


def main():
    if os.geteuid() != 0:
        skip("needs root to create a memory cgroup")
    jar = os.path.abspath(args.jar)
    data = fresh_data_folder(jar, args.data)
    flags, image_env = image_settings()
    if args.nmt:
        flags.append("-XX:NativeMemoryTracking=summary")
    group = MemoryGroup(args.limit_mib * 1024 * 1024)
    print(f"cgroup v{group.version} {group.path}, limit {args.limit_mib} MiB, no swap")
    print(f"JVM flags of docker/Dockerfile.jvm: {' '.join(flags)}; environment {image_env}")
    service = Service(jar, args.port, os.path.join(data, "store.db"), os.path.join(data, "service.log"),
                      os.path.join(data, "backups"), extra_env=image_env, java_options=flags, preexec_fn=group.enter)
    failures = []
    figures = {}
    try:
        service.start(timeout=300)
        pid = service.process.pid
        print(f"ready; RSS {vm_kib(pid, 'VmRSS') // 1024} MiB")
        started = time.monotonic()
        env = dict(os.environ, BENCH_API_KEY=BOT_KEY)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "load.py"), f"http://127.0.0.1:{args.port}",
                        str(GUILDS), str(MEMBERS), str(EVENTS), str(PER_EVENT)], env=env, check=True)
        figures["load_s"] = round(time.monotonic() - started, 1)
        figures["store_mib"] = round(os.path.getsize(os.path.join(data, "store.db")) / 2**20)
        figures["rss_after_load_mib"] = vm_kib(pid, "VmRSS") // 1024
        print(f"loaded {GUILDS} guilds x {MEMBERS} members, {EVENTS} events, {EVENTS * PER_EVENT} answers in "
              f"{figures['load_s']} s; store {figures['store_mib']} MiB, RSS {figures['rss_after_load_mib']} MiB")

        load = Load(args.port)
        threads = load.run(SECONDS, args.clients)
        exported = {}
        time.sleep(min(5, SECONDS / 4))
        exporter = threading.Thread(target=export, args=(args.port, exported))
        exporter.start()
        rss_samples = []
        while any(thread.is_alive() for thread in threads):
            rss = vm_kib(pid, "VmRSS")
            if rss is None:
                break
            rss_samples.append(rss)
            time.sleep(0.5)
        for thread in threads + [exporter]:
            thread.join()
        if args.nmt:
            figures["nmt_committed_mib"] = native_memory(pid, os.path.join(data, "nmt.txt"))
        alive = service.process.poll() is None
        figures.update(
            alive=alive, exit_code=service.process.returncode, oom_kills=group.oom_kills(),
            peak_rss_mib=(vm_kib(pid, "VmHWM") or max(rss_samples, default=0)) // 1024,
            cgroup_peak_mib=(group.peak_bytes() or 0) // 2**20, anon_end_mib=group.anon_bytes() // 2**20,
            export=exported, clients=args.clients, seconds=SECONDS,
            requests=sum(load.counts.values()),
            errors_5xx=sum(n for (_, status), n in load.counts.items() if isinstance(status, int) and status >= 500),
            connection_errors=sum(n for (_, status), n in load.counts.items() if status == "error"),
            other_statuses={f"{kind} {status}": n for (kind, status), n in load.counts.items()
                            if status not in (200, 201, "error") and not (isinstance(status, int) and status >= 500)},
            p50_ms={kind: percentile(v, 0.50) for kind, v in load.latencies.items()},
            p99_ms={kind: percentile(v, 0.99) for kind, v in load.latencies.items()})
        print(f"{figures['requests']} requests in {SECONDS:.0f} s at {args.clients} connections: "
              f"5xx {figures['errors_5xx']}, connection errors {figures['connection_errors']}, "
              f"other {figures['other_statuses']}; p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
        print(f"export: {exported}")
        print(f"peak RSS {figures['peak_rss_mib']} MiB, cgroup peak {figures['cgroup_peak_mib']} MiB (with page cache), "
              f"anon at the end {figures['anon_end_mib']} MiB, OOM kills {figures['oom_kills']}")
        for error in load.errors:
            print("  " + error)
        if not alive:
            failures.append(f"the service died (exit {service.process.returncode})")
        if figures["oom_kills"]:
            failures.append(f"{figures['oom_kills']} OOM kill(s) in the cgroup")
        if figures["errors_5xx"]:
            failures.append(f"{figures['errors_5xx']} answers were 5xx")
        if figures["connection_errors"]:
            failures.append(f"{figures['connection_errors']} connection errors")
        if figures["other_statuses"]:
            failures.append(f"unexpected statuses {figures['other_statuses']}")
        if exported.get("status") != 200:
            failures.append(f"the export answered {exported}")
    finally:
        service.kill()
        group.remove()
    for failure in failures:
        print("FAIL: " + failure)
    print("PASS" if not failures else f"{len(failures)} check(s) failed; see {service.log_path}")
    print("RESULT " + json.dumps({"script": "memory_limit", "failures": len(failures), **figures}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

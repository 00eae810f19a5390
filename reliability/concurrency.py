#!/usr/bin/env python3
"""Sustained concurrency: 64 clients mixing every endpoint family against the packaged service on a file database.

Each client loops over a weighted mix of guild, user and member-list, event (create, read, replace, PATCH with
If-Match, list, status, delete), reaction (single and bulk), reminder (/remind, logs) and, rarely, admin (database
info, backup, integrity check) requests, for --seconds. A watcher polls /q/health/ready every 250 ms.

Passes when: no 5xx, no "database is locked" / SQLITE_BUSY in any answer or in the service log, no unexpected status
(the statuses a request may legitimately get, such as 412 for a stale If-Match or 409 for /remind when nobody is
missing, are counted apart), no connection error, readiness UP in every sample, and p99 latency within --p99-ms.

usage: reliability/concurrency.py [--seconds 120] [--warmup 5] [--clients 64] [--p99-ms 1000] [--jar PATH] [--port P]
Prints per-family counts and latencies, and a RESULT line (JSON); exit status 1 when a check fails.
"""
import argparse
import collections
import http.client
import json
import os
import random
import re
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import ADMIN_KEY, BOT_KEY, CLEAN_EXIT_CODES, Service, fresh_data_folder, integrity  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--seconds", type=float, default=120, help="measured time, after the warm-up")
parser.add_argument("--warmup", type=float, default=5, help="seconds of the same load first, not measured (JIT)")
parser.add_argument("--clients", type=int, default=64)
parser.add_argument("--p99-ms", type=float, default=1000,
                    help="bound on the 99th percentile latency (docs/reliability.md explains the default)")
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28474)
parser.add_argument("--data", default="target/concurrency")
parser.add_argument("--seed", type=int, default=64)
args = parser.parse_args()

BUSY = re.compile(r"database is locked|SQLITE_BUSY", re.IGNORECASE)
GUILDS = 8
MEMBERS = 50
EMOJIS = ["✅", "❌", "👍", "🎉"]
GUILD_BASE = 970000000000000000
USER_BASE = 980000000000000000
EVENT_BASE = 990000000000000000
CHANNEL = "975000000000000000"


class Client:
    """One keep-alive connection, as a bot's HTTP client keeps one; records every answer."""

    def __init__(self, stats, key=BOT_KEY):
        self.stats_box = stats if isinstance(stats, list) else [stats]  # swapped for fresh Stats after the warm-up
        self.key = key
        self.connection = None

    def call(self, family, method, path, body=None, expected=(200,), headers=None):
        sent = {"Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + self.key}
        sent.update(headers or {})
        data = None if body is None else json.dumps(body)
        started = time.monotonic()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
            self.connection.request(method, path, body=data, headers=sent)
            answer = self.connection.getresponse()
            raw = answer.read()
            status = answer.status
            if answer.getheader("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            self.stats_box[0].record(family, method, path, None, time.monotonic() - started, expected, str(error))
            return None, None, None
        self.stats_box[0].record(family, method, path, status, time.monotonic() - started, expected, raw.decode(errors="replace"))
        try:
            return status, answer, json.loads(raw) if raw else None
        except ValueError:
            return status, answer, None

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.family_latencies = collections.defaultdict(list)
        self.route_latencies = collections.defaultdict(list)
        self.families = collections.Counter()
        self.statuses = collections.Counter()
        self.expected_4xx = collections.Counter()
        self.unexpected = []
        self.server_errors = []
        self.busy_answers = []
        self.connection_errors = []

    def absorb_failures(self, other):
        for name in ("unexpected", "server_errors", "busy_answers", "connection_errors"):
            getattr(self, name).extend(getattr(other, name))

    def record(self, family, method, path, status, seconds, expected, text):
        with self.lock:
            self.latencies.append(seconds)
            self.family_latencies[family].append(seconds)
            self.families[family] += 1
            self.statuses[status] += 1
            route = f"{method} {re.sub(r'[0-9]{6,}', '{id}', path.split('?')[0])}"
            self.route_latencies[route].append(seconds)
            if status is None:
                self.connection_errors.append(f"{route}: {text}")
            elif status >= 500:
                self.server_errors.append(f"{route} {status}: {text[:300]}")
            elif status not in expected:
                self.unexpected.append(f"{route} {status} (expected {expected}): {text[:300]}")
            elif status >= 400:
                self.expected_4xx[f"{status} {route}"] += 1
            if BUSY.search(text or ""):
                self.busy_answers.append(f"{route} {status}: {text[:300]}")


class World:
    """Ids shared by the clients: guilds with members, and events anyone may read, answer and patch."""

    def __init__(self):
        self.lock = threading.Lock()
        self.events = []
        self.serial = 0

    def next_id(self):
        with self.lock:
            self.serial += 1
            return self.serial

    def guild(self, rng):
        return str(GUILD_BASE + rng.randrange(GUILDS))

    def member(self, rng, guild):
        return str(USER_BASE + (int(guild) - GUILD_BASE) * 1000 + rng.randrange(MEMBERS))

    def event(self, rng):
        with self.lock:
            return rng.choice(self.events)


def members_of(guild, count=MEMBERS):
    g = int(guild) - GUILD_BASE
    return [{"userId": str(USER_BASE + g * 1000 + u), "username": f"member {u}", "isBot": False} for u in range(count)]


def event_body(world, rng, message=None):
    guild = world.guild(rng)
    body = {"channelId": CHANNEL, "guildId": guild, "title": f"match {rng.randrange(1000)}",
            "description": "concurrency", "intervalMinutes": 60.0, "requiredReactions": ["✅", "❌"]}
    if message:
        body["messageId"] = message
    return body


def setup(client, world, rng):
    for g in range(GUILDS):
        guild = str(GUILD_BASE + g)
        client.call("setup", "PUT", f"/api/v1/guilds/{guild}", {"name": f"guild {g}", "settings": {"tz": "UTC"}}, (200, 201))
        client.call("setup", "PUT", f"/api/v1/guilds/{guild}/users", members_of(guild))
    for n in range(64):
        message = str(EVENT_BASE + n)
        client.call("setup", "PUT", f"/api/v1/events/{message}", event_body(world, rng), (200, 201))
        world.events.append(message)


# --- the mix: (family, weight, operation) -------------------------------------------------------------------------

def guild_upsert(c, world, rng):
    guild = world.guild(rng)
    c.call("guild", "PUT", f"/api/v1/guilds/{guild}", {"name": f"guild {rng.randrange(100)}", "settings": {"n": rng.randrange(9)}}, (200, 201))


def guild_read(c, world, rng):
    c.call("guild", "GET", f"/api/v1/guilds/{world.guild(rng)}")


def guild_list(c, world, rng):
    walk_pages(c, "guild", "/api/v1/guilds?limit=3")


def guild_create_delete(c, world, rng):
    guild = str(GUILD_BASE + 500_000 + world.next_id())
    c.call("guild", "PUT", f"/api/v1/guilds/{guild}", {"name": "short-lived"}, (201,))
    c.call("guild", "DELETE", f"/api/v1/guilds/{guild}", expected=(204,))


def user_upsert(c, world, rng):
    guild = world.guild(rng)
    c.call("user", "PUT", f"/api/v1/guilds/{guild}/users/{world.member(rng, guild)}",
           {"username": f"renamed {rng.randrange(100)}", "isBot": False}, (200, 201))


def user_read(c, world, rng):
    guild = world.guild(rng)
    # another client may just have replaced the member list without this one: 404 is a legitimate answer
    c.call("user", "GET", f"/api/v1/guilds/{guild}/users/{world.member(rng, guild)}", expected=(200, 404))


def user_list(c, world, rng):
    walk_pages(c, "user", f"/api/v1/guilds/{world.guild(rng)}/users?limit=20")


def member_list_replace(c, world, rng):
    guild = world.guild(rng)
    c.call("user", "PUT", f"/api/v1/guilds/{guild}/users", members_of(guild, MEMBERS - rng.randrange(3)))


def user_create_delete(c, world, rng):
    guild = world.guild(rng)
    user = str(USER_BASE + 900_000_000 + world.next_id())
    c.call("user", "PUT", f"/api/v1/guilds/{guild}/users/{user}", {"username": "visitor"}, (201,))
    # 404: another client replaced the guild's member list in between, without the visitor
    c.call("user", "DELETE", f"/api/v1/guilds/{guild}/users/{user}", expected=(204, 404))


def event_read(c, world, rng):
    c.call("event", "GET", f"/api/v1/events/{world.event(rng)}")


def event_replace(c, world, rng):
    c.call("event", "PUT", f"/api/v1/events/{world.event(rng)}", event_body(world, rng), (200,))


def event_patch(c, world, rng):
    """Read the version, then patch with If-Match: 412 when another client changed the event in between."""
    message = world.event(rng)
    status, answer, _ = c.call("event", "GET", f"/api/v1/events/{message}")
    if status != 200:
        return
    c.call("event", "PATCH", f"/api/v1/events/{message}", {"title": f"patched {rng.randrange(1000)}"}, (200, 412),
           {"If-Match": answer.getheader("ETag"), "Content-Type": "application/merge-patch+json"})


def event_patch_stale(c, world, rng):
    c.call("event", "PATCH", f"/api/v1/events/{world.event(rng)}", {"isPaused": False}, (412,),
           {"If-Match": '"-1"', "Content-Type": "application/merge-patch+json"})


def event_list(c, world, rng):
    walk_pages(c, "event", f"/api/v1/events?guildId={world.guild(rng)}&limit=5")


def event_status(c, world, rng):
    c.call("event", "GET", f"/api/v1/events/{world.event(rng)}/status")


def event_create_delete(c, world, rng):
    message = str(EVENT_BASE + 500_000 + world.next_id())
    c.call("event", "POST", "/api/v1/events", event_body(world, rng, message), (201,))
    c.call("event", "DELETE", f"/api/v1/events/{message}", expected=(204,))


def reaction_single(c, world, rng):
    message = world.event(rng)
    user = str(USER_BASE + rng.randrange(GUILDS) * 1000 + rng.randrange(MEMBERS))
    c.call("reaction", "PUT", f"/api/v1/events/{message}/reactions/{user}", {"emoji": rng.choice(EMOJIS)}, (200, 201))
    if rng.random() < 0.3:
        # another client's bulk replacement may have removed it already
        c.call("reaction", "DELETE", f"/api/v1/events/{message}/reactions/{user}", expected=(204, 404))


def reaction_bulk(c, world, rng):
    message = world.event(rng)
    guild = world.guild(rng)
    answers = [{"userId": m["userId"], "emoji": rng.choice(EMOJIS)} for m in members_of(guild) if rng.random() < 0.5]
    c.call("reaction", "PUT", f"/api/v1/events/{message}/reactions", answers)


def reaction_list(c, world, rng):
    walk_pages(c, "reaction", f"/api/v1/events/{world.event(rng)}/reactions?limit=20")


def remind(c, world, rng):
    # 409: everybody has answered, nothing to send
    c.call("reminder", "POST", f"/api/v1/events/{world.event(rng)}/remind", expected=(200, 409))


def reminder_logs(c, world, rng):
    if rng.random() < 0.5:
        walk_pages(c, "reminder", f"/api/v1/events/{world.event(rng)}/reminder-logs?limit=5")
    else:
        walk_pages(c, "reminder", "/api/v1/reminder-logs?limit=50", max_pages=3)


def admin(c, world, rng):
    admin_client = Client(c.stats_box, ADMIN_KEY)
    choice = rng.random()
    if choice < 0.5:
        admin_client.call("admin", "GET", "/api/v1/admin/database")
    elif choice < 0.8:
        admin_client.call("admin", "POST", "/api/v1/admin/integrity-check")
    else:
        admin_client.call("admin", "POST", "/api/v1/admin/backup", expected=(201, 409))
    admin_client.close()


def walk_pages(c, family, path, max_pages=5):
    """Follows nextCursor for a few pages."""
    for _ in range(max_pages):
        status, _, page = c.call(family, "GET", path)
        cursor = page.get("nextCursor") if status == 200 and isinstance(page, dict) else None
        if not cursor:
            return
        path = re.sub(r"&cursor=[^&]*", "", path) + "&cursor=" + cursor


MIX = [
    (guild_upsert, 4), (guild_read, 6), (guild_list, 2), (guild_create_delete, 1),
    (user_upsert, 6), (user_read, 6), (user_list, 2), (member_list_replace, 2), (user_create_delete, 1),
    (event_read, 8), (event_replace, 3), (event_patch, 4), (event_patch_stale, 1), (event_list, 2), (event_status, 6),
    (event_create_delete, 2),
    (reaction_single, 8), (reaction_bulk, 2), (reaction_list, 2),
    (remind, 1), (reminder_logs, 2),
    (admin, 0.1),
]


def client_loop(number, world, stats_box, stop):
    rng = random.Random(args.seed * 1000 + number)
    client = Client(stats_box)
    operations = [operation for operation, _ in MIX]
    weights = [weight for _, weight in MIX]
    while not stop.is_set():
        rng.choices(operations, weights)[0](client, world, rng)
    client.close()


def readiness_watcher(stats_out, stop):
    samples = down = 0
    failures = []
    client = Client(Stats(), key="")
    while not stop.is_set():
        status, _, body = client.call("ready", "GET", "/q/health/ready")
        samples += 1
        if status != 200:
            down += 1
            failures.append(f"{status}: {json.dumps(body)[:300]}")
        stop.wait(0.25)
    stats_out.update(samples=samples, down=down, failures=failures[:5])


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main():
    data = fresh_data_folder(args.jar, args.data)
    database = os.path.join(data, "reminder-store.db")
    log = os.path.join(data, "service.log")
    service = Service(args.jar, args.port, database, log, os.path.join(data, "backups"))
    failures = []
    try:
        service.start()
        world = World()
        setup(Client(Stats()), world, random.Random(args.seed))
        stats_box = [Stats()]
        readiness = {}
        stop = threading.Event()
        watcher = threading.Thread(target=readiness_watcher, args=(readiness, stop))
        clients = [threading.Thread(target=client_loop, args=(n, world, stats_box, stop)) for n in range(args.clients)]
        watcher.start()
        for thread in clients:
            thread.start()
        time.sleep(args.warmup)
        warmup = stats_box[0]
        stats = stats_box[0] = Stats()
        started = time.monotonic()
        time.sleep(args.seconds)
        stop.set()
        for thread in clients + [watcher]:
            thread.join()
        elapsed = time.monotonic() - started
        code, stop_seconds, checkpoint = service.stop()
        log_busy = len(BUSY.findall(service.log_text()))
        file_integrity = integrity(database)
    finally:
        service.kill()

    stats.absorb_failures(warmup)  # a failure during the warm-up counts as much as one after it
    latencies = sorted(stats.latencies)
    total = len(latencies)
    result = {
        "script": "concurrency", "clients": args.clients, "seconds": round(elapsed, 1), "requests": total,
        "requests_per_s": round(total / elapsed), "families": dict(stats.families),
        "statuses": {str(k): v for k, v in sorted(stats.statuses.items(), key=lambda kv: str(kv[0]))},
        "expected_4xx": sum(stats.expected_4xx.values()), "unexpected": len(stats.unexpected),
        "5xx": len(stats.server_errors), "connection_errors": len(stats.connection_errors),
        "busy_in_answers": len(stats.busy_answers), "busy_in_log": log_busy,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1), "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1), "p99_bound_ms": args.p99_ms,
        "readiness_samples": readiness["samples"], "readiness_down": readiness["down"],
        "exit_code": code, "stop_s": round(stop_seconds, 2), "integrity": file_integrity,
    }
    print(f"concurrency: {args.clients} clients for {elapsed:.0f} s after a {args.warmup:.0f} s warm-up:"
          f" {total} requests ({result['requests_per_s']}/s)")
    for family, count in sorted(stats.families.items()):
        times = sorted(stats.family_latencies[family])
        print(f"  {family:9} {count:7} requests, p50 {percentile(times, 0.5) * 1000:7.1f} ms, p99 {percentile(times, 0.99) * 1000:7.1f} ms")
    routes = [(percentile(sorted(times), 0.5), percentile(sorted(times), 0.99), route, len(times))
              for route, times in stats.route_latencies.items()]
    print("  slowest routes (p50 / p99 ms, requests): " + ", ".join(
        f"{route} {p50 * 1000:.0f} / {p99 * 1000:.0f} ({count})" for p50, p99, route, count in sorted(routes, reverse=True)[:6]))
    print(f"  statuses: {result['statuses']}")
    print(f"  expected 4xx: {dict(stats.expected_4xx.most_common())}")
    print(f"  latency p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
    print(f"  readiness: {readiness['down']} of {readiness['samples']} samples not UP")
    print(f"  stop: exit code {code} after {stop_seconds:.2f} s; {checkpoint}; integrity_check {file_integrity}")
    for name, problems in (("5xx", stats.server_errors), ("unexpected status", stats.unexpected),
                           ("connection error", stats.connection_errors), ("database is locked", stats.busy_answers),
                           ("readiness not UP", readiness["failures"])):
        if problems:
            failures.append(f"{len(problems)} {name}")
            print(f"  FAIL {name}: {len(problems)}, e.g. {problems[:3]}")
    if log_busy:
        failures.append(f"{log_busy} 'database is locked' in the service log")
    if result["p99_ms"] > args.p99_ms:
        failures.append(f"p99 {result['p99_ms']} ms above the bound {args.p99_ms} ms")
    if code not in CLEAN_EXIT_CODES or file_integrity != "ok":
        failures.append(f"stop exit code {code}, integrity {file_integrity}")
    result["failures"] = failures
    print("RESULT " + json.dumps(result))
    if failures:
        print("concurrency: FAILED: " + "; ".join(failures) + f"; service log: {log}")
        sys.exit(1)
    print("concurrency: every check passed")


if __name__ == "__main__":
    main()

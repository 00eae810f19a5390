#!/usr/bin/env python3
"""Creates the benchmark data set through the API: GUILDS guilds x MEMBERS members, EVENTS events, and
REACTIONS_PER_EVENT answers per event (100 x 1,000, 10,000 and 20 by default: 200,000 reactions).

usage: load.py BASE_URL GUILDS MEMBERS EVENTS REACTIONS_PER_EVENT   (API key from BENCH_API_KEY)
Ids follow bench/wrk/common.lua: event i is message 1300000000000000000+i in guild i % GUILDS.
"""
import http.client
import json
import os
import random
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

base, guilds, members, events, per_event = sys.argv[1], *(int(a) for a in sys.argv[2:6])
url = urllib.parse.urlparse(base)
key = os.environ.get("BENCH_API_KEY", "")
headers = {"Content-Type": "application/json"}
if key:
    headers["Authorization"] = "Bearer " + key
# not due during the run: the reminder job must not compete with the scenarios
NOW = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
GUILD_BASE, USER_BASE, MESSAGE_BASE, CHANNEL_BASE = 1100000000000000000, 1200000000000000000, 1300000000000000000, 1400000000000000000


def connection():
    return http.client.HTTPConnection(url.hostname, url.port, timeout=120)


def send(conn, method, path, body):
    conn.request(method, path, body=json.dumps(body, ensure_ascii=False).encode(), headers=headers)
    answer = conn.getresponse()
    text = answer.read()
    if answer.status >= 300:
        raise SystemExit(f"{method} {path} -> {answer.status} {text[:300]!r}")


def load_guild(g):
    conn = connection()
    send(conn, "PUT", f"/api/v1/guilds/{GUILD_BASE + g}", {"name": f"guild {g}"})
    send(conn, "PUT", f"/api/v1/guilds/{GUILD_BASE + g}/users",
         [{"userId": str(USER_BASE + g * members + j), "username": f"user{j}", "isBot": j == 0} for j in range(members)])
    conn.close()


def load_events(worker, workers):
    rng = random.Random(worker)
    conn = connection()
    for i in range(worker, events, workers):
        g = i % guilds
        send(conn, "PUT", f"/api/v1/events/{MESSAGE_BASE + i}", {
            "channelId": str(CHANNEL_BASE + g), "guildId": str(GUILD_BASE + g), "title": f"Event {i} 🐉",
            "intervalMinutes": rng.choice([5, 15, 30, 60, 120, 1440]),
            "lastReminder": NOW})
        answered = rng.sample(range(members), min(per_event, members))
        send(conn, "PUT", f"/api/v1/events/{MESSAGE_BASE + i}/reactions",
             [{"userId": str(USER_BASE + g * members + j), "emoji": rng.choice(["✅", "❌", "❓"])} for j in answered])
    conn.close()


start = time.time()
with ThreadPoolExecutor(4) as pool:
    list(pool.map(load_guild, range(guilds)))
    list(pool.map(lambda w: load_events(w, 4), range(4)))
print(f"loaded {guilds} guilds x {members} members, {events} events, {events * per_event} reactions "
      f"in {time.time() - start:.1f} s", file=sys.stderr)

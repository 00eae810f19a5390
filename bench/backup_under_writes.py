#!/usr/bin/env python3
"""Backups while the service writes, and the WAL size under steady writes (docs/operations.md).

usage: bench/backup_under_writes.py BASE_URL DATA_FOLDER [--fill]
  --fill  first creates 300 guilds with 1,000 members each (about 38 MB)
Reads the keys from DATA_FOLDER/api-key and DATA_FOLDER/admin-api-key (the generated ones).
"""
import collections
import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request

BASE, DATA = sys.argv[1], sys.argv[2]
BOT_KEY = open(os.path.join(DATA, 'api-key')).read().strip()
ADMIN_KEY = open(os.path.join(DATA, 'admin-api-key')).read().strip()
WAL = os.path.join(DATA, 'reminder-store.db-wal')


def call(method, path, body=None, key=BOT_KEY):
    request = urllib.request.Request(BASE + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def fill():
    for g in range(300):
        guild = 900000000000000000 + g
        call('PUT', f'/api/v1/guilds/{guild}', {'name': f'guild {g}'})
        members = [{'userId': str(100000000000000000 + g * 10000 + u), 'username': f'user-{u}-' + 'x' * 40, 'isBot': False}
                   for u in range(1000)]
        call('PUT', f'/api/v1/guilds/{guild}/users', members)


def with_writers(work, writers=4):
    """Runs work() while `writers` threads upsert guilds; returns the write statuses."""
    stop = threading.Event()
    statuses = collections.Counter()

    def write(n):
        i = 0
        while not stop.is_set():
            status, _ = call('PUT', f'/api/v1/guilds/{800000000000000000 + n * 10000000 + i}', {'name': 'load'})
            statuses[status] += 1
            i += 1

    threads = [threading.Thread(target=write, args=(n + int(time.time()) % 100 * 10,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    try:
        work()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    return dict(statuses)


def backups():
    time.sleep(2)
    for _ in range(3):
        start = time.time()
        status, body = call('POST', '/api/v1/admin/backup', key=ADMIN_KEY)
        print(f'backup {status} in {time.time() - start:.2f} s: {body[:160].decode()}')


def wal_samples():
    sizes = []
    for _ in range(20):
        time.sleep(1)
        sizes.append(os.path.getsize(WAL) if os.path.exists(WAL) else 0)
    print(f'WAL size, sampled every second: max {max(sizes)} bytes, {sizes}')


if '--fill' in sys.argv:
    fill()
print('writes during the backups:', with_writers(backups))
print('writes during the WAL samples:', with_writers(wal_samples))

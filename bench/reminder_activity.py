#!/usr/bin/env python3
"""The console chart's query (GET /api/v1/admin/reminder-activity) on a reminder log of 1,000,000 rows.

Builds a SQLite store from the service's own migrations (src/main/resources/db/sqlite, V1..latest), fills the log
with --rows rows spread evenly over the last --days days (statuses 90% sent, 8% failed, 2% pending), then times the
statement reminder/ReminderActivity runs, by hour over 24 hours and by day over 30 days. The ceiling of the same run
is the same statement on the same rows with the schema before V5 (an index on scheduled_at alone, so every matched
row is read from the table): the ratio says what the covering index (scheduled_at, status) buys.

usage: bench/reminder_activity.py [--rows 1000000] [--days 30] [--runs 7] [--data target/reminder-activity]
"""
import argparse
import glob
import os
import random
import re
import sqlite3
import statistics
import time

parser = argparse.ArgumentParser()
parser.add_argument("--rows", type=int, default=1_000_000)
parser.add_argument("--days", type=int, default=30)
parser.add_argument("--runs", type=int, default=7, help="timed runs of each query (after one untimed)")
parser.add_argument("--data", default="target/reminder-activity")
args = parser.parse_args()

HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
# The statement of reminder/ReminderActivity on SQLite (timestamps are epoch milliseconds there).
QUERY = ("select (scheduled_at - ?) / ? as bucket, status, count(*) from reminderlog"
         " where scheduled_at >= ? and scheduled_at < ? group by bucket, status")


def migrations():
    def version(path):
        return int(re.match(r"V(\d+)__", os.path.basename(path)).group(1))
    return sorted(glob.glob("src/main/resources/db/sqlite/V*__*.sql"), key=version)


def build(path, before_v5):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    for migration in migrations():
        if before_v5 and re.match(r"V([5-9]|\d\d+)__", os.path.basename(migration)):
            continue
        db.executescript(open(migration).read())
    now = int(time.time() * 1000)
    db.execute("insert into guild (guild_id, name, settings, created_at, updated_at) values (1, 'bench', '{}', ?, ?)",
               (now, now))
    db.execute("insert into event (id, message_id, channel_id, guild_id, title, last_reminder, required_reactions,"
               " created_at, updated_at) values (1, 1, 1, 1, 'bench', ?, '[]', ?, ?)", (now, now, now))
    rng = random.Random(42)
    start = now - args.days * DAY_MS
    step = args.days * DAY_MS / args.rows

    def rows():
        for i in range(args.rows):
            draw = rng.random()
            status = "sent" if draw < 0.90 else "failed" if draw < 0.98 else "pending"
            at = int(start + i * step)
            yield (1, at, at if status == "sent" else None, 3, status, now, now)

    db.executemany("insert into reminderlog (event_id, scheduled_at, sent_at, users_notified, status, created_at,"
                   " updated_at) values (?, ?, ?, ?, ?, ?, ?)", rows())
    db.commit()
    db.execute("analyze")
    return db, now


def timed(db, width, since, now):
    parameters = (since, width, since, now)
    db.execute(QUERY, parameters).fetchall()  # warm the page cache
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        rows = db.execute(QUERY, parameters).fetchall()
        times.append((time.perf_counter() - began) * 1000)
    counted = sum(row[2] for row in rows)
    plan = " / ".join(row[3] for row in db.execute("explain query plan " + QUERY, parameters))
    return statistics.median(times), counted, plan


def main():
    os.makedirs(args.data, exist_ok=True)
    print(f"== reminder log of {args.rows:,} rows over {args.days} days; {args.runs} timed runs per query, medians;"
          f" SQLite {sqlite3.sqlite_version}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    results = {}
    for name, before_v5 in (("V5 index (scheduled_at, status)", False), ("before V5: index (scheduled_at)", True)):
        began = time.perf_counter()
        db, now = build(os.path.join(args.data, "before-v5.db" if before_v5 else "v5.db"), before_v5)
        print(f"   built {name} in {time.perf_counter() - began:.1f} s")
        day_since = now - 24 * HOUR_MS
        month_since = now - 30 * DAY_MS
        results[name] = {
            "24 h by hour": timed(db, HOUR_MS, day_since - day_since % HOUR_MS, now),
            "30 d by day": timed(db, DAY_MS, month_since - month_since % DAY_MS, now),
        }
        db.close()
    service, ceiling = results.values()
    print("| query | rows counted | V5 ms | before V5 ms | × before V5 | plan (V5) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for query, (ms, counted, plan) in service.items():
        old_ms = ceiling[query][0]
        print(f"| {query} | {counted:,} | {ms:.1f} | {old_ms:.1f} | {ms / old_ms:.2f} | {plan} |")


if __name__ == "__main__":
    main()

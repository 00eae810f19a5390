#!/usr/bin/env python3
"""Restarts in the middle of a reminder backlog: no reminder sent twice, none lost.

The service runs with the reminder job on, delivering to a webhook receiver run here (it counts the deliveries per
event, dropping a delivery id it has already had as docs/reminders.md tells a receiver to, and answers after
--delay-ms). A backlog of --events events is written that all fall due at one moment once
written; when a third of it has been delivered the service is stopped: SIGKILL in the first cycle, SIGTERM in the
second. It is started again and left to drain the backlog (and carries the next cycle). Then, per event:
  * duplicates: more than one delivery (must be 0);
  * lost: no delivery and no failed reminder log (must be 0);
  * interrupted: claimed, then never delivered and recorded failed ("interrupted"). None may be: the claims a
    killed process left are leases that the next start takes over once they expire, and delivers again with the
    same delivery id (repeats counts the copies the receiver dropped); after SIGTERM the batch in flight is finished
    first (reminder.shutdown-wait).

usage: reliability/reminder_restart.py [--events 400] [--delay-ms 20] [--jar PATH] [--port P]
Prints one line per cycle and a RESULT line (JSON); exit status 1 when a check fails.
"""
import argparse
import collections
import json
import os
import signal
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import CLEAN_EXIT_CODES, Service, fresh_data_folder, integrity  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--events", type=int, default=400)
parser.add_argument("--delay-ms", type=float, default=20, help="the webhook's answer time")
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28476)
parser.add_argument("--webhook-port", type=int, default=28477)
parser.add_argument("--data", default="target/reminder-restart")
args = parser.parse_args()

LEASE_SECONDS = 5
GUILD = "930000000000000001"
EVENT_BASE = 935000000000000000
deliveries = collections.Counter()  # messageId -> deliveries
seen_deliveries = set()  # X-Reminder-Delivery ids already had
repeats = collections.Counter()  # messageId -> copies dropped
deliveries_lock = threading.Lock()


class Webhook(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        time.sleep(args.delay_ms / 1000)
        delivery = self.headers["X-Reminder-Delivery"]
        with deliveries_lock:
            if delivery in seen_deliveries:
                repeats[body["event"]["messageId"]] += 1
            else:
                seen_deliveries.add(delivery)
                deliveries[body["event"]["messageId"]] += 1
        self.send_response(204)
        self.end_headers()

    def log_message(self, *ignored):
        pass


def service(data):
    return Service(args.jar, args.port, os.path.join(data, "reminder-store.db"), os.path.join(data, "service.log"),
                   os.path.join(data, "backups"), {
                       "REMINDER_DELIVERY": "webhook", "REMINDER_POLL_INTERVAL": "1s",
                       "REMINDER_WEBHOOK_URL": f"http://127.0.0.1:{args.webhook_port}/reminders",
                       "REMINDER_WEBHOOK_SECRET": "reliability-webhook-secret",
                       # a killed process's claims are taken over this long after it died
                       "REMINDER_LEASE": f"{LEASE_SECONDS}s",
                       # several claim batches in the backlog, so that a stop falls between two of them
                       "REMINDER_CLAIM_BATCH_SIZE": "50"})


def write_backlog(running, messages):
    """A guild whose members answered nothing, and events that all fall due at the same moment, once written."""
    running.call("PUT", f"/api/v1/guilds/{GUILD}", {"name": "backlog"})
    running.call("PUT", f"/api/v1/guilds/{GUILD}/users",
                 [{"userId": str(920000000000000000 + u), "username": f"m{u}"} for u in range(5)])
    due_at = datetime.now(timezone.utc) + timedelta(seconds=5 + 0.03 * len(messages))
    last_reminder = (due_at - timedelta(minutes=60)).isoformat().replace("+00:00", "Z")
    for message in messages:
        status, _, answer = running.call("PUT", f"/api/v1/events/{message}", {
            "channelId": "925000000000000000", "guildId": GUILD, "title": "backlog", "intervalMinutes": 60.0,
            "lastReminder": last_reminder})
        if status not in (200, 201):
            raise SystemExit(f"writing the backlog failed: {status} {answer}")
    if datetime.now(timezone.utc) >= due_at:
        raise SystemExit("writing the backlog took longer than planned: the first events fell due before the last was written")


def delivered(messages):
    with deliveries_lock:
        return sum(deliveries[m] for m in messages)


def logs_of(client, message):
    status, _, page = client.call("GET", f"/api/v1/events/{message}/reminder-logs?limit=10")
    return page["items"] if status == 200 else []


def cycle(number, stop_signal, running, data):
    """Backlog on the running service, stopped a third of the way in; the next one drains it. Returns it and the figures."""
    messages = [str(EVENT_BASE + number * 100_000 + n) for n in range(args.events)]
    write_backlog(running, messages)
    deadline = time.monotonic() + 180
    while delivered(messages) < args.events // 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    at_stop = delivered(messages)
    running.process.send_signal(stop_signal)
    code = running.process.wait(timeout=60)
    after_stop = delivered(messages)

    drainer = service(data)
    drainer.start()
    quiet_since, last = time.monotonic(), -1
    while time.monotonic() - quiet_since < 5 + LEASE_SECONDS and time.monotonic() < deadline + 120:
        now = delivered(messages)
        if now != last:
            quiet_since, last = time.monotonic(), now
        time.sleep(0.2)
    statuses = collections.Counter()
    duplicates, lost, interrupted, sent_but_interrupted = [], [], [], []
    for message in messages:
        logs = logs_of(drainer, message)
        count = deliveries[message]
        kinds = [(log["status"], log.get("errorMessage")) for log in logs]
        statuses.update(status for status, _ in kinds)
        was_interrupted = any(status == "failed" and error == "interrupted" for status, error in kinds)
        if count > 1:
            duplicates.append(message)
        elif count == 0 and was_interrupted:
            interrupted.append(message)
        elif count == 0:
            lost.append((message, kinds))
        elif was_interrupted:
            sent_but_interrupted.append(message)
    name = "SIGKILL" if stop_signal == signal.SIGKILL else "SIGTERM"
    print(f"cycle {number} ({name} after {at_stop} of {args.events} deliveries; {after_stop - at_stop} more answered"
          f" while it stopped, exit {code}): {len(duplicates)} duplicates, {len(lost)} lost, {len(interrupted)} interrupted"
          f" (not sent), {len(sent_but_interrupted)} sent but recorded interrupted,"
          f" {sum(repeats[m] for m in messages)} repeated deliveries dropped by the receiver; logs {dict(statuses)}",
          flush=True)
    return drainer, {"signal": name, "delivered_at_stop": at_stop, "duplicates": len(duplicates), "lost": len(lost),
                     "interrupted": len(interrupted), "sent_recorded_interrupted": len(sent_but_interrupted),
                     "repeats": sum(repeats[m] for m in messages), "exit_code": code, "lost_examples": lost[:3]}


def main():
    data = fresh_data_folder(args.jar, args.data)
    receiver = ThreadingHTTPServer(("127.0.0.1", args.webhook_port), Webhook)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    running = service(data)
    cycles = []
    try:
        running.start()
        for number, stop_signal in ((1, signal.SIGKILL), (2, signal.SIGTERM)):
            running, figures = cycle(number, stop_signal, running, data)
            cycles.append(figures)
        running.stop()
    finally:
        running.kill()
        receiver.shutdown()
    failures = []
    for result in cycles:
        if result["duplicates"] or result["lost"] or result["interrupted"]:
            failures.append(f"{result['signal']}: {result['duplicates']} duplicates, {result['lost']} lost,"
                            f" {result['interrupted']} interrupted {result['lost_examples']}")
    graceful = cycles[1]
    if graceful["interrupted"] or graceful["sent_recorded_interrupted"] or graceful["exit_code"] not in CLEAN_EXIT_CODES:
        failures.append(f"SIGTERM did not finish the deliveries in flight: {graceful}")
    file_integrity = integrity(os.path.join(data, "reminder-store.db"))
    if file_integrity != "ok":
        failures.append(f"integrity_check {file_integrity}")
    print("RESULT " + json.dumps({"script": "reminder_restart", "events_per_cycle": args.events, "cycles": cycles,
                                  "integrity": file_integrity, "failures": failures}))
    if failures:
        print("reminder restart: FAILED: " + "; ".join(failures))
        sys.exit(1)
    print("reminder restart: no duplicate, nothing lost")


if __name__ == "__main__":
    main()

"""The packaged service as the reliability scripts run it: started on a data folder, called over HTTP, stopped.

Python standard library only. Used by reliability/storage_faults.py and reliability/concurrency.py.
"""
import http.client
import json
import os
import shutil
import signal
import subprocess
import time

# A graceful stop by SIGTERM: Quarkus finishes its shutdown, then the JVM exits with 128 + 15 (Docker and Kubernetes
# expect exactly that from a process they stop); 0 when the process ends on its own.
CLEAN_EXIT_CODES = (0, 143)
BOT_KEY = "reliability-bot-key-0123456789"
ADMIN_KEY = "reliability-admin-key-0123456789"


class Service:
    """One run of target/quarkus-app/quarkus-run.jar on DATABASE_PATH=database, logging into log_path."""

    def __init__(self, jar, port, database, log_path, backup_dir, extra_env=None, java_options=(), preexec_fn=None):
        """java_options: JVM flags before -jar; preexec_fn: run in the child before java starts (a cgroup move)."""
        self.jar = jar
        self.java_options = list(java_options)
        self.preexec_fn = preexec_fn
        self.port = port
        self.database = database
        self.log_path = log_path
        self.backup_dir = backup_dir
        self.extra_env = extra_env or {}
        self.process = None

    def start(self, timeout=120):
        env = dict(os.environ, DATABASE_PATH=self.database, PORT=str(self.port), API_KEY=BOT_KEY,
                   ADMIN_API_KEY=ADMIN_KEY, AUTO_MIGRATE="false", REMINDER_DELIVERY="log", BACKUP_DIR=self.backup_dir)
        env.update(self.extra_env)
        with open(self.log_path, "a") as log:
            self.process = subprocess.Popen(["java", *self.java_options, "-jar", self.jar], env=env, stdout=log,
                                            stderr=subprocess.STDOUT, preexec_fn=self.preexec_fn)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the service exited at start with {self.process.returncode}; see {self.log_path}")
            try:
                if self.call("GET", "/q/health/ready", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit(f"the service was not ready within {timeout} s; see {self.log_path}")

    def call(self, method, path, body=None, headers=None, key=BOT_KEY, timeout=30):
        """One request on a fresh connection: (status, headers dict, parsed JSON body or raw text)."""
        status, answer_headers, raw = self.raw_call(method, path, body, headers, key, timeout)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return status, answer_headers, parsed

    def raw_call(self, method, path, body=None, headers=None, key=BOT_KEY, timeout=30):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            sent = {"Content-Type": "application/json", "Accept": "application/json", "Authorization": "Bearer " + key}
            sent.update(headers or {})
            connection.request(method, path, body=None if body is None else json.dumps(body), headers=sent)
            answer = connection.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
        finally:
            connection.close()

    def ready(self):
        """The readiness status code and body."""
        status, _, body = self.call("GET", "/q/health/ready", timeout=10)
        return status, body

    def stop(self, timeout=60):
        """SIGTERM; returns the exit code, the seconds the stop took and the log line of the shutdown checkpoint."""
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=timeout)
        seconds = time.monotonic() - started
        checkpoint = [line for line in self.log_text().splitlines() if "WAL checkpoint at shutdown" in line]
        return code, seconds, checkpoint[-1].split(") ", 1)[-1] if checkpoint else None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def log_text(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()


def fresh_data_folder(jar, folder):
    """Checks that the jar is built, and empties the script's data folder; returns its absolute path."""
    if not os.path.exists(jar):
        raise SystemExit(f"{jar} is missing: run ./mvnw package -DskipTests first")
    folder = os.path.abspath(folder)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder


def remove_database(database):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)


def wal_bytes(database):
    """The size of the WAL file; None when there is none."""
    wal = database + "-wal"
    return os.path.getsize(wal) if os.path.exists(wal) else None


def integrity(database):
    """PRAGMA integrity_check by Python's own SQLite, on the file at rest."""
    import sqlite3
    connection = sqlite3.connect(database)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()

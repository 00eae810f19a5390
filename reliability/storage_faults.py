#!/usr/bin/env python3
"""Storage faults under the running service: a read-only file system and a full disk, and recovery by itself.

The database lives on a small tmpfs that this script mounts (root needed: without the right to mount it prints
SKIPPED and exits 0). For each fault, while the packaged service runs:
  * writes answer 503 application/problem+json whose detail names the fault; reads still answer 200;
  * /q/health/ready goes DOWN (503) within --bound seconds;
  * once the fault is gone the service recovers by itself (no restart, no request needed): readiness is UP within
    --bound seconds and writes succeed again.
At the end every write acknowledged with a 2xx is read back, the service is stopped with SIGTERM (exit code 0, WAL
checkpointed: the -wal file empty or gone) and PRAGMA integrity_check runs on the file.

Read-only: Linux refuses `mount -o remount,ro` while a process has files open for writing on it (EBUSY), and an
ext4 emergency read-only remount cannot be undone without unmounting. The script tries the remount and, when it is
refused, injects the same fault at the system-call boundary: reliability/readonly_shim.c (compiled here with cc,
LD_PRELOAD into the JVM) makes every write and every open-for-writing in the folder fail with EROFS while a flag
file exists. Disk full is real: a filler file takes the rest of the tmpfs.

usage: sudo reliability/storage_faults.py [--jar PATH] [--port P] [--size-mb N] [--bound SECONDS]
Exit status 0 when every check passed (or the run was skipped); prints one line per check and a RESULT line.
"""
import argparse
import errno
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import ADMIN_KEY, CLEAN_EXIT_CODES, Service, integrity, wal_bytes  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--jar", default="target/quarkus-app/quarkus-run.jar")
parser.add_argument("--port", type=int, default=28473)
parser.add_argument("--data", default="target/storage-faults", help="log, backups, shim and the mount point")
parser.add_argument("--size-mb", type=int, default=48, help="size of the tmpfs holding the database")
parser.add_argument("--bound", type=float, default=10.0, help="seconds within which readiness must change")
args = parser.parse_args()

DATA = os.path.abspath(args.data)
MOUNT = os.path.join(DATA, "db")
FLAG = os.path.join(DATA, "read-only-fault")
DATABASE = os.path.join(MOUNT, "reminder-store.db")
failures = []
acknowledged = []  # (path, expected name) of every write that got a 2xx
figures = {}


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def skip(reason):
    print("=" * 100)
    print(f"SKIPPED: storage fault tests not run: {reason}")
    print("=" * 100)
    print("RESULT " + json.dumps({"script": "storage_faults", "skipped": reason}))
    sys.exit(0)


def run(*command):
    return subprocess.run(command, capture_output=True, text=True)


def mount_tmpfs():
    os.makedirs(MOUNT, exist_ok=True)
    if os.path.ismount(MOUNT):
        run("umount", MOUNT)
    mounted = run("mount", "-t", "tmpfs", "-o", f"size={args.size_mb}m", "tmpfs", MOUNT)
    if mounted.returncode != 0:
        skip(f"cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): {mounted.stderr.strip()}")


def build_shim():
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None
    shim = os.path.join(DATA, "readonly_shim.so")
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "readonly_shim.c")
    built = run(compiler, "-shared", "-fPIC", "-O2", "-o", shim, source, "-ldl")
    if built.returncode != 0:
        print(built.stderr)
        return None
    return shim


serial = iter(range(1, 10**9))


def write_guild(service, blob_bytes=0):
    """Upserts a new guild; returns the status and the body. Remembers it when acknowledged."""
    number = next(serial)
    guild = str(960000000000000000 + number)
    body = {"name": f"guild {number}", "settings": {"blob": "x" * blob_bytes} if blob_bytes else {}}
    status, headers, answer = service.call("PUT", f"/api/v1/guilds/{guild}", body)
    if 200 <= status < 300:
        acknowledged.append((f"/api/v1/guilds/{guild}", body["name"]))
    return status, headers, answer


def seed(service, count=50):
    for _ in range(count):
        status, _, answer = write_guild(service)
        if status >= 300:
            raise SystemExit(f"seeding failed: {status} {answer}")


def wait_for_readiness(service, wanted, bound):
    """Polls readiness (no other request); returns the seconds it took to become `wanted`, or None."""
    started = time.monotonic()
    while time.monotonic() - started < bound:
        status, body = service.ready()
        if status == wanted:
            return time.monotonic() - started, body
        time.sleep(0.1)
    return None, service.ready()[1]


def storage_check(body):
    for entry in (body or {}).get("checks", []):
        if entry.get("name") == "storage":
            return entry
    return {}


def expect_fault(service, name, expected_code, write):
    """Writes fail with 503 problem+json naming the fault, reads answer, readiness goes DOWN."""
    status, headers, answer = write()
    detail = answer.get("detail", "") if isinstance(answer, dict) else str(answer)
    check(status == 503, f"{name}: a write answers 503 (got {status})")
    check(headers.get("content-type", "").startswith("application/problem+json"),
          f"{name}: the answer is problem+json ({headers.get('content-type')})")
    check(expected_code in detail, f"{name}: the detail names the fault: {detail!r}")
    path, expected_name = acknowledged[0]
    read_status, _, read = service.call("GET", path)
    check(read_status == 200 and read.get("name") == expected_name, f"{name}: a read answers 200 ({read_status})")
    took, body = wait_for_readiness(service, 503, args.bound)
    check(took is not None, f"{name}: readiness DOWN within {args.bound:.0f} s"
          + (f" ({took:.2f} s after the failed write): {json.dumps(storage_check(body).get('data'))}" if took is not None else ""))
    return detail, took


def expect_recovery(service, name):
    """Once the fault is gone: readiness UP by itself (only readiness is polled), then writes succeed."""
    took, body = wait_for_readiness(service, 200, args.bound)
    check(took is not None, f"{name}: readiness UP again by itself within {args.bound:.0f} s"
          + (f" ({took:.2f} s after the fault was removed)" if took is not None else f": {json.dumps(body)}"))
    status, _, answer = write_guild(service)
    check(200 <= status < 300, f"{name}: writes succeed again ({status})")
    return took


def read_only_scenario(service, shim):
    name = "read-only"
    print(f"{name}: the database's file system becomes read-only while the service runs", flush=True)
    remount = run("mount", "-o", "remount,ro", MOUNT)
    if remount.returncode == 0:
        print("  remounted read-only for real")
    else:
        if shim is None:
            print("  SKIPPED read-only: the remount was refused and there is no C compiler for the EROFS shim")
            figures[name] = "skipped"
            return
        print(f"  the kernel refused the read-only remount ({remount.stderr.strip().splitlines()[0]}):"
              " injecting EROFS into the folder's writes (readonly_shim)")
        open(FLAG, "w").close()
    detail, down = expect_fault(service, name, "SQLITE_", lambda: write_guild(service))
    if remount.returncode == 0:
        run("mount", "-o", "remount,rw", MOUNT)
    else:
        os.remove(FLAG)
    up = expect_recovery(service, name)
    figures[name] = {"detail": detail, "down_s": down and round(down, 2), "up_s": up and round(up, 2)}


def fill_disk():
    """Writes a filler file until the tmpfs is full; returns its path and size."""
    filler = os.path.join(MOUNT, "filler")
    written = 0
    with open(filler, "wb", buffering=0) as out:
        for chunk in (1 << 20, 1 << 12):
            block = b"\0" * chunk
            while True:
                try:
                    out.write(block)
                    written += chunk
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    return filler, written


def disk_full_scenario(service):
    name = "disk full"
    print(f"{name}: a filler file takes every free byte of the file system", flush=True)
    filler, size = fill_disk()
    print(f"  filler: {size / 1e6:.1f} MB")
    failed = []

    def write_until_refused():
        # SQLite may still have room in pages it already owns; writes succeed until it needs a new one.
        for _ in range(500):
            status, headers, answer = write_guild(service, blob_bytes=16_000)
            if status >= 300:
                failed.append(status)
                return status, headers, answer
        return status, headers, answer

    detail, down = expect_fault(service, name, "SQLITE_FULL", write_until_refused)
    os.remove(filler)
    up = expect_recovery(service, name)
    figures[name] = {"detail": detail, "down_s": down and round(down, 2), "up_s": up and round(up, 2)}


def main():
    if os.geteuid() != 0:
        skip("not root: mounting a tmpfs needs root (run it with sudo)")
    if not os.path.exists(args.jar):
        sys.exit(f"{args.jar} is missing: run ./mvnw package -DskipTests first")
    os.makedirs(DATA, exist_ok=True)
    mount_tmpfs()
    shim = build_shim()
    extra_env = {"STORAGE_FAULT_FLAG": FLAG, "STORAGE_FAULT_DIR": MOUNT}
    if shim:
        extra_env["LD_PRELOAD"] = shim
    if os.path.exists(FLAG):
        os.remove(FLAG)
    log = os.path.join(DATA, "service.log")
    open(log, "w").close()
    service = Service(args.jar, args.port, DATABASE, log, os.path.join(DATA, "backups"), extra_env)
    try:
        service.start()
        seed(service)
        read_only_scenario(service, shim)
        disk_full_scenario(service)
        lost = [path for path, expected in acknowledged
                if (lambda answer: answer[0] != 200 or answer[2].get("name") != expected)(service.call("GET", path))]
        check(not lost, f"all {len(acknowledged)} acknowledged writes read back ({len(lost)} lost: {lost[:5]})")
        status, _, report = service.call("POST", "/api/v1/admin/integrity-check", key=ADMIN_KEY)
        check(status == 200 and report.get("ok") is True, f"integrity check by the service: {status} {report}")
        code, seconds, checkpoint = service.stop()
        check(code in CLEAN_EXIT_CODES, f"SIGTERM: exit code {code} after {seconds:.2f} s")
        check(checkpoint is not None and "truncated" in checkpoint, f"shutdown log: {checkpoint}")
        wal = wal_bytes(DATABASE)
        check(not wal, f"WAL after the graceful stop: {'gone' if wal is None else f'{wal} bytes'}")
        result = integrity(DATABASE)
        check(result == "ok", f"PRAGMA integrity_check on the file at rest: {result}")
        figures.update(acknowledged=len(acknowledged), lost=len(lost), integrity=result, exit_code=code)
    finally:
        service.kill()
        if os.path.exists(FLAG):
            os.remove(FLAG)
        run("umount", MOUNT)
    print("RESULT " + json.dumps({"script": "storage_faults", "failures": len(failures), **figures}))
    if failures:
        print(f"storage faults: {len(failures)} checks FAILED; service log: {log}")
        sys.exit(1)
    print("storage faults: every check passed")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Summarises async-profiler's collapsed stacks (with thread frames): the CPU share of each kind of thread, where the
application threads spend it (by the innermost component on the stack), and their hottest methods (inclusive).
usage: profile_summary.py FILE [ROWS]"""
import collections
import re
import sys

path = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 25
THREADS = [("JIT compiler", r"Compiler ?Thre|C[12] Compiler"), ("HTTP event loops", r"vert\.x-eventloop"),
           ("request workers", r"executor-thread"), ("answer writer", r"reaction-writer"), ("main (start)", r"^\[main"),
           ("GC and VM", r"VM Thread|GC Thread|VM Periodic")]
# innermost match wins: the component that was running when the sample was taken
COMPONENTS = [("SQLite (native)", r"libsqlitejdbc|sqlite3"), ("sqlite-jdbc", r"^org/sqlite/"),
              ("Hibernate ORM", r"^org/hibernate/(?!validator)"), ("Hibernate Validator", r"^org/hibernate/validator"),
              ("Jackson (JSON)", r"^com/fasterxml/"), ("Agroal pool / Narayana JTA", r"^io/agroal|^com/arjuna|^io/quarkus/narayana"),
              ("class loading", r"defineClass|RunnerClassLoader"), ("Flyway", r"^org/flywaydb"),
              ("Micrometer", r"^io/micrometer|micrometer"), ("this service (dev/reminderstore)", r"^dev/reminderstore"),
              ("Quarkus REST", r"^org/jboss/resteasy|^io/quarkus/resteasy"), ("Vert.x / Netty", r"^io/vertx|^io/netty"),
              ("socket and thread syscalls", r"^(writev|__GI_write|__GI_read|epoll_wait|__futex|___pthread_cond|__lll_)")]
threads, components, methods, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
for line in open(path):
    stack, _, count = line.rstrip().rpartition(" ")
    count = int(count)
    frames = stack.split(";")
    total += count
    kind = next((name for name, pattern in THREADS if re.search(pattern, frames[0])), "other threads")
    threads[kind] += count
    if kind in ("JIT compiler", "GC and VM"):
        continue
    component = "other"
    for frame in reversed(frames[1:]):
        component = next((name for name, pattern in COMPONENTS if re.search(pattern, frame)), None)
        if component:
            break
    components[component or "other (JDK, frameworks)"] += count
    for frame in set(frames[1:]):
        if frame.startswith("dev/reminderstore") or re.search(r"recorded/|Recorder\.", frame):
            methods[frame] += count
print(f"{total} samples, share of the process's CPU:")
for kind, count in threads.most_common():
    print(f"  {count * 100 / total:5.1f}%  {kind}")
print("application threads, by the component running (innermost):")
for component, count in components.most_common():
    print(f"  {count * 100 / total:5.1f}%  {component}")
print("this service's methods and Quarkus start steps (inclusive):")
for frame, count in methods.most_common(rows):
    print(f"  {count * 100 / total:5.1f}%  {frame}")

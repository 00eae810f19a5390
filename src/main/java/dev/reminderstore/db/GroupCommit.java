package dev.reminderstore.db;

import io.quarkus.logging.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Writes the small commands that arrive together in one transaction: one thread takes every command waiting (up to
 * a batch size), hands them to the flush function, and completes each caller's future with its own result.
 *
 * <p>Why: on SQLite a write request that runs its own transaction pays a commit and a hand-over of the writer's lock
 * from thread to thread; under load these, not the SQL, bound the writes per second. A group pays them once. When
 * requests come one at a time, a group holds one command and nothing waits. Callers get futures, so no request
 * thread is parked while its command waits for the writer.
 *
 * <p>The flush function answers every command's outcome as a result; an exception from it is a fault of the storage
 * (or of the service), so it fails every command of the group.
 */
public final class GroupCommit<C, R> {

    private final BlockingQueue<Pending<C, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<C>, List<R>> flush;
    private final int maxGroup;
    private final Thread writer;
    private volatile boolean closed;

    private record Pending<C, R>(C command, CompletableFuture<R> result) {
    }

    public GroupCommit(String name, int maxGroup, Function<List<C>, List<R>> flush) {
        this.flush = flush;
        this.maxGroup = maxGroup;
        this.writer = new Thread(this::writeGroups, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the command; the future completes once its group is committed, or fails with the group. */
    public CompletableFuture<R> submit(C command) {
        if (closed) {
            return CompletableFuture.failedFuture(new StoreBusyException("the service is stopping; try again shortly"));
        }
        Pending<C, R> pending = new Pending<>(command, new CompletableFuture<>());
        queue.add(pending);
        return pending.result();
    }

    /** Stops taking commands; those queued already are written first. */
    public synchronized void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(new Pending<>(null, null));
        writer.join();
        // a command queued between the check in submit and the end marker: it is never written, so say so
        for (Pending<C, R> late = queue.poll(); late != null; late = queue.poll()) {
            late.result().completeExceptionally(new StoreBusyException("the service is stopping; try again shortly"));
        }
    }

    private void writeGroups() {
        List<Pending<C, R>> group = new ArrayList<>(maxGroup);
        boolean stopping = false;
        while (!stopping) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group, maxGroup - 1);
            stopping = group.removeIf(pending -> pending.command() == null);
            if (!group.isEmpty()) {
                write(group);
            }
            group.clear();
        }
    }

    private void write(List<Pending<C, R>> group) {
        List<R> results;
        try {
            results = flush.apply(group.stream().map(Pending::command).toList());
        } catch (RuntimeException | Error failure) {
            Log.debugf("a group of %d writes failed: %s", group.size(), failure);
            group.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result().complete(results.get(i));
        }
    }
}

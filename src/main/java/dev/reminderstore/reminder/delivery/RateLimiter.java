package dev.reminderstore.reminder.delivery;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * At most {@code permits} calls in any window of {@code window}, callers waiting their turn (in the order they
 * asked). It keeps the times of the last {@code permits} grants: the next grant comes no sooner than one window
 * after the oldest of them. {@link #blockUntil} holds every caller back further, for what the server says
 * (a 429's {@code retry_after}, a bucket with no requests remaining).
 */
final class RateLimiter {

    private final int permits;
    private final long windowNanos;
    private final ArrayDeque<Long> grants = new ArrayDeque<>();
    private long blockedUntil = Long.MIN_VALUE;

    RateLimiter(int permits, Duration window) {
        this.permits = permits;
        this.windowNanos = window.toNanos();
    }

    /** Waits for this caller's turn. */
    void acquire() throws InterruptedException {
        long waitNanos = reserve(System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** Takes the next free slot at or after {@code now}; returns how long until it (nanoseconds). */
    synchronized long reserve(long now) {
        long slot = Math.max(now, blockedUntil);
        if (!grants.isEmpty()) {
            slot = Math.max(slot, grants.peekLast());
        }
        if (grants.size() >= permits) {
            slot = Math.max(slot, grants.peekFirst() + windowNanos);
            grants.pollFirst();
        }
        grants.addLast(slot);
        return slot - now;
    }

    /** Lets nobody through for {@code wait} from now. */
    synchronized void blockFor(Duration wait) {
        blockUntil(System.nanoTime() + wait.toNanos());
    }

    synchronized void blockUntil(long nanoTime) {
        blockedUntil = Math.max(blockedUntil, nanoTime);
    }
}

package dev.reminderstore.reminder.delivery;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * At most {@code permits} calls in any window of {@code window} (Discord's global 50 per second). It keeps the times
 * of the last {@code permits} grants: the next grant comes no sooner than one window after the oldest of them.
 * {@link #blockFor} holds every caller back further, for what the server says (a global 429's {@code retry_after}).
 * Waiting callers hold no reserved slot: each one wakes, looks again and waits again, so a block that comes while
 * they wait holds them back too.
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
    synchronized void acquire() throws InterruptedException {
        for (long wait = tryAcquire(System.nanoTime()); wait > 0; wait = tryAcquire(System.nanoTime())) {
            wait(Math.max(1, wait / 1_000_000), 0);
        }
    }

    /** Grants a call at {@code now} and answers 0, or answers how long until one may be granted (nanoseconds). */
    synchronized long tryAcquire(long now) {
        long slot = blockedUntil;
        if (grants.size() >= permits) {
            slot = Math.max(slot, grants.peekFirst() + windowNanos);
        }
        if (slot > now) {
            return slot - now;
        }
        if (grants.size() >= permits) {
            grants.pollFirst();
        }
        grants.addLast(now);
        return 0;
    }

    /** Lets nobody through for {@code wait} from now, the callers already waiting included. */
    void blockFor(Duration wait) {
        blockUntil(System.nanoTime() + wait.toNanos());
    }

    synchronized void blockUntil(long nanoTime) {
        blockedUntil = Math.max(blockedUntil, nanoTime);
        notifyAll();
    }
}

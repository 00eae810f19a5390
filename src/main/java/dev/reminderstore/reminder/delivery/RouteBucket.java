package dev.reminderstore.reminder.delivery;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * One of Discord's per-route rate-limit buckets (one channel's messages, say), learned from the answers rather than
 * assumed: {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset-After} say how many requests are left and when
 * the bucket refills. One request is out at a time (so each answer's figures are current when the next one goes),
 * and none goes while the bucket is empty or blocked by a 429's {@code retry_after}; a block set while callers
 * wait holds them back too, as they look again when they wake.
 */
final class RouteBucket {

    private final Semaphore inFlight = new Semaphore(1, true);
    /** Requests left until {@link #resetAt}; unknown (-1) until Discord has answered once. */
    private int remaining = -1;
    private long resetAt = Long.MIN_VALUE;
    private long blockedUntil = Long.MIN_VALUE;

    /** Waits until a request may go; the caller must {@link #release} once it has an answer, or none. */
    void acquire() throws InterruptedException {
        inFlight.acquire();
        try {
            synchronized (this) {
                for (long wait = waitNanos(System.nanoTime()); wait > 0; wait = waitNanos(System.nanoTime())) {
                    wait(Math.max(1, wait / 1_000_000), 0);
                }
                if (remaining > 0) {
                    remaining--;
                }
            }
        } catch (InterruptedException e) {
            inFlight.release();
            throw e;
        }
    }

    /** How long until a request may go at {@code now}: 0 when it may. */
    synchronized long waitNanos(long now) {
        long until = blockedUntil;
        if (remaining == 0) {
            until = Math.max(until, resetAt);
        }
        return until > now ? until - now : 0; // compared first: until may be Long.MIN_VALUE (never blocked)
    }

    /** What Discord's answer said about this bucket; {@code remaining} null when the answer had no such header. */
    synchronized void observe(Integer remaining, Duration resetAfter, long now) {
        if (remaining != null) {
            this.remaining = remaining;
            this.resetAt = now + (resetAfter == null ? 0 : resetAfter.toNanos());
        }
        notifyAll();
    }

    /** Lets nobody through for {@code wait} from {@code now} (a 429 of this bucket). */
    synchronized void blockUntil(long nanoTime) {
        blockedUntil = Math.max(blockedUntil, nanoTime);
        notifyAll();
    }

    void release() {
        inFlight.release();
    }
}

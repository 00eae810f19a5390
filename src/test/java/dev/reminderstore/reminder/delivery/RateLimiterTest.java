package dev.reminderstore.reminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void grantsPermitsPerWindowThenMakesCallersWait() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(0)).isZero();
        }
        assertThat(limiter.tryAcquire(0)).isEqualTo(5 * SECOND);
        assertThat(limiter.tryAcquire(SECOND)).isEqualTo(4 * SECOND);
        assertThat(limiter.tryAcquire(5 * SECOND)).isZero();
    }

    @Test
    void neverLetsMoreThanPermitsIntoAnyWindow() {
        RateLimiter global = new RateLimiter(50, Duration.ofSeconds(1));
        long[] grants = new long[500];
        long now = 0;
        for (int i = 0; i < grants.length; i++) {
            for (long wait = global.tryAcquire(now); wait > 0; wait = global.tryAcquire(now)) {
                now += wait;
            }
            grants[i] = now;
            now += 3_000_000L;
        }
        for (int i = 50; i < grants.length; i++) {
            assertThat(grants[i] - grants[i - 50]).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void blockHoldsEveryoneBack() {
        RateLimiter limiter = new RateLimiter(50, Duration.ofSeconds(1));
        limiter.blockUntil(2 * SECOND);
        assertThat(limiter.tryAcquire(0)).isEqualTo(2 * SECOND);
        assertThat(limiter.tryAcquire(3 * SECOND)).isZero();
    }

    /** A 429's retry_after moves the turn of a caller already waiting (it held a slot before: it fired anyway). */
    @Test
    void blockAfterACallerStartedWaitingHoldsItBackToo() throws Exception {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMillis(300));
        limiter.acquire();
        long started = System.nanoTime();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                limiter.acquire();
                return System.nanoTime() - started;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        limiter.blockFor(Duration.ofMillis(800));

        assertThat(waiter.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ofMillis(880).toNanos());
    }
}

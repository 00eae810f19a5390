package dev.reminderstore.reminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RouteBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void unknownBucketLetsARequestGoAtOnceWhateverTheClockReads() {
        RouteBucket bucket = new RouteBucket();
        assertThat(bucket.waitNanos(0)).isZero();
        // System.nanoTime() may be any value: a never-blocked bucket must not wait "until Long.MIN_VALUE".
        assertThat(bucket.waitNanos(Long.MAX_VALUE / 2)).isZero();
        assertThat(bucket.waitNanos(-Long.MAX_VALUE / 2)).isZero();
        bucket.observe(0, Duration.ZERO, 0);
        assertThat(bucket.waitNanos(Long.MAX_VALUE / 2)).isZero();
    }

    @Test
    void emptyBucketWaitsForItsResetAsTheAnswerSaid() {
        RouteBucket bucket = new RouteBucket();
        bucket.observe(0, Duration.ofMillis(1500), 0);
        assertThat(bucket.waitNanos(0)).isEqualTo(1_500_000_000L);
        assertThat(bucket.waitNanos(SECOND)).isEqualTo(500_000_000L);
        assertThat(bucket.waitNanos(2 * SECOND)).isZero();
    }

    @Test
    void bucketWithRequestsLeftDoesNotWaitWhateverItsSize() {
        RouteBucket bucket = new RouteBucket();
        bucket.observe(7, Duration.ofSeconds(5), 0);
        assertThat(bucket.waitNanos(0)).isZero();
    }

    @Test
    void retryAfterHoldsBackTheCallersAlreadyWaiting() throws Exception {
        RouteBucket bucket = new RouteBucket();
        bucket.acquire(); // a request is out
        long started = System.nanoTime();
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                bucket.acquire();
                bucket.release();
                return System.nanoTime() - started;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        // The request out gets a 429 with retry_after 0.6 s: the caller waiting behind it must not go before.
        bucket.blockUntil(System.nanoTime() + Duration.ofMillis(600).toNanos());
        bucket.release();

        assertThat(waiter.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(Duration.ofMillis(680).toNanos());
    }
}

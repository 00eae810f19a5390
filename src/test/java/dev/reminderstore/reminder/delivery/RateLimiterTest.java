package dev.reminderstore.reminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void grantsPermitsPerWindowThenMakesCallersWait() {
        RateLimiter channel = new RateLimiter(5, Duration.ofSeconds(5));
        for (int i = 0; i < 5; i++) {
            assertThat(channel.reserve(0)).isZero();
        }
        assertThat(channel.reserve(0)).isEqualTo(5 * SECOND);
        assertThat(channel.reserve(SECOND)).isEqualTo(4 * SECOND);
        assertThat(channel.reserve(10 * SECOND)).isZero();
    }

    @Test
    void neverLetsMoreThanPermitsIntoAnyWindow() {
        RateLimiter global = new RateLimiter(50, Duration.ofSeconds(1));
        long[] grants = new long[500];
        for (int i = 0; i < grants.length; i++) {
            long now = i * 3_000_000L;
            grants[i] = now + global.reserve(now);
        }
        for (int i = 50; i < grants.length; i++) {
            assertThat(grants[i] - grants[i - 50]).isGreaterThanOrEqualTo(SECOND);
        }
    }

    @Test
    void blockHoldsEveryoneBack() {
        RateLimiter limiter = new RateLimiter(50, Duration.ofSeconds(1));
        limiter.blockUntil(2 * SECOND);
        assertThat(limiter.reserve(0)).isEqualTo(2 * SECOND);
        assertThat(limiter.reserve(3 * SECOND)).isZero();
    }
}

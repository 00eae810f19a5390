package dev.reminderstore.reminder.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiscordBreakerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String UNAUTHORIZED = "Discord answered 401 Unauthorized: the bot token was refused (revoked or wrong?)";

    @Test
    void a401StopsEverythingAtOnce() {
        DiscordBreaker breaker = new DiscordBreaker(1000, Duration.ofSeconds(5), Duration.ofMinutes(5));
        assertThat(breaker.stoppedBecause(0)).isEmpty();
        assertThat(breaker.answered(401, false, 0)).isTrue();
        assertThat(breaker.stoppedBecause(0)).contains(UNAUTHORIZED);
    }

    @Test
    void probesComeAfterADoublingWaitUpToTheLongestAndA2xxCloses() {
        DiscordBreaker breaker = new DiscordBreaker(1000, Duration.ofSeconds(5), Duration.ofSeconds(15));
        breaker.answered(401, false, 0);
        assertThat(breaker.probeDue(4 * SECOND)).isFalse();
        assertThat(breaker.probeDue(5 * SECOND)).isTrue();
        breaker.probed(401, 5 * SECOND);
        assertThat(breaker.probeDue(14 * SECOND)).isFalse();
        assertThat(breaker.probeDue(15 * SECOND)).isTrue();
        breaker.probed(401, 15 * SECOND);
        assertThat(breaker.probeDue(29 * SECOND)).isFalse();
        assertThat(breaker.probeDue(30 * SECOND)).as("15 s at most").isTrue();
        breaker.probed(200, 30 * SECOND);
        assertThat(breaker.stoppedBecause(30 * SECOND)).isEmpty();
        assertThat(breaker.probeDue(100 * SECOND)).isFalse();
    }

    @Test
    void invalidAnswersAreCountedAgainstTheBudgetOverTenMinutes() {
        DiscordBreaker breaker = new DiscordBreaker(4, Duration.ofSeconds(5), Duration.ofMinutes(5));
        assertThat(breaker.answered(403, false, 0)).isTrue();
        assertThat(breaker.answered(404, false, SECOND)).isTrue();
        assertThat(breaker.answered(429, true, SECOND)).as("shared: not ours").isFalse();
        assertThat(breaker.answered(400, false, SECOND)).isFalse();
        assertThat(breaker.answered(500, false, SECOND)).isFalse();
        assertThat(breaker.answered(429, false, 2 * SECOND)).isTrue();
        assertThat(breaker.stoppedBecause(2 * SECOND)).isEmpty();
        breaker.answered(403, false, 3 * SECOND);

        assertThat(breaker.stoppedBecause(3 * SECOND)).contains("invalid-request budget spent: 4 of 4 in 10 minutes");
        // The first one ages out ten minutes after it came: under the budget again.
        assertThat(breaker.stoppedBecause(600 * SECOND)).isEmpty();
        assertThat(breaker.invalidInWindow(600 * SECOND)).isEqualTo(3);
    }
}

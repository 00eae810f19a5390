package dev.reminderstore.reminder.delivery;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Keeps the bot off Discord's ban list. Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429)
 * in 10 minutes; a revoked token turns every reminder of a backlog into a 401. So: a 401 stops all calls at once
 * (open), and a probe tries the token again after a doubling wait; and the invalid answers of the last 10 minutes
 * are counted against a budget well under Discord's (403 and 404 too: each repeats for every reminder of a gone
 * channel until its event is paused), which stops calls too while it is spent. Each change of state is logged
 * once, not once per reminder.
 *
 * <p>SmallRye Fault Tolerance's {@code @CircuitBreaker} opens on a failure ratio over a rolling window of calls and
 * half-opens after a fixed delay through the next real call; here one 401 must open it, the probe must be a call
 * that sends nothing, and the wait must double, so it is this small state machine instead.
 */
final class DiscordBreaker {

    static final Duration BUDGET_WINDOW = Duration.ofMinutes(10);

    private final int budget;
    private final Duration firstProbe;
    private final Duration maxProbe;
    /** Times (nanoTime) of the invalid answers within the last {@link #BUDGET_WINDOW}. */
    private final ArrayDeque<Long> invalid = new ArrayDeque<>();
    private String unauthorized;
    private Duration probeWait;
    private long nextProbeAt;
    private boolean budgetSpent;

    DiscordBreaker(int budget, Duration firstProbe, Duration maxProbe) {
        this.budget = budget;
        this.firstProbe = firstProbe;
        this.maxProbe = maxProbe;
    }

    /** Why calls are stopped now, or empty when they may go. */
    synchronized Optional<String> stoppedBecause(long now) {
        if (unauthorized != null) {
            return Optional.of(unauthorized);
        }
        forgetOld(now);
        boolean spent = invalid.size() >= budget;
        if (spent != budgetSpent) {
            budgetSpent = spent;
            if (spent) {
                Log.errorf("Discord delivery stopped: %d invalid requests (401, 403, 404, 429) in the last %d minutes, the"
                        + " budget is %d (Discord bans at 10,000); it resumes as they age out", invalid.size(),
                        BUDGET_WINDOW.toMinutes(), budget);
            } else {
                Log.infof("Discord delivery resumes: the invalid requests of the last %d minutes are under the budget again",
                        BUDGET_WINDOW.toMinutes());
            }
        }
        return spent ? Optional.of("invalid-request budget spent: " + invalid.size() + " of " + budget + " in "
                + BUDGET_WINDOW.toMinutes() + " minutes") : Optional.empty();
    }

    /**
     * Counts an answer: 401 opens the breaker; 401, 403, 404 and a 429 that is not of a shared resource are invalid.
     *
     * @return whether it was counted as invalid
     */
    synchronized boolean answered(int status, boolean sharedLimit, long now) {
        boolean isInvalid = status == 401 || status == 403 || status == 404 || status == 429 && !sharedLimit;
        if (isInvalid) {
            invalid.addLast(now);
        }
        if (status == 401 && unauthorized == null) {
            unauthorized = "Discord answered 401 Unauthorized: the bot token was refused (revoked or wrong?)";
            probeWait = firstProbe;
            nextProbeAt = now + probeWait.toNanos();
            Log.errorf("Discord delivery stopped: %s. No reminder is sent until a probe (GET /users/@me, first in %d s,"
                    + " then doubling up to %d s) is accepted", unauthorized, firstProbe.toSeconds(), maxProbe.toSeconds());
        }
        return isInvalid;
    }

    /** Whether a probe of the token is due now (the breaker is open on a 401 and its wait is over). */
    synchronized boolean probeDue(long now) {
        return unauthorized != null && now >= nextProbeAt;
    }

    /** The probe's answer: 2xx closes the breaker, anything else doubles the wait for the next one. */
    synchronized void probed(int status, long now) {
        if (status >= 200 && status < 300) {
            unauthorized = null;
            Log.infof("Discord accepts the bot token again: reminder delivery resumes");
        } else {
            probeWait = probeWait.multipliedBy(2).compareTo(maxProbe) > 0 ? maxProbe : probeWait.multipliedBy(2);
            nextProbeAt = now + probeWait.toNanos();
            Log.debugf("Discord token probe answered %d; next probe in %d ms", status, probeWait.toMillis());
        }
    }

    /** The invalid answers counted in the last {@link #BUDGET_WINDOW}. */
    synchronized int invalidInWindow(long now) {
        forgetOld(now);
        return invalid.size();
    }

    int budget() {
        return budget;
    }

    private void forgetOld(long now) {
        while (!invalid.isEmpty() && now - invalid.peekFirst() >= BUDGET_WINDOW.toNanos()) {
            invalid.pollFirst();
        }
    }
}

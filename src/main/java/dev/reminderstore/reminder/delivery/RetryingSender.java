package dev.reminderstore.reminder.delivery;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends one HTTP request with bounded retries: a 5xx answer or no answer (timeout, connection refused) is tried
 * again after a doubling wait, up to {@code maxRetries} times; a 429 is tried again after the wait its
 * {@link Pacing} names, up to {@value #MAX_RATE_LIMITED} times. Anything else is the caller's to read.
 */
final class RetryingSender {

    static final int MAX_RATE_LIMITED = 10;

    /** Hooks for the rate limits of one API. */
    interface Pacing {
        /** Waits until a request may go; an IOException stops the attempts (nothing may go). */
        void beforeAttempt() throws InterruptedException, IOException;

        /** Reads the rate-limit information of an answer; for a 429, how long to wait before trying again. */
        Duration afterAnswer(HttpResponse<String> answer);

        /** The attempt got no answer (timeout, refused). */
        default void afterNoAnswer() {
        }
    }

    static final Pacing UNPACED = new Pacing() {
        @Override
        public void beforeAttempt() {
        }

        @Override
        public Duration afterAnswer(HttpResponse<String> answer) {
            return answer.headers().firstValue("Retry-After").map(RetryingSender::seconds).orElse(Duration.ofSeconds(1));
        }
    };

    private final HttpClient http;
    private final int maxRetries;
    private final Duration backoff;

    RetryingSender(HttpClient http, int maxRetries, Duration backoff) {
        this.http = http;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    /**
     * @return the last answer (2xx, 4xx, or the last 5xx/429 when retries ran out)
     * @throws IOException when the last attempt got no answer at all
     */
    HttpResponse<String> send(Supplier<HttpRequest> request, Pacing pacing) throws IOException, InterruptedException {
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            pacing.beforeAttempt();
            HttpResponse<String> answer;
            try {
                answer = http.send(request.get(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException noAnswer) {
                pacing.afterNoAnswer();
                if (failures++ >= maxRetries) {
                    throw noAnswer;
                }
                pause(backoff.multipliedBy(1L << (failures - 1)));
                continue;
            }
            Duration rateLimitWait = pacing.afterAnswer(answer);
            int status = answer.statusCode();
            if (status == 429 && rateLimited++ < MAX_RATE_LIMITED) {
                pause(rateLimitWait);
            } else if (status >= 500 && failures++ < maxRetries) {
                pause(backoff.multipliedBy(1L << (failures - 1)));
            } else {
                return answer;
            }
        }
    }

    /** One attempt, no retry (a probe). */
    HttpResponse<String> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A duration in (possibly fractional) seconds, as rate-limit headers and bodies give it. */
    static Duration seconds(String text) {
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(text.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void pause(Duration wait) throws InterruptedException {
        if (!wait.isZero() && !wait.isNegative()) {
            Thread.sleep(wait.toMillis());
        }
    }
}

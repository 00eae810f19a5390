package dev.reminderstore.reminder;

import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reminder job: claim the due events in batches, deliver with bounded concurrency, record the outcomes in
 * batches. It also serves the bot's /remind, which takes the same path for one event.
 */
@ApplicationScoped
public class ReminderDispatcher {

    /** Outcomes are written when this many are waiting, or when the oldest waited {@link #RECORD_EVERY}. */
    private static final int RECORD_BATCH = 200;
    private static final Duration RECORD_EVERY = Duration.ofMillis(250);

    private final ReminderLedger ledger;
    private final ReminderMetrics metrics;
    private final TimeSource time;
    private final DeliveryMode mode;
    private final ReminderDelivery delivery;
    private final int batchSize;
    private final ExecutorService deliverers;
    private volatile boolean recovered;

    public ReminderDispatcher(StoreConfig config, ReminderLedger ledger, ReminderMetrics metrics, TimeSource time,
                              Instance<DiscordDelivery> discord, Instance<WebhookDelivery> webhook, LogDelivery log) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.time = time;
        this.mode = DeliveryMode.of(config.reminders());
        this.delivery = switch (mode) {
            case discord -> discord.get();
            case webhook -> webhook.get();
            case log -> log;
        };
        this.batchSize = config.reminders().claimBatchSize();
        AtomicInteger threads = new AtomicInteger();
        this.deliverers = Executors.newFixedThreadPool(config.reminders().deliveryConcurrency(), task -> {
            Thread thread = new Thread(task, "reminder-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent start) {
        Log.infof("Reminders are delivered by %s", mode);
        recoverInterrupted();
    }

    @PreDestroy
    void stop() {
        deliverers.shutdownNow();
    }

    @Scheduled(identity = "reminder-dispatch", every = "${reminder.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatchDue();
    }

    /** Sends every reminder that is due now, batch after batch; answers how many were claimed. */
    public int dispatchDue() {
        recoverInterrupted();
        int claimed = 0;
        ReminderLedger.Claims claims;
        do {
            claims = ledger.claimDue(time.now(), batchSize);
            metrics.skipped(claims.parked());
            claimed += claims.reminders().size();
            deliverAll(claims.reminders());
        } while (claims.examined() == batchSize);
        return claimed;
    }

    /** Sends a reminder of one event now (the bot's /remind); empty when the event is not watched. */
    public Optional<ReminderLogView> remindNow(long messageId) {
        recoverInterrupted();
        return ledger.claimNow(messageId).map(reminder -> {
            ledger.record(List.of(deliver(reminder)));
            return ReminderLogView.of(ReminderLog.findById(reminder.logId()), messageId);
        });
    }

    /** The first claim of this process comes after the rows a previous one left pending are failed. */
    private void recoverInterrupted() {
        if (recovered) {
            return;
        }
        synchronized (this) {
            if (!recovered) {
                int interrupted = ledger.failInterrupted();
                if (interrupted > 0) {
                    Log.warnf("%d reminders were claimed but not recorded before the last stop; marked failed (%s), not sent again",
                            interrupted, ReminderLedger.INTERRUPTED);
                }
                recovered = true;
            }
        }
    }

    private void deliverAll(List<Reminder> reminders) {
        if (reminders.isEmpty()) {
            return;
        }
        CompletionService<ReminderLedger.Outcome> done = new ExecutorCompletionService<>(deliverers);
        reminders.forEach(reminder -> done.submit(() -> deliver(reminder)));
        List<ReminderLedger.Outcome> waiting = new ArrayList<>();
        long lastRecorded = System.nanoTime();
        try {
            for (int finished = 0; finished < reminders.size(); ) {
                Future<ReminderLedger.Outcome> next = done.poll(RECORD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    waiting.add(next.get());
                    finished++;
                }
                if (waiting.size() >= RECORD_BATCH
                        || !waiting.isEmpty() && System.nanoTime() - lastRecorded >= RECORD_EVERY.toNanos()) {
                    ledger.record(waiting);
                    waiting = new ArrayList<>();
                    lastRecorded = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            // Stopping: rows not recorded stay pending and are failed as interrupted at the next start.
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reminder delivery failed unexpectedly", e.getCause());
        } finally {
            if (!waiting.isEmpty()) {
                ledger.record(waiting);
            }
        }
    }

    private ReminderLedger.Outcome deliver(Reminder reminder) {
        long started = System.nanoTime();
        DeliveryResult result;
        try {
            result = delivery.deliver(reminder);
        } catch (RuntimeException e) {
            Log.errorf(e, "Reminder %d of event %d: delivery broke", reminder.logId(), reminder.messageId());
            result = DeliveryResult.failed("delivery broke: " + e);
        }
        metrics.delivered(reminder, result, Duration.ofNanos(System.nanoTime() - started));
        if (!result.isSent()) {
            Log.warnf("Reminder %d of event %d to channel %d failed: %s%s", reminder.logId(), reminder.messageId(),
                    reminder.targetChannelId(), result.error(), result.pauseEvent() ? "; the event is paused" : "");
        }
        return new ReminderLedger.Outcome(reminder, result, time.now());
    }
}

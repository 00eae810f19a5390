package dev.reminderstore.reminder;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.config.InstanceId;
import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import dev.reminderstore.health.Heartbeats;
import dev.reminderstore.reminder.delivery.DeliveryMode;
import dev.reminderstore.reminder.delivery.DeliveryResult;
import dev.reminderstore.reminder.delivery.DiscordDelivery;
import dev.reminderstore.reminder.delivery.LogDelivery;
import dev.reminderstore.reminder.delivery.Reminder;
import dev.reminderstore.reminder.delivery.ReminderDelivery;
import dev.reminderstore.reminder.delivery.WebhookDelivery;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.DurationConverter;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The reminder job: claim the due events in batches, deliver with bounded concurrency, record the outcomes in
 * batches. It also serves the bot's /remind, which takes the same path for one event.
 */
@ApplicationScoped
public class ReminderDispatcher {

    /** Outcomes are written when this many are waiting, or when the oldest waited {@link #RECORD_EVERY}. */
    private static final int RECORD_BATCH = 200;
    private static final Duration RECORD_EVERY = Duration.ofMillis(250);
    /** The name under which liveness watches the job (health/Heartbeats). */
    static final String JOB = "reminder-scheduler";

    private final ReminderLedger ledger;
    private final ReminderMetrics metrics;
    private final TimeSource time;
    private final DeliveryMode mode;
    private final ReminderDelivery delivery;
    private final int batchSize;
    private final ExecutorService deliverers;
    private final Heartbeats heartbeats;
    private final String pollInterval;
    private final Duration shutdownWait;
    /** Each dispatch run holds it shared; a graceful stop takes it exclusively, so it waits for the runs to end. */
    private final ReadWriteLock runs = new ReentrantReadWriteLock();
    private final InstanceId instance;
    private final Duration lease;
    /** Renews the leases of the rows being delivered, every third of a lease, while any are in flight. */
    private final ScheduledExecutorService leaseKeeper;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    public ReminderDispatcher(StoreConfig config, ReminderLedger ledger, ReminderMetrics metrics, TimeSource time,
                              Instance<DiscordDelivery> discord, Instance<WebhookDelivery> webhook, LogDelivery log,
                              Heartbeats heartbeats, InstanceId instance) {
        this.ledger = ledger;
        this.instance = instance;
        this.lease = config.reminders().lease();
        this.heartbeats = heartbeats;
        this.pollInterval = config.reminders().pollInterval();
        this.shutdownWait = config.reminders().shutdownWait();
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
        this.leaseKeeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "reminder-lease-keeper");
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent start) {
        Log.infof("Reminders are delivered by %s; this instance claims them as %s, leases of %d s", mode, instance,
                lease.toSeconds());
        long every = Math.max(1, lease.toMillis() / 3);
        leaseKeeper.scheduleWithFixedDelay(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        if (!"off".equalsIgnoreCase(pollInterval) && !"disabled".equalsIgnoreCase(pollInterval)) {
            heartbeats.register(JOB, DurationConverter.parseDuration(pollInterval));
        }
    }

    @PreDestroy
    void stop() {
        leaseKeeper.shutdownNow();
        deliverers.shutdownNow();
    }

    private void renewLeases() {
        if (inFlight.get() == 0) {
            return;
        }
        try {
            ledger.renewLeases();
        } catch (RuntimeException e) {
            Log.warnf("Reminder leases of instance %s not renewed (%s): a peer may take over and deliver them again,"
                    + " with the same nonce", instance, e.getMessage());
        }
    }

    @Scheduled(identity = "reminder-dispatch", every = "${reminder.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            dispatchDue();
        } finally {
            heartbeats.beat(JOB);
        }
    }

    /**
     * Sends every reminder that is due now, batch after batch; answers how many were claimed. Once the service is
     * stopping it claims no further batch.
     */
    public int dispatchDue() {
        runs.readLock().lock();
        try {
            return stopping || deliveryStopped() ? 0 : dispatchBatches();
        } finally {
            runs.readLock().unlock();
        }
    }

    /** While the delivery cannot send (Discord's breaker), nothing is claimed: the due events wait, still due. */
    private boolean deliveryStopped() {
        return stoppedBecause().isPresent();
    }

    private Optional<String> stoppedBecause() {
        try {
            return delivery.stoppedBecause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private int dispatchBatches() {
        takeOverExpired();
        int claimed = 0;
        ReminderLedger.Claims claims;
        do {
            long started = System.nanoTime();
            claims = ledger.claimDue(time.now(), batchSize);
            long claimedAt = System.nanoTime();
            metrics.skipped(claims.parked());
            claimed += claims.reminders().size();
            deliverAll(claims.reminders());
            if (claims.examined() > 0) {
                Log.debugf("Reminder batch: %d due, %d claimed, %d parked; claim %d ms, delivery and record %d ms",
                        claims.examined(), claims.reminders().size(), claims.parked(), (claimedAt - started) / 1_000_000,
                        (System.nanoTime() - claimedAt) / 1_000_000);
            }
        } while (claims.examined() == batchSize && !stopping && !deliveryStopped()); // a 401 mid-backlog ends the run
        return claimed;
    }

    /**
     * On a graceful stop (after Quarkus has answered the requests in flight): the batch being delivered is finished
     * and recorded, within {@code reminder.shutdown-wait}, before the beans go away and the WAL is checkpointed.
     */
    void finishDeliveriesOnStop(@Observes ShutdownEvent stop) throws InterruptedException {
        stopping = true;
        if (runs.writeLock().tryLock(shutdownWait.toMillis(), TimeUnit.MILLISECONDS)) {
            runs.writeLock().unlock();
        } else {
            Log.warnf("Reminder deliveries still running %d s after the stop began: they are interrupted; once their"
                    + " leases expire, another instance (or this one after its restart) delivers them again with the"
                    + " same nonce", shutdownWait.toSeconds());
        }
    }

    /** Sends a reminder of one event now (the bot's /remind); empty when the event is not watched. */
    public Optional<ReminderLogView> remindNow(long messageId) {
        Optional<String> stopped = stoppedBecause();
        if (stopped.isPresent()) {
            throw new ApiException(503, "Service Unavailable", stopped.get() + "; no reminder was sent", null);
        }
        return ledger.claimNow(messageId).map(reminder -> {
            inFlight.incrementAndGet();
            try {
                ReminderLedger.Outcome outcome = deliver(reminder);
                // Asked for now, it is not kept for later: a reminder Discord's breaker refused is failed at once.
                ledger.record(List.of(outcome.result().notAttempted()
                        ? new ReminderLedger.Outcome(reminder, DeliveryResult.failed(outcome.result().error()), outcome.finishedAt())
                        : outcome));
            } finally {
                inFlight.decrementAndGet();
            }
            return ReminderLogView.of(ReminderLog.findById(reminder.logId()), messageId);
        });
    }

    /**
     * Delivers again the reminders whose claims expired (an instance died, or stopped before it had recorded them),
     * while they are young enough; older ones the ledger records failed. One log line per takeover.
     */
    private void takeOverExpired() {
        ReminderLedger.Takeover takeover;
        do {
            takeover = ledger.takeOverExpired(time.now(), batchSize);
            if (takeover.examined() > 0) {
                Log.warnf("Instance %s took over %d reminders whose claims expired: %d delivered again with their"
                        + " nonce, %d older than the redelivery window recorded failed (%s)", instance,
                        takeover.examined(), takeover.reminders().size(), takeover.interrupted(), ReminderLedger.INTERRUPTED);
            }
            deliverAll(takeover.reminders());
        } while (takeover.examined() == batchSize && !stopping && !deliveryStopped());
    }

    private void deliverAll(List<Reminder> reminders) {
        if (reminders.isEmpty()) {
            return;
        }
        inFlight.incrementAndGet();
        CompletionService<ReminderLedger.Outcome> done = new ExecutorCompletionService<>(deliverers);
        reminders.forEach(reminder -> done.submit(() -> deliver(reminder)));
        List<ReminderLedger.Outcome> waiting = new ArrayList<>();
        int notAttempted = 0;
        String stoppedBecause = null;
        long lastRecorded = System.nanoTime();
        try {
            for (int finished = 0; finished < reminders.size(); ) {
                Future<ReminderLedger.Outcome> next = done.poll(RECORD_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                if (next != null) {
                    ReminderLedger.Outcome outcome = next.get();
                    if (outcome.result().notAttempted()) {
                        notAttempted++;
                        stoppedBecause = outcome.result().error();
                    } else {
                        waiting.add(outcome);
                    }
                    finished++;
                }
                if (waiting.size() >= RECORD_BATCH
                        || !waiting.isEmpty() && System.nanoTime() - lastRecorded >= RECORD_EVERY.toNanos()) {
                    ledger.record(waiting);
                    waiting = new ArrayList<>();
                    lastRecorded = System.nanoTime();
                    heartbeats.beat(JOB); // a long run that makes progress is alive
                }
            }
        } catch (InterruptedException e) {
            // Stopping: rows not recorded stay pending; once their leases expire they are delivered again.
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a reminder delivery failed unexpectedly", e.getCause());
        } finally {
            try {
                if (!waiting.isEmpty()) {
                    ledger.record(waiting);
                }
            } finally {
                inFlight.decrementAndGet();
            }
        }
        if (notAttempted > 0) {
            Log.warnf("%d reminders of this batch were not sent (%s): they stay pending, and are delivered with their"
                    + " nonce once delivery resumes within the redelivery window, else recorded failed (%s)", notAttempted,
                    stoppedBecause, ReminderLedger.INTERRUPTED);
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
        if (result.notAttempted()) {
            return new ReminderLedger.Outcome(reminder, result, time.now());
        }
        metrics.delivered(reminder, result, Duration.ofNanos(System.nanoTime() - started));
        if (!result.isSent()) {
            Log.warnf("Reminder %d of event %d to channel %d failed: %s%s", reminder.logId(), reminder.messageId(),
                    reminder.targetChannelId(), result.error(), result.pauseEvent() ? "; the event is paused" : "");
        }
        return new ReminderLedger.Outcome(reminder, result, time.now());
    }
}

package dev.reminderstore.health;

import dev.reminderstore.config.StoreConfig;
import dev.reminderstore.config.TimeSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last signs of life of the periodic jobs (the reminder scheduler): a job registers with its interval and
 * beats on every run; liveness fails when a registered job has been silent for too long.
 */
@ApplicationScoped
public class Heartbeats {

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final TimeSource clock;
    private final int stallIntervals;
    private final Duration stallMinimum;

    public Heartbeats(TimeSource clock, StoreConfig config) {
        this.clock = clock;
        this.stallIntervals = config.health().stallIntervals();
        this.stallMinimum = config.health().stallMinimum();
    }

    /** A watched job and what liveness reports about it. */
    public record Job(String name, Duration interval, Instant lastBeat, Duration stalledAfter) {

        boolean stalledAt(Instant now) {
            return Duration.between(lastBeat, now).compareTo(stalledAfter) > 0;
        }
    }

    /** Starts watching a job that runs every {@code interval}; counts as a first beat. */
    public void register(String name, Duration interval) {
        Duration stalledAfter = interval.multipliedBy(stallIntervals);
        jobs.put(name, new Job(name, interval, clock.now(), stalledAfter.compareTo(stallMinimum) < 0 ? stallMinimum : stalledAfter));
    }

    /**
     * The job is alive: call it after every run (also a failed one) and while a long run makes progress. Beats of a
     * job that is not registered are ignored: a job that is switched off is not watched.
     */
    public void beat(String name) {
        jobs.computeIfPresent(name, (key, job) -> new Job(name, job.interval(), clock.now(), job.stalledAfter()));
    }

    /** Stops watching a job (it was shut down on purpose). */
    public void unregister(String name) {
        jobs.remove(name);
    }

    public List<Job> jobs() {
        return jobs.values().stream().sorted(Comparator.comparing(Job::name)).toList();
    }
}

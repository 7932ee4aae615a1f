package io.hpo4j.studies.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Beats for the trials a storage is running: one daemon thread that, every interval, hands the
 * set of running trial ids to {@code beat} (one UPDATE, then the storage's sweep for lost trials
 * of other workers). A beat that fails is logged and tried
 * again at the next interval; the grace period is there to absorb a few. Thread-safe.
 */
final class TrialBeater implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrialBeater.class);

    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    TrialBeater(Duration interval, String name, Consumer<Set<Long>> beat) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hpo-heartbeat-" + name);
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            Set<Long> ids = Set.copyOf(running);
            if (ids.isEmpty()) {
                return;
            }
            try {
                beat.accept(ids);
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of trials {} failed (will try again in {} ms): {}", ids, ms, e.getMessage());
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    void add(long trialId) {
        running.add(trialId);
    }

    void remove(long trialId) {
        running.remove(trialId);
    }

    @Override
    public void close() {
        running.clear();
        scheduler.shutdownNow();
    }
}

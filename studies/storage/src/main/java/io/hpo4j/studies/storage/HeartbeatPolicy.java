package io.hpo4j.studies.storage;

import java.time.Duration;

/**
 * How a {@link JdbcStorage} notices workers that died (killed, out of memory, machine lost), after
 * Optuna's {@code heartbeat_interval} and {@code grace_period}: while a trial that this storage
 * started is RUNNING, a background thread refreshes its {@code heartbeat_at} every
 * {@code interval}; before any worker starts a trial, and every {@code interval} while it runs
 * trials, it marks FAIL ("worker lost") the study's RUNNING trials whose heartbeat is older than
 * {@code grace}: a lost trial is failed within about grace + interval while any worker is busy. Their parameters, epochs and
 * intermediate values stay. With {@code retryFailed} K &gt; 0, such a trial's parameters are
 * enqueued again (at most K times along a chain of retries); the new trial has the system
 * attributes {@code retry_of} (the number of the trial it retries) and {@code retry_count}.
 *
 * <p>Heartbeats compare times written by different machines: keep their clocks synchronized (NTP).
 *
 * @param interval    how often a running trial beats; &gt; 0
 * @param grace       how old a heartbeat may get before its trial counts as lost; at least twice {@code interval},
 *                    at most {@link #MAX_GRACE}
 * @param retryFailed how many times a lost trial is retried; &gt;= 0
 */
public record HeartbeatPolicy(Duration interval, Duration grace, int retryFailed) {

    /** The longest grace period: a day. */
    public static final Duration MAX_GRACE = Duration.ofDays(1);

    /** A beat every 5 s, lost after 60 s without one, no retry. */
    public static final HeartbeatPolicy DEFAULT = new HeartbeatPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), 0);

    /** The reason stored with a trial whose worker stopped beating. */
    public static final String WORKER_LOST = "worker lost";

    /** The system attribute of a retry: the number of the lost trial it runs again. */
    public static final String RETRY_OF = "retry_of";

    /** The system attribute of a retry: how many retries along its chain, 1 for the first. */
    public static final String RETRY_COUNT = "retry_count";

    public HeartbeatPolicy {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be > 0, but got " + describe(interval));
        }
        if (grace == null || grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("heartbeat grace must be > 0, but got " + describe(grace));
        }
        if (grace.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeat grace must be at least twice the heartbeat interval ("
                    + describe(interval) + "), so that a live worker is never taken for a lost one, but got " + describe(grace));
        }
        if (grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("heartbeat grace must be at most " + describe(MAX_GRACE)
                    + " (a day), but got " + describe(grace));
        }
        if (retryFailed < 0) {
            throw new IllegalArgumentException("retry_failed must be >= 0, but got " + retryFailed);
        }
    }

    /** This policy with another grace period. */
    public HeartbeatPolicy withGrace(Duration newGrace) {
        return new HeartbeatPolicy(interval, newGrace, retryFailed);
    }

    /** This policy retrying lost trials up to {@code k} times. */
    public HeartbeatPolicy withRetryFailed(int k) {
        return new HeartbeatPolicy(interval, grace, k);
    }

    /** The reason stored with a lost trial. */
    String lostReason() {
        return WORKER_LOST + ": no heartbeat for more than " + describe(grace) + " (its process stopped without finishing it)";
    }

    static String describe(Duration d) {
        if (d == null) {
            return "null";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}

package io.hpo4j.studies.storage;

import java.time.Duration;

/**
 * How long a {@link JdbcStorage} keeps retrying when its database cannot be reached (a server
 * restarting, the H2 file changing hands between processes), and how long it waits between tries.
 *
 * <p>A transaction that failed with a connection-level error before it was committed is retried
 * on a fresh connection after {@code firstBackoff}, then twice as long each time up to
 * {@code maxBackoff}, until {@code window} has passed since the first failure; then the call
 * throws {@link StorageUnavailableException}. A transaction whose commit got no answer may have
 * been committed: a read keeps what it read, a write that records or replaces rows runs again, and
 * one that adds rows (a study, a trial, a claim) reads back whether it happened before it runs again.
 *
 * @param window       how long to keep trying; {@link Duration#ZERO} to fail at once
 * @param firstBackoff the wait after the first failure
 * @param maxBackoff   the longest wait between two tries
 */
public record RetryPolicy(Duration window, Duration firstBackoff, Duration maxBackoff) {

    /** Retry for 60 s, waiting 100 ms, 200 ms, ... up to 5 s between tries. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(5));

    /** Never retry. */
    public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ofMillis(1), Duration.ofMillis(1));

    public RetryPolicy {
        if (window == null || window.isNegative()) {
            throw new IllegalArgumentException("retry window must be >= 0, but got " + window);
        }
        if (firstBackoff == null || firstBackoff.isNegative() || firstBackoff.isZero()) {
            throw new IllegalArgumentException("retry backoff must be > 0, but got " + firstBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("the longest retry backoff must be >= the first (" + firstBackoff + "), but got " + maxBackoff);
        }
    }

    /** The default policy with another window. */
    public static RetryPolicy within(Duration window) {
        return new RetryPolicy(window, DEFAULT.firstBackoff, DEFAULT.maxBackoff);
    }

    /** The wait after {@code previous}: doubled, at most {@code maxBackoff}. */
    Duration next(Duration previous) {
        Duration doubled = previous.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}

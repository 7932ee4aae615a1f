package io.hpo4j.tuner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long and how wide {@link Study#optimize(Objective, OptimizeOptions)} runs: a budget of
 * trials and/or wall time, the number of trials run at once, and listeners.
 *
 * <pre>{@code
 * study.optimize(objective, OptimizeOptions.trials(50).withJobs(2).withTimeout(Duration.ofMinutes(10)));
 * }</pre>
 *
 * @param trials    how many trials to start in this call; 0 for no limit (then a timeout is needed)
 * @param jobs      how many trials run at once, each on its own worker thread (at least 1)
 * @param timeout   no new trial starts once this much time has passed; null for no limit.
 *                  Trials already running finish.
 * @param listeners called as trials start and finish
 */
public record OptimizeOptions(int trials, int jobs, Duration timeout, List<TrialListener> listeners) {

    public OptimizeOptions {
        if (trials < 0) {
            throw new IllegalArgumentException("trials must be >= 0 (0 for no limit), but got " + trials);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, but got " + jobs);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, but got " + timeout);
        }
        if (trials == 0 && timeout == null) {
            throw new IllegalArgumentException("a budget needs trials > 0 or a timeout, but got neither");
        }
        listeners = List.copyOf(listeners);
    }

    /** Run {@code n} trials, one at a time. */
    public static OptimizeOptions trials(int n) {
        return new OptimizeOptions(n, 1, null, List.of());
    }

    /** Run trials until {@code timeout} has passed, one at a time. */
    public static OptimizeOptions timeout(Duration timeout) {
        return new OptimizeOptions(0, 1, timeout, List.of());
    }

    public OptimizeOptions withTrials(int n) {
        return new OptimizeOptions(n, jobs, timeout, listeners);
    }

    public OptimizeOptions withJobs(int n) {
        return new OptimizeOptions(trials, n, timeout, listeners);
    }

    public OptimizeOptions withTimeout(Duration d) {
        return new OptimizeOptions(trials, jobs, d, listeners);
    }

    public OptimizeOptions withListener(TrialListener listener) {
        List<TrialListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new OptimizeOptions(trials, jobs, timeout, all);
    }
}

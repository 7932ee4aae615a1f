package io.hpo4j.tuner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long and how wide {@link Study#optimize(Objective, OptimizeOptions)} runs: a budget of
 * trials and/or wall time, the number of trials run at once, listeners, and which exceptions of
 * the objective are failures to record and go on from.
 *
 * <pre>{@code
 * study.optimize(objective, OptimizeOptions.trials(50).withJobs(2).withTimeout(Duration.ofMinutes(10))
 *     .withCatch(TrainingDivergedException.class));
 * }</pre>
 *
 * <h2>Exceptions of the objective (Optuna's {@code catch})</h2>
 * A trial whose objective throws is always stored as FAIL with the exception as its reason. Then,
 * by default, {@code optimize} stops starting trials and rethrows the exception (a checked one
 * wrapped in {@link ObjectiveFailedException}), so that a bug in the objective does not burn the
 * whole budget. An exception that is an instance of a class in {@link #catches()} is only
 * recorded (and logged), and the study goes on. {@link TrialPrunedException} always marks the
 * trial PRUNED, and a NaN or infinite return value always marks it FAIL and the study goes on.
 *
 * @param trials    how many trials to start in this call; 0 for no limit (then a timeout is needed)
 * @param jobs      how many trials run at once, each on its own worker (at least 1)
 * @param timeout   no new trial starts once this much time has passed; null for no limit.
 *                  Trials already running finish.
 * @param listeners called as trials start and finish
 * @param catches   exceptions of the objective that fail the trial without stopping the study
 */
public record OptimizeOptions(int trials, int jobs, Duration timeout, List<TrialListener> listeners,
                              List<Class<? extends Throwable>> catches) {

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
        catches = List.copyOf(catches);
        if (catches.contains(TrialPrunedException.class)) {
            throw new IllegalArgumentException("catch: TrialPrunedException always marks a trial PRUNED; it cannot be caught as a failure");
        }
    }

    /** Options with no exception caught. */
    public OptimizeOptions(int trials, int jobs, Duration timeout, List<TrialListener> listeners) {
        this(trials, jobs, timeout, listeners, List.of());
    }

    /** Run {@code n} trials, one at a time. */
    public static OptimizeOptions trials(int n) {
        return new OptimizeOptions(n, 1, null, List.of(), List.of());
    }

    /** Run trials until {@code timeout} has passed, one at a time. */
    public static OptimizeOptions timeout(Duration timeout) {
        return new OptimizeOptions(0, 1, timeout, List.of(), List.of());
    }

    public OptimizeOptions withTrials(int n) {
        return new OptimizeOptions(n, jobs, timeout, listeners, catches);
    }

    public OptimizeOptions withJobs(int n) {
        return new OptimizeOptions(trials, n, timeout, listeners, catches);
    }

    public OptimizeOptions withTimeout(Duration d) {
        return new OptimizeOptions(trials, jobs, d, listeners, catches);
    }

    public OptimizeOptions withListener(TrialListener listener) {
        List<TrialListener> all = new ArrayList<>(listeners);
        all.add(listener);
        return new OptimizeOptions(trials, jobs, timeout, all, catches);
    }

    /**
     * Adds exceptions that, thrown by the objective, fail the trial and let the study go on
     * (subclasses included): {@code withCatch(Exception.class)} records every exception and never
     * stops; errors such as {@link OutOfMemoryError} still stop the study unless listed.
     */
    @SafeVarargs
    public final OptimizeOptions withCatch(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new ArrayList<>(catches);
        for (Class<? extends Throwable> type : types) {
            if (type == null) {
                throw new IllegalArgumentException("catch: exception classes must not be null, but got " + java.util.Arrays.toString(types));
            }
            all.add(type);
        }
        return new OptimizeOptions(trials, jobs, timeout, listeners, all);
    }

    /** Whether {@code failure} of the objective is recorded and the study goes on. */
    public boolean isCaught(Throwable failure) {
        return catches.stream().anyMatch(type -> type.isInstance(failure));
    }
}

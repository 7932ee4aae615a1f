package io.hpo4j.tuner.pruner;

/**
 * A pruner's verdict on a running trial, with the reason a person can read. Immutable.
 *
 * @param prune  whether the trial should stop now
 * @param reason why, naming the value, the step and what it was compared with (for a prune, e.g.
 *               {@code "value 0.61 at step 3 is worse than the median 0.83 of 5 completed trials at step 3"});
 *               empty for a keep
 */
public record PruneDecision(boolean prune, String reason) {

    private static final PruneDecision KEEP = new PruneDecision(false, "");

    public PruneDecision {
        if (prune && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a prune decision needs a reason");
        }
        reason = reason == null ? "" : reason;
    }

    public static PruneDecision keep() {
        return KEEP;
    }

    public static PruneDecision prune(String reason) {
        return new PruneDecision(true, reason);
    }
}

package io.hpo4j.tuner;

/**
 * What a trial records when it finishes, besides its state and value: what the value measures,
 * its best epoch and why it stopped. {@link io.hpo4j.tuner.storage.Storage#recordTrialEnd} stores it.
 *
 * @param objective  what the value measures, or null if the objective did not say
 * @param bestEpoch  the step with the best intermediate value ({@link BestEpoch}), or null
 * @param stopReason why it stopped; never null
 */
public record TrialOutcome(ObjectiveMetric objective, Integer bestEpoch, StopReason stopReason) {

    public TrialOutcome {
        if (stopReason == null) {
            throw new IllegalArgumentException("a finished trial needs a stop reason, but got null");
        }
    }

    /**
     * The outcome a storage records when only a state and a reason are known: COMPLETE is
     * completed, PRUNED pruned, FAIL failed.
     */
    public static TrialOutcome of(TrialState state, String reason) {
        StopReason stop = switch (state) {
            case COMPLETE -> new StopReason.Completed(null);
            case PRUNED -> new StopReason.Pruned(null, reason);
            case FAIL -> new StopReason.Failed(reason);
            default -> throw new IllegalArgumentException("a trial finishes as COMPLETE, PRUNED or FAIL, but got " + state);
        };
        return new TrialOutcome(null, null, stop);
    }
}

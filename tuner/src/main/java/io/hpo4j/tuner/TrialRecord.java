package io.hpo4j.tuner;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a trial recorded about itself, typed, as storages keep it in columns of their own: what
 * its value measures, the seed it ran with, its best epoch, why it stopped, and the parameters it
 * was enqueued with. Fields that a trial has not recorded (yet) are null.
 *
 * @param objective      what the value and the intermediate values measure; null if the objective
 *                       did not say (a plain function run with ask/tell, or a trial of an earlier
 *                       release)
 * @param seed           the seed the trial ran with, the one {@link Trial#seed()} returned; null
 *                       while waiting
 * @param bestEpoch      the step with the best intermediate value ({@link BestEpoch}); null if it
 *                       reported none, or until it finishes
 * @param stopReason     why it stopped; null until it finishes
 * @param enqueuedParams the parameters it was enqueued with ({@code Study.enqueue}); null for a
 *                       trial whose parameters a sampler proposed
 */
public record TrialRecord(ObjectiveMetric objective, Long seed, Integer bestEpoch, StopReason stopReason,
                          Map<String, Object> enqueuedParams) {

    /** A trial that has recorded nothing. */
    public static final TrialRecord EMPTY = new TrialRecord(null, null, null, null, null);

    public TrialRecord {
        enqueuedParams = enqueuedParams == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(enqueuedParams));
    }

    /** Whether the trial was enqueued with fixed parameters. */
    public boolean enqueued() {
        return enqueuedParams != null;
    }

    public TrialRecord withSeed(Long newSeed) {
        return new TrialRecord(objective, newSeed, bestEpoch, stopReason, enqueuedParams);
    }

    public TrialRecord withEnqueuedParams(Map<String, Object> params) {
        return new TrialRecord(objective, seed, bestEpoch, stopReason, params);
    }

    /** This record with what a trial records when it finishes. */
    public TrialRecord finished(TrialOutcome outcome) {
        return new TrialRecord(outcome.objective(), seed, outcome.bestEpoch(), outcome.stopReason(), enqueuedParams);
    }
}

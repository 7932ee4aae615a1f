package io.hpo4j.tuner;

import java.util.Map;
import java.util.SortedMap;

/**
 * The one definition of a trial's best epoch: the step whose value is best in the given direction
 * among the finite values, the earliest such step on ties. Trials record it (see
 * {@link TrialRecord#bestEpoch()}), trainers return the value at it, and curve analyses use it.
 */
public final class BestEpoch {

    private BestEpoch() {
    }

    /** The best step of {@code values} (by step), or null if none is finite. */
    public static Integer of(SortedMap<Integer, Double> values, Direction direction) {
        Integer best = null;
        double bestValue = Double.NaN;
        for (Map.Entry<Integer, Double> e : values.entrySet()) {
            double v = e.getValue();
            if (Double.isFinite(v) && (best == null || direction.isBetter(v, bestValue))) {
                best = e.getKey();
                bestValue = v;
            }
        }
        return best;
    }
}

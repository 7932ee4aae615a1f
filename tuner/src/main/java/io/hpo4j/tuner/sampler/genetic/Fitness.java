package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;

import java.util.Optional;

/**
 * The fitness Jenetics' selectors compare, larger is better: every completed trial beats every
 * pruned one; within each group the better objective value wins (a pruned trial's value is the
 * last one it reported).
 *
 * @param complete whether the trial completed (rather than being pruned)
 * @param score    the objective value, negated when minimizing
 */
record Fitness(boolean complete, double score) implements Comparable<Fitness> {

    /**
     * The fitness of a finished trial, or empty if it cannot be a parent: failed, still running,
     * or without a finite value (a pruned trial that reported nothing).
     */
    static Optional<Fitness> of(FrozenTrial trial, Direction direction) {
        Double value = trial.value();
        if (value == null || !Double.isFinite(value)
                || (trial.state() != TrialState.COMPLETE && trial.state() != TrialState.PRUNED)) {
            return Optional.empty();
        }
        return Optional.of(new Fitness(trial.state() == TrialState.COMPLETE,
                direction == Direction.MINIMIZE ? -value : value));
    }

    @Override
    public int compareTo(Fitness other) {
        if (complete != other.complete) {
            return complete ? 1 : -1;
        }
        return Double.compare(score, other.score);
    }
}

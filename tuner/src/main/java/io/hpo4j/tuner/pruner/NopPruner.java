package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

/** A pruner that keeps every trial. */
public final class NopPruner implements Pruner {

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        return PruneDecision.keep();
    }

    @Override
    public String toString() {
        return "NopPruner";
    }
}

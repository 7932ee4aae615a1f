package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

import java.util.Map;

/** A pruner that keeps every trial. Stateless and thread-safe; get it from {@link Pruners#none()}. */
public final class NopPruner implements Pruner {

    NopPruner() {
    }

    @Override
    public PruneDecision decide(StudyView study, FrozenTrial trial) {
        return PruneDecision.keep();
    }

    /** {@code {type=none}}. */
    @Override
    public Map<String, Object> describe() {
        return Map.of("type", Pruners.NONE_TYPE);
    }

    @Override
    public String toString() {
        return "NopPruner";
    }
}

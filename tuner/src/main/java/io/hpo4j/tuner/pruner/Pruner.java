package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;

/**
 * Decides whether a running trial should stop because other trials did better at the same step.
 *
 * <p>Called by {@link io.hpo4j.tuner.Trial#shouldPrune()} after the trial reports an
 * intermediate value; {@code trial} holds every value it reported so far. Decisions read the
 * study's stored trials, so they hold with several workers and several processes.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Pruner {

    PruneDecision decide(StudyView study, FrozenTrial trial);
}

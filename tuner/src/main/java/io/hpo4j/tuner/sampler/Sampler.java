package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Proposes hyperparameters for new trials.
 *
 * <p>One method is required: {@link #sample}, which proposes values for the whole search space
 * when a trial starts, from the study's stored trials and an explicit random generator. A sampler
 * keeps no state of its own that cannot be rebuilt from the study's trials, so a study resumed
 * after a crash, or shared by several processes, goes on where it was. Implementations must be
 * thread-safe: several workers ask at once.
 */
public interface Sampler {

    /**
     * Proposes a value for every parameter of {@code space} (the declared search space, or the
     * one inferred from the study's completed trials).
     *
     * @param study  a read-only view of the study and its trials
     * @param trial  the new trial (RUNNING, no parameters yet)
     * @param space  the parameters to propose; never empty
     * @param random the generator to draw from, seeded per trial by the study
     * @return a value for each parameter of {@code space}, each one inside its distribution, and
     *         the attributes to record with it (generation, parents...)
     */
    Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random);

    /**
     * Proposes a value for a parameter the objective asks for outside the declared space
     * (define-by-run). Draws uniformly by default.
     */
    default Object sampleIndependent(StudyView study, FrozenTrial trial, String name, Distribution distribution,
                                     RandomGenerator random) {
        return distribution.sample(random);
    }

    /** Called after a trial finishes; a no-op by default. */
    default void onTrialFinished(StudyView study, FrozenTrial trial) {
    }

    /** The sampler's name and settings, recorded with every trial (provenance). */
    default Map<String, Object> describe() {
        return Map.of("type", getClass().getSimpleName());
    }
}

package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Draws every parameter independently and uniformly (log-uniformly on a log scale). Stateless and
 * thread-safe. With a seeded study, trial N gets the same parameters in every run, whatever the
 * number of parallel jobs, because the study seeds each trial's generator from the study's seed
 * and the trial's number.
 */
public final class RandomSampler implements Sampler {

    @Override
    public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
        return Proposal.of(space.sample(random));
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", "random");
    }

    @Override
    public String toString() {
        return "RandomSampler";
    }
}

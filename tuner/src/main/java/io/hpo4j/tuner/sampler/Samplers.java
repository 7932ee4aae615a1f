package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.sampler.genetic.GeneticSampler;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;

/** Factories for the built-in samplers. */
public final class Samplers {

    private static final RandomSampler RANDOM = new RandomSampler();

    private Samplers() {
    }

    /** Independent uniform sampling; reproducible through the study's seed. */
    public static Sampler random() {
        return RANDOM;
    }

    /** A steady-state genetic algorithm with the default settings ({@link GeneticSettings#defaults()}). */
    public static Sampler genetic() {
        return genetic(GeneticSettings.defaults());
    }

    /** A steady-state genetic algorithm on Jenetics' operators; see {@link GeneticSampler}. */
    public static Sampler genetic(GeneticSettings settings) {
        return new GeneticSampler(settings);
    }
}

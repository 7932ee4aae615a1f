package io.hpo4j.tuner.sampler;

/** Factories for the built-in samplers. */
public final class Samplers {

    private static final RandomSampler RANDOM = new RandomSampler();

    private Samplers() {
    }

    /** Independent uniform sampling; reproducible through the study's seed. */
    public static Sampler random() {
        return RANDOM;
    }
}

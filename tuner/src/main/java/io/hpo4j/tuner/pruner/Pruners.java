package io.hpo4j.tuner.pruner;

/** Factories for the built-in pruners. */
public final class Pruners {

    private static final Pruner NONE = new NopPruner();

    private Pruners() {
    }

    /** Never prunes. */
    public static Pruner none() {
        return NONE;
    }
}

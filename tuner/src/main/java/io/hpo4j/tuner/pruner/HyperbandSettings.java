package io.hpo4j.tuner.pruner;

/**
 * Settings of Hyperband (Optuna's {@code HyperbandPruner}).
 *
 * <pre>{@code
 * Pruner pruner = Pruners.hyperband(HyperbandSettings.of(1, 27).withReductionFactor(3));
 * }</pre>
 *
 * <p>Hyperband runs {@code floor(log_reductionFactor(maxResource / minResource)) + 1} brackets of
 * successive halving; bracket {@code b} has its first rung at {@code minResource *
 * reductionFactor^b}. Error messages use the snake_case names that study files use.
 *
 * @param minResource     {@code min_resource}: the first rung of the most aggressive bracket;
 *                        {@code >= 1}, default 1
 * @param maxResource     {@code max_resource}: the largest step a trial reaches (the number of
 *                        epochs, say); {@code >= minResource}, required (Optuna's {@code "auto"}
 *                        is not offered: it depends on which trial completes first, so processes
 *                        could disagree on the brackets)
 * @param reductionFactor {@code reduction_factor}: as in successive halving; {@code >= 2},
 *                        default 3
 * @param bootstrapCount  {@code bootstrap_count}: as in successive halving; {@code >= 0},
 *                        default 0
 */
public record HyperbandSettings(int minResource, int maxResource, int reductionFactor, int bootstrapCount) {

    static final int DEFAULT_MIN_RESOURCE = 1;
    static final int DEFAULT_REDUCTION_FACTOR = 3;
    static final int DEFAULT_BOOTSTRAP_COUNT = 0;

    public HyperbandSettings {
        if (minResource < 1) {
            throw new IllegalArgumentException("min_resource must be >= 1, but got " + minResource);
        }
        if (maxResource < minResource) {
            throw new IllegalArgumentException("max_resource must be >= min_resource=" + minResource
                    + ", but got max_resource=" + maxResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction_factor must be >= 2, but got " + reductionFactor);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrap_count must be >= 0, but got " + bootstrapCount);
        }
    }

    /** Resources from {@code minResource} to {@code maxResource}, reduction factor 3, no bootstrap. */
    public static HyperbandSettings of(int minResource, int maxResource) {
        return new HyperbandSettings(minResource, maxResource, DEFAULT_REDUCTION_FACTOR, DEFAULT_BOOTSTRAP_COUNT);
    }

    public HyperbandSettings withReductionFactor(int n) {
        return new HyperbandSettings(minResource, maxResource, n, bootstrapCount);
    }

    public HyperbandSettings withBootstrapCount(int n) {
        return new HyperbandSettings(minResource, maxResource, reductionFactor, n);
    }

    /** The number of brackets: the largest {@code s} with {@code minResource * reductionFactor^s <= maxResource}, plus 1. */
    public int brackets() {
        int s = 0;
        long resource = (long) minResource * reductionFactor;
        while (resource <= maxResource) {
            s++;
            resource *= reductionFactor;
        }
        return s + 1;
    }
}

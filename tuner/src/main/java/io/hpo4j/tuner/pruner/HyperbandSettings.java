package io.hpo4j.tuner.pruner;

import java.util.Map;

import java.util.LinkedHashMap;

import io.hpo4j.tuner.settings.SettingsReader;

import io.hpo4j.tuner.settings.SettingsCodec;

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

    /** The settings by {@code min_resource}, {@code max_resource} (required), {@code reduction_factor}, {@code bootstrap_count}. */
    public static final SettingsCodec<HyperbandSettings> CODEC = new SettingsCodec<>() {
        @Override
        public Map<String, Object> encode(HyperbandSettings s) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(Pruners.MIN_RESOURCE, s.minResource());
            d.put(Pruners.MAX_RESOURCE, s.maxResource());
            d.put(Pruners.REDUCTION_FACTOR, s.reductionFactor());
            d.put(Pruners.BOOTSTRAP_COUNT, s.bootstrapCount());
            return d;
        }

        @Override
        public HyperbandSettings decode(SettingsReader in) {
            return new HyperbandSettings(in.integer(Pruners.MIN_RESOURCE, DEFAULT_MIN_RESOURCE),
                    in.requiredInteger(Pruners.MAX_RESOURCE),
                    in.integer(Pruners.REDUCTION_FACTOR, DEFAULT_REDUCTION_FACTOR),
                    in.integer(Pruners.BOOTSTRAP_COUNT, DEFAULT_BOOTSTRAP_COUNT));
        }
    };


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

package io.hpo4j.tuner.pruner;

import java.util.Map;

import java.util.LinkedHashMap;

import io.hpo4j.tuner.settings.SettingsReader;

import io.hpo4j.tuner.settings.SettingsCodec;

/**
 * Settings of asynchronous successive halving (Optuna's {@code SuccessiveHalvingPruner}).
 *
 * <pre>{@code
 * Pruner pruner = Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3));
 * }</pre>
 *
 * <p>Rung {@code k} (0, 1, 2, ...) sits at step {@code minResource * reductionFactor^(minEarlyStoppingRate + k)}.
 * Error messages use the snake_case names that study files use.
 *
 * @param minResource          {@code min_resource}: the step of the first rung when
 *                             {@code minEarlyStoppingRate} is 0; {@code >= 1}, default 1.
 *                             (Optuna's {@code "auto"} is not offered: it depends on which trials
 *                             have completed when a process first looks, so processes could
 *                             disagree on the rungs.)
 * @param reductionFactor      {@code reduction_factor}: about 1 in this many trials is promoted at
 *                             each rung, and rungs are this many times further apart;
 *                             {@code >= 2}, default 4
 * @param minEarlyStoppingRate {@code min_early_stopping_rate}: shifts the first rung to
 *                             {@code minResource * reductionFactor^minEarlyStoppingRate};
 *                             {@code >= 0}, default 0
 * @param bootstrapCount       {@code bootstrap_count}: a trial reaching a rung is pruned while no
 *                             more than this many trials (itself included) have reached it;
 *                             {@code >= 0}, default 0
 */
public record SuccessiveHalvingSettings(int minResource, int reductionFactor, int minEarlyStoppingRate,
                                        int bootstrapCount) {

    /** The settings by {@code min_resource}, {@code reduction_factor}, {@code min_early_stopping_rate}, {@code bootstrap_count}. */
    public static final SettingsCodec<SuccessiveHalvingSettings> CODEC = new SettingsCodec<>() {
        @Override
        public Map<String, Object> encode(SuccessiveHalvingSettings s) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(Pruners.MIN_RESOURCE, s.minResource());
            d.put(Pruners.REDUCTION_FACTOR, s.reductionFactor());
            d.put(Pruners.MIN_EARLY_STOPPING_RATE, s.minEarlyStoppingRate());
            d.put(Pruners.BOOTSTRAP_COUNT, s.bootstrapCount());
            return d;
        }

        @Override
        public SuccessiveHalvingSettings decode(SettingsReader in) {
            SuccessiveHalvingSettings d = defaults();
            return new SuccessiveHalvingSettings(in.integer(Pruners.MIN_RESOURCE, d.minResource()),
                    in.integer(Pruners.REDUCTION_FACTOR, d.reductionFactor()),
                    in.integer(Pruners.MIN_EARLY_STOPPING_RATE, d.minEarlyStoppingRate()),
                    in.integer(Pruners.BOOTSTRAP_COUNT, d.bootstrapCount()));
        }
    };


    private static final SuccessiveHalvingSettings DEFAULTS = new SuccessiveHalvingSettings(1, 4, 0, 0);

    public SuccessiveHalvingSettings {
        if (minResource < 1) {
            throw new IllegalArgumentException("min_resource must be >= 1, but got " + minResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction_factor must be >= 2, but got " + reductionFactor);
        }
        if (minEarlyStoppingRate < 0) {
            throw new IllegalArgumentException("min_early_stopping_rate must be >= 0, but got " + minEarlyStoppingRate);
        }
        if (bootstrapCount < 0) {
            throw new IllegalArgumentException("bootstrap_count must be >= 0, but got " + bootstrapCount);
        }
    }

    /** Rungs at steps 1, 4, 16, 64, ...: min_resource 1, reduction factor 4, rate 0, no bootstrap. */
    public static SuccessiveHalvingSettings defaults() {
        return DEFAULTS;
    }

    public SuccessiveHalvingSettings withMinResource(int n) {
        return new SuccessiveHalvingSettings(n, reductionFactor, minEarlyStoppingRate, bootstrapCount);
    }

    public SuccessiveHalvingSettings withReductionFactor(int n) {
        return new SuccessiveHalvingSettings(minResource, n, minEarlyStoppingRate, bootstrapCount);
    }

    public SuccessiveHalvingSettings withMinEarlyStoppingRate(int n) {
        return new SuccessiveHalvingSettings(minResource, reductionFactor, n, bootstrapCount);
    }

    public SuccessiveHalvingSettings withBootstrapCount(int n) {
        return new SuccessiveHalvingSettings(minResource, reductionFactor, minEarlyStoppingRate, n);
    }

    /**
     * The step of rung {@code rung}, or {@link Long#MAX_VALUE} if it lies beyond any int step.
     */
    public long rungStep(int rung) {
        if (rung < 0) {
            throw new IllegalArgumentException("rung must be >= 0, but got " + rung);
        }
        long step = minResource;
        for (long i = 0, n = (long) minEarlyStoppingRate + rung; i < n; i++) {
            step *= reductionFactor;
            if (step > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
        }
        return step;
    }
}

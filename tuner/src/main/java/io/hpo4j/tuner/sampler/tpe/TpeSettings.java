package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.settings.SettingsCodec;
import io.hpo4j.tuner.settings.SettingsReader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a {@link TpeSampler} (and of the model inside a {@link BohbSampler}); immutable,
 * validated when built. The defaults are Optuna's current ones.
 *
 * <pre>{@code
 * TpeSettings settings = TpeSettings.builder().startupTrials(20).multivariate(false).build();
 * Sampler sampler = Samplers.tpe(settings);
 * }</pre>
 *
 * @param startupTrials      trials drawn at random before the model is used: while fewer than
 *                           this many trials have COMPLETED or been PRUNED (Optuna's
 *                           {@code n_startup_trials}, 10)
 * @param eiCandidates       candidates drawn from the good trials' estimator per proposal; the one
 *                           with the largest {@code log l(x) - log g(x)} is proposed
 *                           ({@code n_ei_candidates}, 24)
 * @param gamma              the share of finished trials that are "good":
 *                           {@code min(ceil(gamma * n), gammaCap)} (Optuna's default gamma is
 *                           {@code min(ceil(0.1 n), 25)}); in {@code (0, 1]}
 * @param gammaCap           the most good trials, at least 1 (25)
 * @param priorWeight        the weight of the prior kernel (uniform over each parameter's range),
 *                           relative to 1 per observed trial; at least 0 ({@code prior_weight}, 1.0)
 * @param considerMagicClip  whether a kernel's width is at least {@code range / min(100, n + 2)}
 *                           (true); otherwise at least 1e-12
 * @param considerEndpoints  whether the first and last kernels' widths also consider the distance
 *                           to the range's ends (false)
 * @param multivariate       whether one joint estimator models all parameters (true, Optuna's
 *                           default for a single objective since its 4.x releases) or one
 *                           estimator per parameter (false, Optuna 3's default)
 * @param constantLiar       whether RUNNING trials count as bad trials at the parameters they were
 *                           given, so that parallel workers spread out (true)
 */
public record TpeSettings(int startupTrials, int eiCandidates, double gamma, int gammaCap, double priorWeight,
                          boolean considerMagicClip, boolean considerEndpoints, boolean multivariate,
                          boolean constantLiar) {

    private static final TpeSettings DEFAULTS = builder().build();

    public TpeSettings {
        if (startupTrials < 0) {
            throw new IllegalArgumentException("tpe sampler: startupTrials must be >= 0, but got " + startupTrials);
        }
        if (eiCandidates < 1) {
            throw new IllegalArgumentException("tpe sampler: eiCandidates must be >= 1, but got " + eiCandidates);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("tpe sampler: gamma must be in (0, 1], but got " + gamma);
        }
        if (gammaCap < 1) {
            throw new IllegalArgumentException("tpe sampler: gammaCap must be >= 1, but got " + gammaCap);
        }
        if (!(priorWeight >= 0) || !Double.isFinite(priorWeight)) {
            throw new IllegalArgumentException("tpe sampler: priorWeight must be a finite number >= 0, but got " + priorWeight);
        }
    }

    /** Optuna's defaults. */
    public static TpeSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().startupTrials(startupTrials).eiCandidates(eiCandidates).gamma(gamma).gammaCap(gammaCap)
                .priorWeight(priorWeight).considerMagicClip(considerMagicClip).considerEndpoints(considerEndpoints)
                .multivariate(multivariate).constantLiar(constantLiar);
    }

    /** How many of {@code finished} trials are good: {@code min(ceil(gamma * finished), gammaCap)}. */
    public int goodCount(int finished) {
        return (int) Math.min(Math.ceil(gamma * finished), gammaCap);
    }

    /** The settings as a JSON-compatible map with snake_case keys, as study files name them: {@link #CODEC}. */
    public Map<String, Object> toMap() {
        return CODEC.encode(this);
    }

    /**
     * The settings by {@code n_startup_trials}, {@code n_ei_candidates}, {@code gamma},
     * {@code gamma_cap}, {@code prior_weight}, {@code consider_magic_clip},
     * {@code consider_endpoints}, {@code multivariate}, {@code constant_liar}; absent ones take
     * Optuna's defaults.
     */
    public static final SettingsCodec<TpeSettings> CODEC = new SettingsCodec<>() {
        @Override
        public Map<String, Object> encode(TpeSettings s) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("n_startup_trials", s.startupTrials());
            map.put("n_ei_candidates", s.eiCandidates());
            map.put("gamma", s.gamma());
            map.put("gamma_cap", s.gammaCap());
            map.put("prior_weight", s.priorWeight());
            map.put("consider_magic_clip", s.considerMagicClip());
            map.put("consider_endpoints", s.considerEndpoints());
            map.put("multivariate", s.multivariate());
            map.put("constant_liar", s.constantLiar());
            return map;
        }

        @Override
        public TpeSettings decode(SettingsReader in) {
            TpeSettings d = defaults();
            return builder()
                    .startupTrials(in.integer("n_startup_trials", d.startupTrials()))
                    .eiCandidates(in.integer("n_ei_candidates", d.eiCandidates()))
                    .gamma(in.number("gamma", d.gamma()))
                    .gammaCap(in.integer("gamma_cap", d.gammaCap()))
                    .priorWeight(in.number("prior_weight", d.priorWeight()))
                    .considerMagicClip(in.bool("consider_magic_clip", d.considerMagicClip()))
                    .considerEndpoints(in.bool("consider_endpoints", d.considerEndpoints()))
                    .multivariate(in.bool("multivariate", d.multivariate()))
                    .constantLiar(in.bool("constant_liar", d.constantLiar()))
                    .build();
        }
    };

    /** Collects settings; unset ones take Optuna's defaults. */
    public static final class Builder {
        private int startupTrials = 10;
        private int eiCandidates = 24;
        private double gamma = 0.1;
        private int gammaCap = 25;
        private double priorWeight = 1.0;
        private boolean considerMagicClip = true;
        private boolean considerEndpoints;
        private boolean multivariate = true;
        private boolean constantLiar = true;

        private Builder() {
        }

        public Builder startupTrials(int startupTrials) {
            this.startupTrials = startupTrials;
            return this;
        }

        public Builder eiCandidates(int eiCandidates) {
            this.eiCandidates = eiCandidates;
            return this;
        }

        public Builder gamma(double gamma) {
            this.gamma = gamma;
            return this;
        }

        public Builder gammaCap(int gammaCap) {
            this.gammaCap = gammaCap;
            return this;
        }

        public Builder priorWeight(double priorWeight) {
            this.priorWeight = priorWeight;
            return this;
        }

        public Builder considerMagicClip(boolean considerMagicClip) {
            this.considerMagicClip = considerMagicClip;
            return this;
        }

        public Builder considerEndpoints(boolean considerEndpoints) {
            this.considerEndpoints = considerEndpoints;
            return this;
        }

        public Builder multivariate(boolean multivariate) {
            this.multivariate = multivariate;
            return this;
        }

        public Builder constantLiar(boolean constantLiar) {
            this.constantLiar = constantLiar;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid setting, its value and the valid range
         */
        public TpeSettings build() {
            return new TpeSettings(startupTrials, eiCandidates, gamma, gammaCap, priorWeight, considerMagicClip,
                    considerEndpoints, multivariate, constantLiar);
        }
    }
}

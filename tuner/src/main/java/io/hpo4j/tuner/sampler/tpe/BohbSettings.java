package io.hpo4j.tuner.sampler.tpe;

/**
 * The settings of a {@link BohbSampler}: its TPE model's, and how many trials must have been
 * observed at a budget for the model to be fitted there.
 *
 * @param tpe             the model's settings ({@link TpeSettings#defaults()} by default)
 * @param minObservations trials needed at a budget; 0 (the default) means BOHB's rule,
 *                        {@code d + 2} for {@code d} parameters, at least 3
 */
public record BohbSettings(TpeSettings tpe, int minObservations) {

    private static final BohbSettings DEFAULTS = new BohbSettings(TpeSettings.defaults(), 0);

    public BohbSettings {
        if (tpe == null) {
            throw new IllegalArgumentException("bohb sampler: tpe settings must not be null");
        }
        if (minObservations < 0) {
            throw new IllegalArgumentException("bohb sampler: minObservations must be >= 0 (0 for d + 2), but got "
                    + minObservations);
        }
    }

    public static BohbSettings defaults() {
        return DEFAULTS;
    }

    /** These settings with another TPE model. */
    public BohbSettings withTpe(TpeSettings tpe) {
        return new BohbSettings(tpe, minObservations);
    }

    /** These settings with another number of observations per budget (0 for {@code d + 2}). */
    public BohbSettings withMinObservations(int minObservations) {
        return new BohbSettings(tpe, minObservations);
    }

    /** The settings as a JSON-compatible map with snake_case keys: {@link #CODEC}. */
    public java.util.Map<String, Object> toMap() {
        return CODEC.encode(this);
    }

    /** The settings by the keys of {@link TpeSettings#CODEC} and {@code min_observations} (0 for {@code d + 2}). */
    public static final io.hpo4j.tuner.settings.SettingsCodec<BohbSettings> CODEC = new io.hpo4j.tuner.settings.SettingsCodec<>() {
        @Override
        public java.util.Map<String, Object> encode(BohbSettings s) {
            java.util.Map<String, Object> map = new java.util.LinkedHashMap<>(TpeSettings.CODEC.encode(s.tpe()));
            map.put("min_observations", s.minObservations());
            return map;
        }

        @Override
        public BohbSettings decode(io.hpo4j.tuner.settings.SettingsReader in) {
            return new BohbSettings(TpeSettings.CODEC.decode(in),
                    in.integer("min_observations", defaults().minObservations()));
        }
    };

    /** The observations needed at a budget for a space of {@code dimensions} parameters. */
    public int minObservations(int dimensions) {
        return minObservations > 0 ? minObservations : Math.max(3, dimensions + 2);
    }
}

package io.hpo4j.trainers.data;

/**
 * How features are rescaled after the train/validation split. The statistics (mean and standard
 * deviation, or minimum and maximum, per feature) are computed on the <em>training</em> part only
 * and applied unchanged to the validation part, so no information leaks from validation into
 * training.
 *
 * <pre>{@code
 * TrainValidation scaled = FeatureScaling.STANDARDIZE.apply(split);
 * }</pre>
 *
 * <p>IDX images are already scaled to {@code [0, 1]} by the loader (pixels / 255), so their
 * default is {@link #NONE}; CSV data default to {@link #STANDARDIZE}.
 */
public enum FeatureScaling {
    /** Features as loaded. */
    NONE,
    /** z-score: {@code (x - mean) / std} per feature (population std; a constant feature only loses its mean). */
    STANDARDIZE,
    /** {@code (x - min) / (max - min)} per feature, so the training part lies in [0, 1] (a constant feature becomes 0). */
    MIN_MAX;

    /** Parses {@code none}, {@code standardize} ({@code zscore}) or {@code min_max} ({@code minmax}), any case. */
    public static FeatureScaling parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        return switch (t) {
            case "none" -> NONE;
            case "standardize", "zscore", "z_score", "standard" -> STANDARDIZE;
            case "min_max", "minmax" -> MIN_MAX;
            default -> throw new IllegalArgumentException("scaling must be one of [none, standardize, min_max], but got '" + text + "'");
        };
    }

    /** Scales both parts with statistics of {@code data.train()}; returns {@code data} itself for {@link #NONE}. */
    public TrainValidation apply(TrainValidation data) {
        if (this == NONE) {
            return data;
        }
        FittedScaling fitted = fit(data.train());
        return new TrainValidation(fitted.apply(data.train()), fitted.apply(data.validation()));
    }

    /** This scaling's statistics on {@code train}: what {@link #apply(TrainValidation)} uses. */
    public FittedScaling fit(LabeledDataset train) {
        int d = train.numFeatures();
        if (this == NONE) {
            return FittedScaling.identity(d);
        }
        float[] x = train.featuresUnsafe();
        int n = train.size();
        double[] shift = new double[d];
        double[] scale = new double[d];
        if (this == STANDARDIZE) {
            double[] mean = new double[d];
            double[] m2 = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = x[i * d + j];
                    double delta = v - mean[j];
                    mean[j] += delta / (i + 1);
                    m2[j] += delta * (v - mean[j]);
                }
            }
            for (int j = 0; j < d; j++) {
                double std = Math.sqrt(m2[j] / n);
                shift[j] = mean[j];
                scale[j] = std > 1e-12 ? 1.0 / std : 1.0;
            }
        } else {
            for (int j = 0; j < d; j++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    min = Math.min(min, x[i * d + j]);
                    max = Math.max(max, x[i * d + j]);
                }
                shift[j] = min;
                scale[j] = max - min > 1e-12 ? 1.0 / (max - min) : 1.0;
            }
        }
        return FittedScaling.of(this, shift, scale);
    }
}

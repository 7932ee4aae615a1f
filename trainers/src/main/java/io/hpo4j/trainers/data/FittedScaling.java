package io.hpo4j.trainers.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * A {@link FeatureScaling} with its statistics: per feature, {@code x' = (x - shift) * factor}.
 * Fitted on a training part ({@link FeatureScaling#fit}) and applied unchanged to everything the
 * network sees later (validation, test, new data), so a model saved with its scaling predicts
 * correctly on raw inputs.
 *
 * <pre>{@code
 * FittedScaling scaling = FeatureScaling.STANDARDIZE.fit(train);
 * LabeledDataset scaledTest = scaling.apply(test);
 * }</pre>
 *
 * <p>Immutable; the arrays are copied in and out.
 */
public final class FittedScaling {

    private final FeatureScaling kind;
    private final double[] shift;
    private final double[] factor;

    private FittedScaling(FeatureScaling kind, double[] shift, double[] factor) {
        this.kind = kind;
        this.shift = shift;
        this.factor = factor;
    }

    /**
     * A scaling with the given statistics.
     *
     * @throws IllegalArgumentException if the arrays differ in length, or a factor is not finite and positive
     */
    public static FittedScaling of(FeatureScaling kind, double[] shift, double[] factor) {
        if (kind == null || shift == null || factor == null || shift.length != factor.length) {
            throw new IllegalArgumentException("a fitted scaling needs a kind and as many shifts as factors, but got kind="
                    + kind + ", " + (shift == null ? "no" : shift.length) + " shifts and "
                    + (factor == null ? "no" : factor.length) + " factors");
        }
        for (int j = 0; j < factor.length; j++) {
            if (!(factor[j] > 0 && Double.isFinite(factor[j])) || !Double.isFinite(shift[j])) {
                throw new IllegalArgumentException("feature " + j + " of a fitted scaling needs a finite shift and a finite factor > 0, but got shift="
                        + shift[j] + ", factor=" + factor[j]);
            }
        }
        return new FittedScaling(kind, shift.clone(), factor.clone());
    }

    /** The identity on {@code numFeatures} features ({@link FeatureScaling#NONE}). */
    public static FittedScaling identity(int numFeatures) {
        double[] one = new double[numFeatures];
        Arrays.fill(one, 1.0);
        return new FittedScaling(FeatureScaling.NONE, new double[numFeatures], one);
    }

    public FeatureScaling kind() {
        return kind;
    }

    public int numFeatures() {
        return shift.length;
    }

    /** What is subtracted from each feature (the training mean, or minimum); a copy. */
    public double[] shift() {
        return shift.clone();
    }

    /** What each shifted feature is multiplied by (1 / std, or 1 / (max - min)); a copy. */
    public double[] factor() {
        return factor.clone();
    }

    /** {@code data} with its features scaled; {@code data} itself for {@link FeatureScaling#NONE}. */
    public LabeledDataset apply(LabeledDataset data) {
        requireFeatures(data.numFeatures(), data.name());
        if (kind == FeatureScaling.NONE) {
            return data;
        }
        return data.mapFeatures(data.name() + "[" + kind.name().toLowerCase(Locale.ROOT) + "]", this::applyInPlace);
    }

    /** Scales rows of {@link #numFeatures()} values, one after another, in place. */
    public void applyInPlace(float[] rows) {
        if (rows.length % shift.length != 0) {
            throw new IllegalArgumentException(rows.length + " values are not whole rows of " + shift.length + " features");
        }
        if (kind == FeatureScaling.NONE) {
            return;
        }
        int d = shift.length;
        for (int k = 0; k < rows.length; k++) {
            int j = k % d;
            rows[k] = (float) ((rows[k] - shift[j]) * factor[j]);
        }
    }

    /**
     * @throws IllegalArgumentException if {@code numFeatures} is not this scaling's, naming {@code what}
     */
    public void requireFeatures(int numFeatures, String what) {
        if (numFeatures != shift.length) {
            throw new IllegalArgumentException(what + " has " + numFeatures + " features, but the model was trained on "
                    + shift.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedScaling f && kind == f.kind && Arrays.equals(shift, f.shift) && Arrays.equals(factor, f.factor);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Arrays.hashCode(shift)) + Arrays.hashCode(factor);
    }

    @Override
    public String toString() {
        return "FittedScaling{" + kind.name().toLowerCase(Locale.ROOT) + ", " + shift.length + " features}";
    }
}

package io.hpo4j.tuner.space;

import java.util.random.RandomGenerator;

/**
 * A real-valued hyperparameter in {@code [low, high]}, optionally on a log scale or on a grid
 * {@code low, low + step, ..., high}.
 *
 * <p>A log scale needs {@code low > 0}; a step needs {@code (high - low)} to be a multiple of
 * it; log scale and step cannot be combined. {@code step == 0} means continuous.
 *
 * @param low  the smallest value, inclusive
 * @param high the largest value, inclusive
 * @param log  whether values are drawn uniformly in {@code log(value)}
 * @param step the grid spacing, or 0 for a continuous range
 */
public record FloatDistribution(double low, double high, boolean log, double step) implements Distribution {

    private static final double STEP_TOLERANCE = 1e-8;

    public FloatDistribution {
        if (!Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException(
                    "low and high must be finite numbers, but got low=" + low + ", high=" + high);
        }
        if (low > high) {
            throw new IllegalArgumentException(
                    "low must be <= high, but got low=" + low + ", high=" + high);
        }
        if (log && low <= 0) {
            throw new IllegalArgumentException(
                    "low must be > 0 for a log scale, but got low=" + low);
        }
        if (!(step >= 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("step must be a finite number >= 0 (0 for none), but got step=" + step);
        }
        if (step > 0 && log) {
            throw new IllegalArgumentException("step and log scale cannot be combined, but got step=" + step + " with log=true");
        }
        if (step > 0) {
            double steps = (high - low) / step;
            if (Math.abs(steps - Math.rint(steps)) > STEP_TOLERANCE * Math.max(1, steps)) {
                throw new IllegalArgumentException("step must divide high - low, but got step=" + step
                        + " for low=" + low + ", high=" + high + " (" + steps + " steps)");
            }
        }
    }

    /** A continuous, linear range. */
    public static FloatDistribution of(double low, double high) {
        return new FloatDistribution(low, high, false, 0);
    }

    /** A continuous range on a log scale. */
    public static FloatDistribution logOf(double low, double high) {
        return new FloatDistribution(low, high, true, 0);
    }

    /** A grid {@code low, low + step, ..., high}. */
    public static FloatDistribution stepped(double low, double high, double step) {
        return new FloatDistribution(low, high, false, step);
    }

    public boolean hasStep() {
        return step > 0;
    }

    @Override
    public Object sample(RandomGenerator random) {
        if (isSingle()) {
            return low;
        }
        if (log) {
            double value = Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
            return clamp(value);
        }
        if (hasStep()) {
            long steps = Math.round((high - low) / step);
            return snap(low + random.nextLong(steps + 1) * step);
        }
        return clamp(low + random.nextDouble() * (high - low));
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        if (!(v >= low && v <= high)) {
            return false;
        }
        if (hasStep()) {
            double k = (v - low) / step;
            return Math.abs(k - Math.rint(k)) <= STEP_TOLERANCE * Math.max(1, Math.abs(k));
        }
        return true;
    }

    @Override
    public Object canonical(Object value) {
        if (!contains(value)) {
            throw new IllegalArgumentException("expected a number in " + describe() + ", but got " + value);
        }
        double v = ((Number) value).doubleValue();
        return hasStep() ? snap(v) : v;
    }

    @Override
    public double toInternal(Object value) {
        return ((Number) value).doubleValue();
    }

    @Override
    public Object fromInternal(double internal) {
        if (Double.isNaN(internal)) {
            throw new IllegalArgumentException("internal value must be a number, but got NaN");
        }
        return hasStep() ? snap(internal) : clamp(internal);
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public String describe() {
        return "float[" + low + ", " + high + "]" + (log ? " log" : "") + (hasStep() ? " step " + step : "");
    }

    private double clamp(double v) {
        return Math.min(high, Math.max(low, v));
    }

    private double snap(double v) {
        long k = Math.round((clamp(v) - low) / step);
        return clamp(low + k * step);
    }
}

package io.hpo4j.tuner.space;

import java.util.random.RandomGenerator;

/**
 * An integer hyperparameter in {@code [low, high]}, on a grid {@code low, low + step, ..., high}
 * (step 1 by default) or on a log scale.
 *
 * <p>A log scale needs {@code low >= 1} and step 1; {@code (high - low)} must be a multiple of
 * the step. Values are {@link Integer}s.
 *
 * @param low  the smallest value, inclusive
 * @param high the largest value, inclusive
 * @param log  whether values are drawn log-uniformly
 * @param step the grid spacing, at least 1
 */
public record IntDistribution(int low, int high, boolean log, int step) implements Distribution {

    public IntDistribution {
        if (low > high) {
            throw new IllegalArgumentException("low must be <= high, but got low=" + low + ", high=" + high);
        }
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, but got step=" + step);
        }
        if (log && low < 1) {
            throw new IllegalArgumentException("low must be >= 1 for a log scale, but got low=" + low);
        }
        if (log && step != 1) {
            throw new IllegalArgumentException("step and log scale cannot be combined, but got step=" + step + " with log=true");
        }
        if (((long) high - low) % step != 0) {
            throw new IllegalArgumentException("step must divide high - low, but got step=" + step
                    + " for low=" + low + ", high=" + high);
        }
    }

    /** Every integer in {@code [low, high]}. */
    public static IntDistribution of(int low, int high) {
        return new IntDistribution(low, high, false, 1);
    }

    /** The integers in {@code [low, high]}, drawn log-uniformly. */
    public static IntDistribution logOf(int low, int high) {
        return new IntDistribution(low, high, true, 1);
    }

    /** The grid {@code low, low + step, ..., high}. */
    public static IntDistribution stepped(int low, int high, int step) {
        return new IntDistribution(low, high, false, step);
    }

    @Override
    public Object sample(RandomGenerator random) {
        if (isSingle()) {
            return low;
        }
        if (log) {
            // Draw uniformly in log space over [low - 0.5, high + 0.5] so both ends keep their share.
            double lo = Math.log(low - 0.5);
            double hi = Math.log(high + 0.5);
            return (Integer) fromInternal(Math.exp(lo + random.nextDouble() * (hi - lo)));
        }
        long steps = ((long) high - low) / step;
        return (int) (low + random.nextLong(steps + 1) * step);
    }

    @Override
    public boolean contains(Object value) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double d = n.doubleValue();
        if (d != Math.rint(d) || d < low || d > high) {
            return false;
        }
        return (((long) d) - low) % step == 0;
    }

    @Override
    public Object canonical(Object value) {
        if (!contains(value)) {
            throw new IllegalArgumentException("expected an integer in " + describe() + ", but got " + value);
        }
        return ((Number) value).intValue();
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
        double clamped = Math.min(high, Math.max(low, internal));
        long k = Math.round((clamped - low) / step);
        return (int) Math.min(high, low + k * step);
    }

    @Override
    public boolean isSingle() {
        return low == high;
    }

    @Override
    public String describe() {
        return "int[" + low + ", " + high + "]" + (log ? " log" : "") + (step != 1 ? " step " + step : "");
    }
}

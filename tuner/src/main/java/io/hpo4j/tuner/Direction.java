package io.hpo4j.tuner;

/** Whether a study looks for the smallest or the largest objective value. */
public enum Direction {
    MINIMIZE,
    MAXIMIZE;

    /** Whether {@code candidate} is strictly better than {@code incumbent} in this direction. NaN is never better. */
    public boolean isBetter(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
    }

    /** The worst possible value in this direction: +inf when minimizing, -inf when maximizing. */
    public double worst() {
        return this == MINIMIZE ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /** Parses {@code minimize}/{@code maximize} (any case), naming the bad value otherwise. */
    public static Direction parse(String text) {
        for (Direction d : values()) {
            if (d.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("direction must be one of [minimize, maximize], but got '" + text + "'");
    }
}

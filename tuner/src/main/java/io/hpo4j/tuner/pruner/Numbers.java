package io.hpo4j.tuner.pruner;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;

/** Number helpers shared by the pruners: percentiles and short renderings for reasons. */
final class Numbers {

    private static final MathContext SIX_DIGITS = new MathContext(6);

    private Numbers() {
    }

    /**
     * The {@code q}-th percentile of {@code values} (none NaN) by linear interpolation between the
     * closest ranks, as numpy's default: rank {@code (n - 1) * q / 100}.
     *
     * @param values at least one value, in any order; not modified
     * @param q      in [0, 100]
     * @return the percentile; NaN if the interpolation meets -inf and +inf
     */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = (sorted.length - 1) * q / 100.0;
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        double fraction = rank - lo;
        if (lo == hi || fraction == 0 || sorted[lo] == sorted[hi]) {
            return sorted[lo];
        }
        return sorted[lo] + fraction * (sorted[hi] - sorted[lo]);
    }

    /** A value rendered for a reason: at most 6 significant digits, no trailing zeros. */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros();
        double magnitude = Math.abs(value);
        return magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e7) ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * Renders {@code a} and {@code b} so that they read differently when they differ: with 6
     * significant digits unless that would make them look equal, then in full.
     */
    static String[] formatPair(double a, double b) {
        String fa = format(a);
        String fb = format(b);
        if (fa.equals(fb) && Double.compare(a, b) != 0) {
            return new String[] {Double.toString(a), Double.toString(b)};
        }
        return new String[] {fa, fb};
    }

    /** A percentile rendered without a needless fraction: 25.0 gives "25", 12.5 gives "12.5". */
    static String formatPercent(double percent) {
        return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
    }
}

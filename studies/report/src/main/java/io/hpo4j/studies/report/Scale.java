package io.hpo4j.studies.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps data to pixels along one axis: linear, logarithmic or categorical (one band per choice),
 * with tick positions a person would choose (1, 2, 5 x 10^k; decades on a log axis). Immutable.
 */
final class Scale {

    private enum Kind { LINEAR, LOG, CATEGORY }

    private final Kind kind;
    private final double d0;
    private final double d1;
    private final double r0;
    private final double r1;
    private final List<String> categories;
    private final boolean integers;

    private Scale(Kind kind, double d0, double d1, double r0, double r1, List<String> categories) {
        this(kind, d0, d1, r0, r1, categories, false);
    }

    private Scale(Kind kind, double d0, double d1, double r0, double r1, List<String> categories, boolean integers) {
        this.integers = integers;
        this.kind = kind;
        this.d0 = d0;
        this.d1 = d1;
        this.r0 = r0;
        this.r1 = r1;
        this.categories = List.copyOf(categories);
    }

    /** A linear scale from [d0, d1] to [r0, r1]; a zero-width domain is widened. */
    static Scale linear(double d0, double d1, double r0, double r1) {
        if (!(d1 > d0)) {
            double pad = d0 == 0 ? 1 : Math.abs(d0) * 0.1;
            d0 -= pad;
            d1 += pad;
        }
        return new Scale(Kind.LINEAR, d0, d1, r0, r1, List.of());
    }

    /** A log-10 scale; the domain must be positive. */
    static Scale log(double d0, double d1, double r0, double r1) {
        if (!(d0 > 0)) {
            throw new IllegalArgumentException("a log scale needs a positive domain, but got [" + d0 + ", " + d1 + "]");
        }
        if (!(d1 > d0)) {
            d0 /= 2;
            d1 *= 2;
        }
        return new Scale(Kind.LOG, d0, d1, r0, r1, List.of());
    }

    /** Categories in equal bands; {@link #map} takes the index of a category. */
    static Scale categories(List<String> categories, double r0, double r1) {
        return new Scale(Kind.CATEGORY, -0.5, categories.size() - 0.5, r0, r1, categories);
    }

    /** A linear scale over the data, padded by 5 % of its range on both sides. */
    static Scale padded(double min, double max, double r0, double r1) {
        double pad = (max - min) * 0.05;
        return linear(min - pad, max + pad, r0, r1);
    }

    /** The same scale with ticks on whole numbers only (trial numbers, epochs, int parameters). */
    Scale integers() {
        return new Scale(kind, d0, d1, r0, r1, categories, true);
    }

    boolean isLog() {
        return kind == Kind.LOG;
    }

    boolean isCategorical() {
        return kind == Kind.CATEGORY;
    }

    List<String> categories() {
        return categories;
    }

    double map(double v) {
        double t = switch (kind) {
            case LOG -> (Math.log10(v) - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0));
            default -> (v - d0) / (d1 - d0);
        };
        return r0 + t * (r1 - r0);
    }

    /** Width of one category band in pixels (categorical scales). */
    double band() {
        return Math.abs(r1 - r0) / Math.max(1, categories.size());
    }

    /** Tick values: about {@code count} nice numbers (linear), decades (log), every category index. */
    List<Double> ticks(int count) {
        List<Double> ticks = new ArrayList<>();
        switch (kind) {
            case CATEGORY -> {
                for (int i = 0; i < categories.size(); i++) {
                    ticks.add((double) i);
                }
            }
            case LOG -> {
                int lo = (int) Math.ceil(Math.log10(d0) - 1e-9);
                int hi = (int) Math.floor(Math.log10(d1) + 1e-9);
                for (int k = lo; k <= hi; k++) {
                    ticks.add(Math.pow(10, k));
                }
                if (ticks.size() < 3) {
                    ticks.clear();
                    for (int k = lo - 1; k <= hi; k++) {
                        for (double m : new double[]{1, 2, 5}) {
                            double v = m * Math.pow(10, k);
                            if (v >= d0 * (1 - 1e-9) && v <= d1 * (1 + 1e-9) && (!integers || v >= 1)) {
                                ticks.add(v);
                            }
                        }
                    }
                }
            }
            default -> {
                double step = niceStep((d1 - d0) / Math.max(1, count));
                if (integers) {
                    step = Math.max(1, Math.ceil(step));
                }
                long first = (long) Math.ceil(d0 / step - 1e-9);
                long last = (long) Math.floor(d1 / step + 1e-9);
                for (long k = first; k <= last; k++) {
                    // k * step, without the binary noise of 3 * 0.2 = 0.6000000000000001
                    ticks.add(new BigDecimal(k).multiply(new BigDecimal(Double.toString(step))).doubleValue());
                }
            }
        }
        return ticks;
    }

    /** The label of a tick. */
    String label(double tick) {
        if (kind == Kind.CATEGORY) {
            int i = (int) Math.round(tick);
            return i >= 0 && i < categories.size() ? categories.get(i) : "";
        }
        return number(tick);
    }

    /** A short, exact-looking label for a number: 0.001, 0.25, 1e-05, 12, 3.2e+04. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        String mantissa = new BigDecimal(s.substring(0, s.indexOf('e'))).stripTrailingZeros().toPlainString();
        return mantissa + s.substring(s.indexOf('e'));
    }

    private static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}

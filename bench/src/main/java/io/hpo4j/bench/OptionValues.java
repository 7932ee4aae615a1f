package io.hpo4j.bench;

/** Parses the values of benchmark options, naming the option and the bad value on error. */
final class OptionValues {

    private OptionValues() {
    }

    static int positive(String option, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive integer, but got '" + value + "'");
        }
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be a positive integer, but got " + n);
        }
        return n;
    }

    static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be an integer >= 0, but got '" + value + "'");
    }

    static double nonNegativeReal(String option, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d >= 0 && Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number >= 0, but got '" + value + "'");
    }
}

package io.hpo4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples: the two-sided p-value
 * of the hypothesis that neither sample tends to be larger, by the normal approximation with
 * the tie and continuity corrections (as {@code scipy.stats.mannwhitneyu(method="asymptotic")}),
 * adequate from about 8 values per sample.
 */
final class MannWhitney {

    private MannWhitney() {
    }

    /** The two-sided p-value; 1 when every value is tied. */
    static double pValue(List<Double> x, List<Double> y) {
        int n1 = x.size();
        int n2 = y.size();
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("the rank test needs two non-empty samples, but got sizes " + n1 + " and " + n2);
        }
        List<double[]> all = new ArrayList<>(n1 + n2);
        x.forEach(v -> all.add(new double[]{v, 0}));
        y.forEach(v -> all.add(new double[]{v, 1}));
        all.sort((a, b) -> Double.compare(a[0], b[0]));
        int n = all.size();
        double rankSumX = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && Double.compare(all.get(j + 1)[0], all.get(i)[0]) == 0) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            int ties = j - i + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = i; k <= j; k++) {
                if (all.get(k)[1] == 0) {
                    rankSumX += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumX - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * upperTail(Math.max(0, z)));
    }

    /** {@code P(Z > z)} for a standard normal Z and {@code z >= 0}: erfc by its continued fraction. */
    static double upperTail(double z) {
        double x = z / Math.sqrt(2);
        if (x < 2) {
            // erf by its Taylor series, converging quickly for small x
            double sum = 0;
            double term = x;
            for (int k = 0; k < 60; k++) {
                sum += term / (2 * k + 1);
                term *= -x * x / (k + 1);
            }
            return 0.5 * (1 - 2 / Math.sqrt(Math.PI) * sum);
        }
        // erfc(x) = exp(-x^2) / sqrt(pi) * 1 / (x + 1/2 / (x + 1 / (x + 3/2 / (x + ...)))), evaluated from the tail
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return 0.5 * Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}

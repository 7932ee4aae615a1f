package io.hpo4j.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quartiles of a sample (linear interpolation between order statistics, as R's type 7 and
 * numpy's default).
 */
public record Quartiles(double q1, double median, double q3) {

    public static Quartiles of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("quartiles need at least one value, but got none");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }

    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("q1", q1);
        map.put("median", median);
        map.put("q3", q3);
        return map;
    }

    @Override
    public String toString() {
        return Arrays.toString(new double[] {q1, median, q3});
    }
}

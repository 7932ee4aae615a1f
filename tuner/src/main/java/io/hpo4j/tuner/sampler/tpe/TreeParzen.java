package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The step shared by the TPE samplers once trials are split into good and bad ones: fit a Parzen
 * estimator {@code l} to the good trials' parameters and {@code g} to the bad ones', draw
 * {@code eiCandidates} points from {@code l} and propose the one that maximizes
 * {@code log l(x) - log g(x)} (which ranks points as expected improvement does). Stateless.
 */
final class TreeParzen {

    private TreeParzen() {
    }

    /**
     * Proposes a value for every parameter of {@code space}.
     *
     * @param good the good trials' parameters, by trial number (a trial lacking a parameter of
     *             the space is left out of that parameter's estimator, or of the joint one)
     * @param bad  the bad trials' parameters (including constant liars), by trial number
     */
    static Map<String, Object> propose(SearchSpace space, List<Map<String, Object>> good, List<Map<String, Object>> bad,
                                       TpeSettings settings, RandomGenerator random) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            if (e.getValue().isSingle()) {
                params.put(e.getKey(), e.getValue().sample(random));
            } else {
                names.add(e.getKey());
            }
        }
        if (names.isEmpty()) {
            return params;
        }
        Map<String, Object> proposed = new LinkedHashMap<>();
        if (settings.multivariate()) {
            proposed.putAll(proposeJointly(space, names, good, bad, settings, random));
        } else {
            for (String name : names) {
                proposed.putAll(proposeJointly(space, List.of(name), good, bad, settings, random));
            }
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String name : space.names()) {
            ordered.put(name, params.containsKey(name) ? params.get(name) : proposed.get(name));
        }
        return ordered;
    }

    private static Map<String, Object> proposeJointly(SearchSpace space, List<String> names,
                                                      List<Map<String, Object>> good, List<Map<String, Object>> bad,
                                                      TpeSettings settings, RandomGenerator random) {
        List<Distribution> distributions = names.stream().map(space::get).toList();
        ParzenEstimator l = estimator(distributions, names, good, settings);
        ParzenEstimator g = estimator(distributions, names, bad, settings);
        double[][] candidates = l.sample(random, settings.eiCandidates());
        double[] below = l.logPdf(candidates);
        double[] above = g.logPdf(candidates);
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.length; c++) {
            double score = below[c] - above[c];
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (int d = 0; d < names.size(); d++) {
            params.put(names.get(d), distributions.get(d).fromInternal(candidates[best][d]));
        }
        return params;
    }

    private static ParzenEstimator estimator(List<Distribution> distributions, List<String> names,
                                             List<Map<String, Object>> trials, TpeSettings settings) {
        List<double[]> rows = new ArrayList<>(trials.size());
        for (Map<String, Object> params : trials) {
            double[] row = internal(params, names, distributions);
            if (row != null) {
                rows.add(row);
            }
        }
        return new ParzenEstimator(distributions, rows.toArray(double[][]::new), weights(rows.size()), settings);
    }

    /** The parameters' internal values, or null if one is missing or outside its distribution. */
    private static double[] internal(Map<String, Object> params, List<String> names, List<Distribution> distributions) {
        double[] row = new double[names.size()];
        for (int d = 0; d < row.length; d++) {
            Object value = params.get(names.get(d));
            Distribution distribution = distributions.get(d);
            if (value == null || !distribution.contains(value)) {
                return null;
            }
            row[d] = distribution.toInternal(value);
        }
        return row;
    }

    /**
     * Optuna's default weights of {@code n} trials in number order: all 1 up to 25 trials; beyond,
     * the latest 25 weigh 1 and the older ones ramp linearly from {@code 1/n} up to 1.
     */
    static double[] weights(int n) {
        double[] w = new double[n];
        if (n < 25) {
            java.util.Arrays.fill(w, 1);
            return w;
        }
        int ramp = n - 25;
        for (int i = 0; i < ramp; i++) {
            w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1 - 1.0 / n) / (ramp - 1);
        }
        for (int i = ramp; i < n; i++) {
            w[i] = 1;
        }
        return w;
    }
}

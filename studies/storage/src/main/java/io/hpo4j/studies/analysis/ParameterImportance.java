package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Estimates which hyperparameters matter from a study's completed trials: for each parameter,
 * the share of the variation of the objective value that the parameter alone explains (its main
 * effect).
 *
 * <pre>{@code
 * List<Importance> ranked = ParameterImportance.estimate(storage.trials(studyId, EnumSet.allOf(TrialState.class)));
 * ranked.forEach(i -> System.out.printf("%-14s %.2f%n", i.parameter(), i.importance()));
 * }</pre>
 *
 * <h2>Method: one-way ANOVA on ranks, corrected for chance</h2>
 * <ol>
 *   <li>Take the COMPLETE trials with a finite value and replace each value by its rank (ties get
 *       their mean rank), so that one diverged or degenerate trial cannot dominate, and the
 *       direction of the study does not matter.</li>
 *   <li>For each parameter, split the trials into groups: one per choice of a categorical
 *       parameter; for a number, one per distinct value if it has few, otherwise
 *       {@code round(sqrt(n))} (2 to 8) bins of equal counts. Equal-count bins follow the ranks of
 *       the parameter, so a log-scale parameter is binned as evenly as a linear one. Trials that
 *       did not set the parameter form a group of their own.</li>
 *   <li>Compute omega squared of that grouping, {@code (SSb - (k-1) MSw) / (SSt + MSw)}: the
 *       fraction of the rank variance explained by the groups, minus what {@code k} groups explain
 *       of pure noise on average. A parameter that does not matter scores about 0 (negative
 *       values are clipped to 0) however many groups it has.</li>
 *   <li>Normalize the scores to sum to 1: the {@linkplain Importance#importance() importance}.</li>
 *   <li>Say how sure that is: the {@linkplain Importance#pValue() p-value} is the share of
 *       {@value #PERMUTATIONS} random permutations of the ranks (from a fixed seed, so the result is
 *       reproducible) whose omega squared for the same groups reaches the observed one. With a few
 *       dozen trials a parameter that does not matter can score 0.1 by chance; the p-value tells
 *       such a parameter from one that matters.</li>
 * </ol>
 *
 * <p>Why this method: it is what functional ANOVA (Optuna's default importance evaluator) reports
 * as first-order importance, estimated directly from the trials instead of from a random forest
 * fitted to them. It needs no model and no dependency, is deterministic, copes with the few dozen
 * trials a DL4J study has, and is easy to explain. Its limits: it measures main effects only
 * (a parameter that matters only together with another is underrated), and it assumes the
 * parameters were drawn independently — true for random search; a genetic sampler correlates
 * the parameters of good trials, so a parameter riding along with an important one gets some of
 * its credit. It needs at least {@link #MIN_TRIALS} completed trials.
 *
 * <p>Stateless and thread-safe.
 */
public final class ParameterImportance {

    /** Completed trials needed for an estimate. */
    public static final int MIN_TRIALS = 6;

    /** Permutations of the values behind each p-value. */
    public static final int PERMUTATIONS = 999;

    private static final long PERMUTATION_SEED = 0x5EED_1A0BL;

    private static final int MIN_BINS = 2;
    private static final int MAX_BINS = 8;

    private ParameterImportance() {
    }

    /**
     * The parameters of {@code trials}, most important first (ties by name); empty if fewer than
     * {@link #MIN_TRIALS} trials are COMPLETE with a finite value.
     */
    public static List<Importance> estimate(List<FrozenTrial> trials) {
        List<FrozenTrial> usable = trials.stream()
                .filter(t -> t.state() == TrialState.COMPLETE && t.value() != null && Double.isFinite(t.value()))
                .toList();
        int n = usable.size();
        if (n < MIN_TRIALS) {
            return List.of();
        }
        double[] ranks = ranks(usable.stream().mapToDouble(FrozenTrial::value).toArray());
        Set<String> names = new LinkedHashSet<>();
        usable.forEach(t -> names.addAll(t.params().keySet()));
        Map<String, Double> omega = new LinkedHashMap<>();
        Map<String, Integer> groupCounts = new HashMap<>();
        Map<String, Double> pValues = new HashMap<>();
        for (String name : names) {
            int[] groups = groups(usable, name);
            int k = 0;
            for (int g : groups) {
                k = Math.max(k, g + 1);
            }
            groupCounts.put(name, k);
            double observed = omegaSquared(ranks, groups, k);
            omega.put(name, observed);
            pValues.put(name, pValue(ranks, groups, k, observed));
        }
        double total = omega.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Importance> out = new ArrayList<>();
        for (String name : names) {
            double w = omega.get(name);
            out.add(new Importance(name, total > 0 ? w / total : 0, w, groupCounts.get(name), n, pValues.get(name)));
        }
        out.sort(Comparator.comparingDouble(Importance::importance).reversed().thenComparing(Importance::parameter));
        return out;
    }

    /** The group (0..k-1) of each trial for parameter {@code name}. */
    static int[] groups(List<FrozenTrial> trials, String name) {
        int n = trials.size();
        Distribution distribution = trials.stream().map(t -> t.distributions().get(name))
                .filter(d -> d != null).findFirst().orElse(null);
        boolean numeric = !(distribution instanceof CategoricalDistribution)
                && trials.stream().map(t -> t.params().get(name)).allMatch(v -> v == null || v instanceof Number);
        int[] groups = new int[n];
        Map<Object, Integer> ids = new LinkedHashMap<>();
        if (!numeric) {
            for (int i = 0; i < n; i++) {
                Object v = trials.get(i).params().get(name);
                groups[i] = ids.computeIfAbsent(v == null ? Missing.VALUE : String.valueOf(v), x -> ids.size());
            }
            return groups;
        }
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (trials.get(i).params().get(name) != null) {
                present.add(i);
            }
        }
        double[] values = present.stream().mapToDouble(i -> ((Number) trials.get(i).params().get(name)).doubleValue()).toArray();
        long distinct = java.util.Arrays.stream(values).distinct().count();
        int bins = (int) Math.max(MIN_BINS, Math.min(MAX_BINS, Math.round(Math.sqrt(values.length))));
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        int[] bin = new int[values.length];
        int current = -1;
        double previous = Double.NaN;
        for (int pos = 0; pos < order.length; pos++) {
            double v = values[order[pos]];
            if (pos == 0 || v != previous) {
                // a new value starts a new group: always when values are few, else at each bin boundary
                current = distinct <= bins ? current + 1 : (int) ((long) pos * bins / values.length);
            }
            bin[order[pos]] = current;
            previous = v;
        }
        // renumber the bins actually used as 0, 1, 2, ...
        for (int p = 0; p < present.size(); p++) {
            groups[present.get(p)] = ids.computeIfAbsent(bin[p], x -> ids.size());
        }
        for (int i = 0; i < n; i++) {
            if (trials.get(i).params().get(name) == null) {
                groups[i] = ids.computeIfAbsent(Missing.VALUE, x -> ids.size());
            }
        }
        return groups;
    }

    /**
     * The share of random permutations of {@code y} whose omega squared reaches {@code observed},
     * counting the observed arrangement itself: {@code (1 + hits) / (1 + PERMUTATIONS)}.
     */
    static double pValue(double[] y, int[] groups, int k, double observed) {
        SplittableRandom random = new SplittableRandom(PERMUTATION_SEED);
        double[] shuffled = y.clone();
        int hits = 0;
        for (int p = 0; p < PERMUTATIONS; p++) {
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                double t = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = t;
            }
            if (omegaSquared(shuffled, groups, k) >= observed - 1e-12) {
                hits++;
            }
        }
        return (1.0 + hits) / (1.0 + PERMUTATIONS);
    }

    /** One-way ANOVA omega squared of {@code y} grouped by {@code groups}, clipped to [0, 1]. */
    static double omegaSquared(double[] y, int[] groups, int k) {
        int n = y.length;
        if (k < 2 || n <= k) {
            return 0;
        }
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] sums = new double[k];
        int[] counts = new int[k];
        double ssTotal = 0;
        for (int i = 0; i < n; i++) {
            sums[groups[i]] += y[i];
            counts[groups[i]]++;
            ssTotal += (y[i] - mean) * (y[i] - mean);
        }
        if (ssTotal == 0) {
            return 0;
        }
        double ssBetween = 0;
        for (int g = 0; g < k; g++) {
            if (counts[g] > 0) {
                double m = sums[g] / counts[g];
                ssBetween += counts[g] * (m - mean) * (m - mean);
            }
        }
        double msWithin = (ssTotal - ssBetween) / (n - k);
        double omega = (ssBetween - (k - 1) * msWithin) / (ssTotal + msWithin);
        return Math.max(0, Math.min(1, omega));
    }

    /** Ranks from 1, ties getting their mean rank. */
    static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int p = i; p <= j; p++) {
                ranks[order[p]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** The group key of trials that did not set a parameter. */
    private enum Missing {
        VALUE
    }
}

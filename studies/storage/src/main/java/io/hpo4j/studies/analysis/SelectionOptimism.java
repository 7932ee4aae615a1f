package io.hpo4j.studies.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How much the search flattered its best score: the trials' validation scores (what selection
 * saw) against their kept models' scores on the test part (which selection never saw).
 *
 * <h2>Method</h2>
 * The validation accuracy of the chosen trial is the maximum of N noisy estimates (N trials, each
 * also picking its best epoch on the same validation rows), so it is biased upwards: the
 * winner's curse. The test part is an independent sample of the same population that no sampler,
 * pruner or early stopping saw, so the chosen model's test accuracy is an unbiased estimate of
 * how it does on new data, and
 * <pre>  optimism = validation accuracy of the chosen trial - test accuracy of its model</pre>
 * estimates the inflation due to selection. Both are proportions measured on finite samples, so
 * the estimate carries a binomial standard error
 * {@code sqrt(pv (1 - pv) / nv + pt (1 - pt) / nt)}; the verdict calls the optimism real only when
 * it exceeds twice that. The mean gap over the top K trials is shown as well: a search that
 * overfit its validation set has positive gaps all down the top of the leaderboard.
 *
 * <p>For a loss objective the gap is test loss minus validation loss (positive is optimistic), and
 * with no standard error the verdict uses a relative threshold of 5 %.
 *
 * @param rows       the evaluated trials, best validation score first
 * @param accuracy   whether the scores are accuracies (else losses)
 * @param trials     how many trials the selection chose among: the completed ones and the pruned
 *                   ones, which the validation data ranked (and dropped) at their rungs
 */
public record SelectionOptimism(List<Row> rows, boolean accuracy, int trials) {

    /** Relative gap above which a loss objective is called optimistic. */
    static final double LOSS_TOLERANCE = 0.05;

    /**
     * One evaluated trial.
     *
     * @param number             the trial
     * @param validation         its selection score (objective value)
     * @param validationExamples rows of the validation part (0 if unknown)
     * @param test               its kept model's score on the test part
     * @param testExamples       rows of the test part
     */
    public record Row(int number, double validation, int validationExamples, double test, int testExamples) {

        /** Validation minus test for accuracies, test minus validation for losses: positive means optimistic. */
        public double gap(boolean accuracy) {
            return accuracy ? validation - test : test - validation;
        }

        /** The binomial standard error of the gap between two accuracies; NaN if a sample size is unknown. */
        public double standardError() {
            if (validationExamples <= 0 || testExamples <= 0) {
                return Double.NaN;
            }
            double v = validation * (1 - validation) / validationExamples;
            double t = test * (1 - test) / testExamples;
            return Math.sqrt(v + t);
        }
    }

    public SelectionOptimism {
        rows = List.copyOf(rows);
    }

    /** Rows sorted best validation score first (highest accuracy, lowest loss), ties to the lower trial number. */
    public static SelectionOptimism of(List<Row> rows, boolean accuracy, int trials) {
        Comparator<Row> byValidation = Comparator.comparingDouble(Row::validation);
        if (accuracy) {
            byValidation = byValidation.reversed();
        }
        return new SelectionOptimism(rows.stream().sorted(byValidation.thenComparingInt(Row::number)).toList(), accuracy, trials);
    }

    /** The chosen trial (best validation score) among those evaluated. */
    public Optional<Row> chosen() {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The chosen trial's gap: the optimism estimate; NaN if nothing was evaluated. */
    public double optimism() {
        return chosen().map(r -> r.gap(accuracy)).orElse(Double.NaN);
    }

    /** The mean gap over the evaluated (top K) trials; NaN if none. */
    public double meanGap() {
        return rows.stream().mapToDouble(r -> r.gap(accuracy)).average().orElse(Double.NaN);
    }

    /** One sentence: whether the best validation score holds up on the test part. */
    public String verdict() {
        if (rows.isEmpty()) {
            return "No test score yet: give the study test data (test_fraction or test_path) and run it, or hpo retrain it.";
        }
        Row best = rows.get(0);
        double gap = optimism();
        String metric = accuracy ? "accuracy" : "loss";
        if (accuracy) {
            double se = best.standardError();
            String noise = Double.isNaN(se) ? "" : String.format(Locale.ROOT, " ± %.4f", 2 * se);
            if (!Double.isNaN(se) && gap > 2 * se) {
                return String.format(Locale.ROOT, "Picking the best of %d trials inflated the validation accuracy by %.4f%s: "
                        + "expect about %.4f on new data, not %.4f.", trials, gap, noise, best.test(), best.validation());
            }
            if (!Double.isNaN(se) && gap < -2 * se) {
                return String.format(Locale.ROOT, "The test accuracy beats the validation accuracy by %.4f%s, more than noise "
                        + "explains: the test and validation data may come from different populations.", -gap, noise);
            }
            return String.format(Locale.ROOT, "The best validation accuracy holds up on the test data (gap %+.4f%s, within "
                    + "noise): picking the best of %d trials did not measurably inflate it.", gap, noise, trials);
        }
        double relative = gap / Math.max(1e-12, Math.abs(best.validation()));
        if (relative > LOSS_TOLERANCE) {
            return String.format(Locale.ROOT, "Picking the best of %d trials made the validation %s look %.1f %% better than "
                    + "the test %s (%.4f vs %.4f).", trials, metric, 100 * relative, metric, best.validation(), best.test());
        }
        return String.format(Locale.ROOT, "The best validation loss holds up on the test data (%.4f vs %.4f, within %.0f %%).",
                best.validation(), best.test(), 100 * LOSS_TOLERANCE);
    }
}

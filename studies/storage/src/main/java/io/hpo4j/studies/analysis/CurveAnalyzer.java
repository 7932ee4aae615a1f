package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.BestEpoch;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Derives a {@link CurveAnalysis} from a trial's learning curve: the best epoch, the
 * generalization gaps, the overfitting onset and a {@link Verdict} with its reason. The rules and
 * their thresholds are documented on {@link OverfitThresholds}.
 *
 * <pre>{@code
 * CurveAnalyzer analyzer = new CurveAnalyzer(OverfitThresholds.defaults());
 * CurveAnalysis a = analyzer.analyze(storage.epochs(trial.id()), Metric.VALIDATION_ACCURACY);
 * if (a.verdict() == Verdict.OVERFIT) {
 *     System.out.println("trial overfit from epoch " + a.overfitOnsetEpoch() + ": " + a.reason());
 * }
 * }</pre>
 *
 * <p>Epochs are taken in epoch order. A curve whose training or validation loss stops being
 * finite is DIVERGED; its metrics are derived from the epochs before that. Accuracies that were
 * not measured (NaN) leave the accuracy gaps null and switch the underfitting rule to the training
 * loss. Immutable and thread-safe.
 */
public final class CurveAnalyzer {

    private final OverfitThresholds thresholds;

    public CurveAnalyzer(OverfitThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds must not be null; use OverfitThresholds.defaults()");
        }
        this.thresholds = thresholds;
    }

    public OverfitThresholds thresholds() {
        return thresholds;
    }

    /**
     * Analyzes {@code curve}.
     *
     * @param monitor the metric whose best epoch is the trial's best epoch (its objective)
     */
    public CurveAnalysis analyze(List<EpochMetrics> curve, Metric monitor) {
        if (curve == null || monitor == null) {
            throw new IllegalArgumentException("curve and monitor must not be null, but got " + curve + " and " + monitor);
        }
        List<EpochMetrics> epochs = new ArrayList<>(curve);
        epochs.sort(Comparator.comparingInt(EpochMetrics::epoch));
        if (epochs.isEmpty()) {
            return new CurveAnalysis(0, monitor, null, null, null, null, null, null, Verdict.INCONCLUSIVE,
                    "no epochs recorded");
        }
        String diverged = null;
        List<EpochMetrics> finite = new ArrayList<>();
        for (EpochMetrics e : epochs) {
            if (!Double.isFinite(e.trainLoss())) {
                diverged = "train_loss became " + e.trainLoss() + " at epoch " + e.epoch();
            } else if (!Double.isFinite(e.validationLoss())) {
                diverged = "validation_loss became " + e.validationLoss() + " at epoch " + e.epoch();
            }
            if (diverged != null) {
                break;
            }
            finite.add(e);
        }
        EpochMetrics best = best(finite, monitor);
        EpochMetrics last = finite.isEmpty() ? null : finite.get(finite.size() - 1);
        Integer onset = onset(finite);
        Judgement j = diverged != null ? new Judgement(Verdict.DIVERGED, diverged
                + (last == null ? "" : "; the other metrics cover epochs " + finite.get(0).epoch() + "-" + last.epoch()))
                : judge(finite, onset);
        return new CurveAnalysis(epochs.size(), monitor, best == null ? null : best.epoch(),
                best == null ? null : accuracyGap(best), last == null ? null : accuracyGap(last),
                best == null ? null : lossGap(best), last == null ? null : lossGap(last), onset, j.verdict(), j.reason());
    }

    private record Judgement(Verdict verdict, String reason) {
    }

    private Judgement judge(List<EpochMetrics> c, Integer onset) {
        OverfitThresholds t = thresholds;
        if (c.size() < t.minEpochs()) {
            return new Judgement(Verdict.INCONCLUSIVE, c.size() + (c.size() == 1 ? " epoch" : " epochs")
                    + "; a verdict needs at least " + t.minEpochs());
        }
        EpochMetrics first = c.get(0);
        EpochMetrics last = c.get(c.size() - 1);
        EpochMetrics minValidation = c.stream().min(Comparator.comparingDouble(EpochMetrics::validationLoss)).orElseThrow();
        String onsetNote = onset == null ? "" : "; validation loss rising since epoch " + onset;
        double rise = minValidation.validationLoss() == 0 ? 0
                : last.validationLoss() / minValidation.validationLoss() - 1;

        if (Double.isFinite(last.trainAccuracy())) {
            if (last.trainAccuracy() < t.underfitAccuracy()) {
                return new Judgement(Verdict.UNDERFIT, "training accuracy " + f3(last.trainAccuracy()) + " at epoch "
                        + last.epoch() + " is below " + num(t.underfitAccuracy()));
            }
        } else if (first.trainLoss() > 0) {
            double decrease = 1 - last.trainLoss() / first.trainLoss();
            if (decrease < t.underfitLossDecrease()) {
                return new Judgement(Verdict.UNDERFIT, "training loss fell by only " + pct(decrease) + " ("
                        + f3(first.trainLoss()) + " at epoch " + first.epoch() + ", " + f3(last.trainLoss())
                        + " at epoch " + last.epoch() + "), less than " + pct(t.underfitLossDecrease()));
            }
        }
        Double gap = accuracyGap(last);
        if (gap != null && gap > t.overfitGap()) {
            return new Judgement(Verdict.OVERFIT, "train - validation accuracy gap " + f3(gap) + " at epoch "
                    + last.epoch() + " exceeds " + num(t.overfitGap()) + onsetNote);
        }
        if (onset != null && rise > t.overfitLossRise()) {
            return new Judgement(Verdict.OVERFIT, "validation loss rose from " + f3(minValidation.validationLoss())
                    + " (epoch " + minValidation.epoch() + ") to " + f3(last.validationLoss()) + " (epoch " + last.epoch()
                    + "), " + pct(rise) + " above its minimum and more than " + pct(t.overfitLossRise())
                    + ", while training loss kept falling since epoch " + onset);
        }
        StringBuilder reason = new StringBuilder();
        if (gap != null) {
            reason.append("training accuracy ").append(f3(last.trainAccuracy())).append(", gap ").append(f3(gap))
                    .append(" at epoch ").append(last.epoch()).append(" within ").append(num(t.overfitGap()));
        } else {
            reason.append("training loss fell by ").append(first.trainLoss() > 0 ? pct(1 - last.trainLoss() / first.trainLoss()) : "-")
                    .append(" and validation loss ends ").append(pct(rise)).append(" above its minimum");
        }
        if (onset != null) {
            reason.append(onsetNote).append(", ").append(pct(rise)).append(" above its minimum (at most ")
                    .append(pct(t.overfitLossRise())).append(" allowed)");
        }
        return new Judgement(Verdict.GOOD_FIT, reason.toString());
    }

    /**
     * The first epoch {@code k} with at least {@code onsetEpochs} epochs after it such that every
     * later validation loss is higher than at {@code k}, no later training loss is higher than at
     * {@code k}, and the last training loss is lower (all up to the relative tolerance).
     */
    private Integer onset(List<EpochMetrics> c) {
        double tol = thresholds.lossTolerance();
        int n = c.size();
        for (int k = 0; k + thresholds.onsetEpochs() < n; k++) {
            double v = c.get(k).validationLoss();
            double tr = c.get(k).trainLoss();
            boolean holds = c.get(n - 1).trainLoss() < tr - tol * Math.abs(tr);
            for (int j = k + 1; j < n && holds; j++) {
                holds = c.get(j).validationLoss() > v + tol * Math.abs(v)
                        && c.get(j).trainLoss() <= tr + tol * Math.abs(tr);
            }
            if (holds) {
                return c.get(k).epoch();
            }
        }
        return null;
    }

    /** The epoch {@link BestEpoch} picks from the monitored metric's values: one definition of "best epoch". */
    private static EpochMetrics best(List<EpochMetrics> c, Metric monitor) {
        java.util.TreeMap<Integer, Double> values = new java.util.TreeMap<>();
        Map<Integer, EpochMetrics> byEpoch = new java.util.HashMap<>();
        for (EpochMetrics e : c) {
            values.put(e.epoch(), e.get(monitor));
            byEpoch.put(e.epoch(), e);
        }
        Integer best = BestEpoch.of(values, monitor.direction());
        return best == null ? null : byEpoch.get(best);
    }

    private static Double accuracyGap(EpochMetrics e) {
        double gap = e.trainAccuracy() - e.validationAccuracy();
        return Double.isFinite(gap) ? gap : null;
    }

    private static Double lossGap(EpochMetrics e) {
        double gap = e.validationLoss() - e.trainLoss();
        return Double.isFinite(gap) ? gap : null;
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    @Override
    public String toString() {
        return "CurveAnalyzer" + thresholds.toMap();
    }
}

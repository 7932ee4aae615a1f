package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialRecord;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.hpo4j.studies.analysis.Curves.curve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CurveAnalyzerTest {

    private final CurveAnalyzer analyzer = new CurveAnalyzer(OverfitThresholds.defaults());

    @Test
    void anOverfittingCurveIsOverfitWithItsOnsetAtTheValidationLossMinimum() {
        CurveAnalysis a = analyzer.analyze(Curves.overfitting(), Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.OVERFIT);
        assertThat(a.overfitOnsetEpoch()).isEqualTo(5);
        assertThat(a.bestEpoch()).isEqualTo(5);
        assertThat(a.epochs()).isEqualTo(12);
        // epoch 5: train accuracy 0.90, validation 0.90; epoch 12: 1.00 vs 0.858
        assertThat(a.gapAccuracyBest()).isCloseTo(0.0, within(1e-9));
        assertThat(a.gapAccuracyLast()).isCloseTo(1.0 - 0.858, within(1e-9));
        assertThat(a.gapLossBest()).isCloseTo(0.30 - Math.pow(0.7, 5), within(1e-9));
        assertThat(a.gapLossLast()).isCloseTo(0.30 + 0.02 * 49 - Math.pow(0.7, 12), within(1e-9));
        assertThat(a.reason()).contains("gap 0.142 at epoch 12 exceeds 0.05").contains("rising since epoch 5");
    }

    @Test
    void aRisingValidationLossAloneIsOverfitWhenAccuracyIsNotMeasured() {
        List<EpochMetrics> lossOnly = Curves.overfitting().stream().map(e -> new EpochMetrics(e.epoch(), e.trainLoss(),
                Double.NaN, e.validationLoss(), Double.NaN, e.seconds())).toList();

        CurveAnalysis a = analyzer.analyze(lossOnly, Metric.VALIDATION_LOSS);

        assertThat(a.verdict()).isEqualTo(Verdict.OVERFIT);
        assertThat(a.overfitOnsetEpoch()).isEqualTo(5);
        assertThat(a.bestEpoch()).isEqualTo(5);
        assertThat(a.gapAccuracyBest()).isNull();
        assertThat(a.gapAccuracyLast()).isNull();
        assertThat(a.reason()).contains("validation loss rose from 0.300 (epoch 5) to 1.280 (epoch 12)");
    }

    @Test
    void theOnsetToleratesDipsThatStayAboveTheBestValidationLoss() {
        // validation loss: best at 4, up, a dip that stays above the best, then up again
        double[] v = {0.60, 0.45, 0.36, 0.34, 0.37, 0.355, 0.39, 0.42, 0.46};
        List<EpochMetrics> c = curve(v.length, e -> 1.0 / e, e -> 0.9 + 0.01 * e, e -> v[e - 1], e -> 0.9);

        assertThat(analyzer.analyze(c, Metric.VALIDATION_LOSS).overfitOnsetEpoch()).isEqualTo(4);
    }

    @Test
    void aHealthyCurveIsAGoodFitWithoutOnset() {
        CurveAnalysis a = analyzer.analyze(Curves.healthy(), Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.GOOD_FIT);
        assertThat(a.overfitOnsetEpoch()).isNull();
        assertThat(a.bestEpoch()).isEqualTo(10);
        assertThat(a.gapAccuracyLast()).isCloseTo(0.015, within(1e-3));
        assertThat(a.reason()).contains("within 0.05");
    }

    @Test
    void aValidationLossPlateauWithNoiseHasNoOnset() {
        double[] v = {0.50, 0.40, 0.35, 0.33, 0.325, 0.327, 0.324, 0.326, 0.325, 0.326};
        List<EpochMetrics> c = curve(v.length, e -> 0.5 / e, e -> 0.9 + 0.005 * e, e -> v[e - 1], e -> 0.92);

        CurveAnalysis a = analyzer.analyze(c, Metric.VALIDATION_LOSS);

        assertThat(a.overfitOnsetEpoch()).isNull();
        assertThat(a.verdict()).isEqualTo(Verdict.GOOD_FIT);
    }

    @Test
    void aValidationLossRisingWhileTrainingLossAlsoRisesIsNoOnset() {
        // both losses go up after epoch 4: instability, not overfitting
        List<EpochMetrics> c = curve(8, e -> e <= 4 ? 1.0 / e : 0.25 + 0.1 * (e - 4), e -> 0.9,
                e -> e <= 4 ? 1.1 / e : 0.275 + 0.1 * (e - 4), e -> 0.9);

        assertThat(analyzer.analyze(c, Metric.VALIDATION_LOSS).overfitOnsetEpoch()).isNull();
    }

    @Test
    void anOnsetNeedsEnoughEpochsAfterIt() {
        // validation loss lowest at epoch 4, higher at the two epochs after it only
        double[] v = {0.5, 0.4, 0.35, 0.33, 0.36, 0.40};
        List<EpochMetrics> c = curve(v.length, e -> 0.5 / e, e -> 0.95, e -> v[e - 1], e -> 0.93);

        assertThat(analyzer.analyze(c, Metric.VALIDATION_LOSS).overfitOnsetEpoch()).isNull();
        CurveAnalyzer eager = new CurveAnalyzer(OverfitThresholds.builder().onsetEpochs(2).build());
        assertThat(eager.analyze(c, Metric.VALIDATION_LOSS).overfitOnsetEpoch()).isEqualTo(4);
    }

    @Test
    void anUnderfittingCurveIsUnderfit() {
        CurveAnalysis a = analyzer.analyze(Curves.underfitting(), Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.UNDERFIT);
        assertThat(a.reason()).isEqualTo("training accuracy 0.500 at epoch 10 is below 0.8");
        assertThat(a.overfitOnsetEpoch()).isNull();
    }

    @Test
    void withoutAccuracyATrainingLossThatBarelyFallsIsUnderfit() {
        List<EpochMetrics> c = curve(6, e -> 2.30 - 0.01 * e, e -> Double.NaN, e -> 2.31 - 0.01 * e, e -> Double.NaN);

        CurveAnalysis a = analyzer.analyze(c, Metric.VALIDATION_LOSS);

        assertThat(a.verdict()).isEqualTo(Verdict.UNDERFIT);
        assertThat(a.reason()).startsWith("training loss fell by only 2%");
    }

    @Test
    void thresholdsChangeTheVerdict() {
        OverfitThresholds lenient = OverfitThresholds.builder().overfitGap(0.5).overfitLossRise(10).build();

        CurveAnalysis a = new CurveAnalyzer(lenient).analyze(Curves.overfitting(), Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.GOOD_FIT);
        assertThat(a.overfitOnsetEpoch()).isEqualTo(5);
        assertThat(a.reason()).contains("rising since epoch 5");
        CurveAnalysis underfit = new CurveAnalyzer(OverfitThresholds.builder().underfitAccuracy(0.99).build())
                .analyze(Curves.healthy(), Metric.VALIDATION_ACCURACY);
        assertThat(underfit.verdict()).isEqualTo(Verdict.UNDERFIT);
    }

    @Test
    void oneOrTwoEpochsAreInconclusiveButKeepTheirMetrics() {
        List<EpochMetrics> two = Curves.healthy().subList(0, 2);

        CurveAnalysis a = analyzer.analyze(two, Metric.VALIDATION_ACCURACY);
        CurveAnalysis one = analyzer.analyze(two.subList(0, 1), Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(a.reason()).isEqualTo("2 epochs; a verdict needs at least 3");
        assertThat(a.bestEpoch()).isEqualTo(2);
        assertThat(a.gapAccuracyLast()).isNotNull();
        assertThat(one.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(one.reason()).isEqualTo("1 epoch; a verdict needs at least 3");
        assertThat(one.bestEpoch()).isEqualTo(1);
    }

    @Test
    void anEmptyCurveIsInconclusive() {
        CurveAnalysis a = analyzer.analyze(List.of(), Metric.VALIDATION_LOSS);

        assertThat(a.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(a.epochs()).isZero();
        assertThat(a.bestEpoch()).isNull();
        assertThat(a.gapLossLast()).isNull();
        assertThat(a.reason()).isEqualTo("no epochs recorded");
    }

    @Test
    void aDivergedCurveIsDivergedAndMeasuredOnTheEpochsBeforeIt() {
        List<EpochMetrics> c = curve(5, e -> e < 4 ? 1.0 / e : Double.NaN, e -> 0.5 + 0.1 * e,
                e -> e < 4 ? 1.2 / e : Double.POSITIVE_INFINITY, e -> 0.45 + 0.1 * e);

        CurveAnalysis a = analyzer.analyze(c, Metric.VALIDATION_ACCURACY);

        assertThat(a.verdict()).isEqualTo(Verdict.DIVERGED);
        assertThat(a.reason()).isEqualTo("train_loss became NaN at epoch 4; the other metrics cover epochs 1-3");
        assertThat(a.epochs()).isEqualTo(5);
        assertThat(a.bestEpoch()).isEqualTo(3);
        assertThat(a.gapLossLast()).isCloseTo(1.2 / 3 - 1.0 / 3, within(1e-12));
    }

    @Test
    void aValidationLossThatIsInfiniteFromTheStartIsDivergedWithoutMetrics() {
        List<EpochMetrics> c = curve(3, e -> 1.0, e -> 0.1, e -> Double.POSITIVE_INFINITY, e -> 0.1);

        CurveAnalysis a = analyzer.analyze(c, Metric.VALIDATION_LOSS);

        assertThat(a.verdict()).isEqualTo(Verdict.DIVERGED);
        assertThat(a.reason()).isEqualTo("validation_loss became Infinity at epoch 1");
        assertThat(a.bestEpoch()).isNull();
        assertThat(a.gapAccuracyLast()).isNull();
    }

    @Test
    void nanAccuraciesLeaveTheAccuracyGapsNullAndTheBestEpochByAnAccuracyMonitorNull() {
        List<EpochMetrics> c = curve(4, e -> 1.0 / e, e -> Double.NaN, e -> 1.1 / e, e -> Double.NaN);

        CurveAnalysis a = analyzer.analyze(c, Metric.VALIDATION_ACCURACY);

        assertThat(a.bestEpoch()).isNull();
        assertThat(a.gapAccuracyBest()).isNull();
        assertThat(a.gapLossLast()).isCloseTo(0.1 / 4, within(1e-12));
        assertThat(a.verdict()).isEqualTo(Verdict.GOOD_FIT);
    }

    @Test
    void epochsAreTakenInEpochOrder() {
        List<EpochMetrics> shuffled = new java.util.ArrayList<>(Curves.overfitting());
        java.util.Collections.reverse(shuffled);

        assertThat(analyzer.analyze(shuffled, Metric.VALIDATION_ACCURACY))
                .isEqualTo(analyzer.analyze(Curves.overfitting(), Metric.VALIDATION_ACCURACY));
    }

    @Test
    void theMonitorIsTheObjectiveMetricTheTrialRecordedAndNeverGuessed() {
        assertThat(TrialAnalyses.monitor(trial(ObjectiveMetric.of(Metric.VALIDATION_ACCURACY))))
                .isEqualTo(Metric.VALIDATION_ACCURACY);
        assertThat(TrialAnalyses.monitor(trial(ObjectiveMetric.of(Metric.TRAIN_LOSS)))).isEqualTo(Metric.TRAIN_LOSS);
        assertThat(TrialAnalyses.monitor(trial(new ObjectiveMetric("rmse", Direction.MINIMIZE))))
                .as("not a curve metric").isEqualTo(Metric.VALIDATION_LOSS);
        assertThat(TrialAnalyses.monitor(trial(null))).as("nothing recorded").isEqualTo(Metric.VALIDATION_LOSS);
    }

    @Test
    void theBestEpochIsTheEarliestOfTiedBestValues() {
        List<EpochMetrics> c = List.of(new EpochMetrics(1, 1.0, 0.5, 1.0, 0.6, 1), new EpochMetrics(2, 0.9, 0.6, 0.9, 0.8, 1),
                new EpochMetrics(3, 0.8, 0.7, 0.95, 0.8, 1));
        assertThat(analyzer.analyze(c, Metric.VALIDATION_ACCURACY).bestEpoch()).isEqualTo(2);
    }

    @Test
    void thresholdsAreValidatedWithTheirName() {
        assertThatThrownBy(() -> OverfitThresholds.builder().overfitGap(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("overfit_gap must be in [0.0, 1.0], but got 1.5");
        assertThatThrownBy(() -> OverfitThresholds.builder().onsetEpochs(0).build())
                .hasMessage("onset_epochs must be >= 1, but got 0");
        assertThat(OverfitThresholds.defaults().toMap()).containsEntry("overfit_gap", 0.05).containsEntry("rules_version", 1);
    }

    private static FrozenTrial trial(ObjectiveMetric objective) {
        return new FrozenTrial(1, 0, TrialState.COMPLETE, 0.9, Map.of(), Map.of(), new TreeMap<>(), Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH, null, new TrialRecord(objective, 1L, null, new StopReason.Completed(null), null));
    }
}

package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurvePlotsTest {

    private static final int ONSET_RED = 0xc62828;
    private static final int DIVERGED_PURPLE = 0x6a1b9a;
    private static final int BEST_MARKER = 0x404040; // Color.DARK_GRAY

    private final CurvePlots plots = new CurvePlots(600, 400);
    private final CurveAnalyzer analyzer = new CurveAnalyzer(OverfitThresholds.defaults());

    private static List<EpochMetrics> curve(int n, IntToDoubleFunction trainLoss, IntToDoubleFunction validationLoss) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int e = 1; e <= n; e++) {
            out.add(new EpochMetrics(e, trainLoss.applyAsDouble(e), 0.9, validationLoss.applyAsDouble(e), 0.85, 1));
        }
        return out;
    }

    private CurvePlots.Trial trial(List<EpochMetrics> curve) {
        return new CurvePlots.Trial(0, curve, analyzer.analyze(curve, Metric.VALIDATION_LOSS));
    }

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                n += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void theOnsetOfAnOverfittingCurveIsDrawnAndAHealthyCurveHasNone() {
        CurvePlots.Trial overfit = trial(curve(10, e -> 1.0 / e, e -> 0.3 + 0.02 * (e - 4) * (e - 4)));
        CurvePlots.Trial healthy = trial(curve(10, e -> 1.0 / e, e -> 1.1 / e));
        assertThat(overfit.analysis().overfitOnsetEpoch()).isEqualTo(4);

        BufferedImage withOnset = plots.image("s", List.of(overfit));
        BufferedImage without = plots.image("s", List.of(healthy));

        assertThat(count(withOnset, ONSET_RED)).isGreaterThan(40);
        assertThat(count(without, ONSET_RED)).isZero();
        assertThat(count(withOnset, BEST_MARKER)).as("the best-epoch diamond").isGreaterThan(30);
    }

    @Test
    void whereALossStoppedBeingFiniteIsMarked() {
        CurvePlots.Trial diverged = trial(curve(4, e -> e < 3 ? 1.0 / e : Double.NaN, e -> e < 3 ? 1.2 / e : Double.NaN));
        assertThat(diverged.analysis().verdict()).isEqualTo(Verdict.DIVERGED);

        BufferedImage image = plots.image("s", List.of(diverged));

        assertThat(count(image, DIVERGED_PURPLE)).isGreaterThan(50);
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(444);
    }

    @Test
    void nothingToDrawIsAnError() {
        assertThatThrownBy(() -> plots.image("s", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no trials to draw");
        CurveAnalysis none = null;
        assertThat(plots.image("s", List.of(new CurvePlots.Trial(1, curve(1, e -> 1, e -> 1), none))).getWidth())
                .as("one epoch and no analysis still draws").isEqualTo(1200);
    }
}

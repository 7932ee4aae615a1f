package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParzenEstimatorTest {

    private static final TpeSettings SETTINGS = TpeSettings.defaults();

    @Test
    void continuousDensityIntegratesToOneOverTheRange() {
        FloatDistribution x = FloatDistribution.of(-2, 3);
        ParzenEstimator e = estimator(x, 0.1, 0.2, 2.9, -1.5);
        int steps = 20_000;
        double h = 5.0 / steps;
        double[][] grid = new double[steps][1];
        for (int i = 0; i < steps; i++) {
            grid[i][0] = -2 + (i + 0.5) * h;
        }
        double total = 0;
        for (double logP : e.logPdf(grid)) {
            total += Math.exp(logP) * h;
        }
        assertThat(total).isCloseTo(1, within(1e-4));
    }

    @Test
    void logScaleDensityIntegratesToOneInLogSpace() {
        FloatDistribution x = FloatDistribution.logOf(1e-4, 1);
        ParzenEstimator e = estimator(x, 1e-3, 0.02, 0.5);
        int steps = 20_000;
        double lo = Math.log(1e-4);
        double h = -lo / steps;
        double[][] grid = new double[steps][1];
        for (int i = 0; i < steps; i++) {
            grid[i][0] = Math.exp(lo + (i + 0.5) * h);
        }
        double total = 0;
        for (double logP : e.logPdf(grid)) {
            total += Math.exp(logP) * h;
        }
        assertThat(total).isCloseTo(1, within(1e-4));
    }

    @Test
    void discreteProbabilitiesSumToOneForIntsStepsAndLogInts() {
        List<Distribution> distributions = List.of(IntDistribution.of(-3, 4), IntDistribution.stepped(0, 100, 25),
                IntDistribution.logOf(1, 64), FloatDistribution.stepped(0, 1, 0.1), CategoricalDistribution.of("a", "b", "c"));
        double[][] observations = {{-3, 25, 2, 0.3, 0}, {1, 100, 50, 0.9, 2}, {4, 0, 1, 0.0, 2}};
        for (int d = 0; d < distributions.size(); d++) {
            Distribution distribution = distributions.get(d);
            double[][] column = new double[observations.length][1];
            for (int i = 0; i < observations.length; i++) {
                column[i][0] = observations[i][d];
            }
            ParzenEstimator e = new ParzenEstimator(List.of(distribution), column, TreeParzen.weights(3), SETTINGS);
            List<Double> values = values(distribution);
            double[][] points = values.stream().map(v -> new double[]{v}).toArray(double[][]::new);
            double total = 0;
            for (double logP : e.logPdf(points)) {
                total += Math.exp(logP);
            }
            assertThat(total).as(distribution.describe()).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void samplesAreValidValuesAndConcentrateNearTheObservations() {
        IntDistribution n = IntDistribution.of(0, 100);
        ParzenEstimator e = estimator(n, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29);
        double[][] samples = e.sample(new SplittableRandom(3), 2000);
        int near = 0;
        for (double[] s : samples) {
            assertThat(n.contains((int) s[0])).isTrue();
            assertThat(s[0]).isEqualTo(Math.rint(s[0]));
            if (s[0] >= 15 && s[0] <= 34) {
                near++;
            }
        }
        // 10 of the 11 kernels sit in [20, 29]; the magic clip makes them at least 101 / 12 wide,
        // so about 68% of the draws land in [15, 34] (a uniform draw would: 20%).
        assertThat(near).isBetween(1250, 1480);
    }

    @Test
    void aZeroPriorWeightLeavesOnlyTheObservedChoices() {
        TpeSettings noPrior = TpeSettings.builder().priorWeight(0).build();
        CategoricalDistribution c = CategoricalDistribution.of("a", "b", "c");
        ParzenEstimator e = new ParzenEstimator(List.of(c), new double[][]{{1}, {1}}, new double[]{1, 1}, noPrior);
        double[][] samples = e.sample(new SplittableRandom(5), 200);
        for (double[] s : samples) {
            assertThat(s[0]).isEqualTo(1);
        }
        assertThat(e.logPdf(new double[][]{{0}})[0]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void weightsAreFlatUpTo25TrialsThenRampUpForOlderOnes() {
        assertThat(TreeParzen.weights(3)).containsExactly(1, 1, 1);
        double[] w = TreeParzen.weights(30);
        assertThat(w[0]).isCloseTo(1 / 30.0, within(1e-12));
        assertThat(w[4]).isCloseTo(1, within(1e-12));
        assertThat(w[2]).isCloseTo((1 / 30.0 + 1) / 2, within(1e-12));
        for (int i = 5; i < 30; i++) {
            assertThat(w[i]).isEqualTo(1);
        }
        assertThat(TreeParzen.weights(26)[0]).isCloseTo(1 / 26.0, within(1e-12));
    }

    private static ParzenEstimator estimator(Distribution d, double... observations) {
        double[][] rows = new double[observations.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[]{observations[i]};
        }
        return new ParzenEstimator(List.of(d), rows, TreeParzen.weights(rows.length), SETTINGS);
    }

    private static List<Double> values(Distribution d) {
        List<Double> values = new java.util.ArrayList<>();
        if (d instanceof CategoricalDistribution c) {
            for (int i = 0; i < c.choices().size(); i++) {
                values.add((double) i);
            }
        } else if (d instanceof IntDistribution i) {
            for (int v = i.low(); v <= i.high(); v += i.step()) {
                values.add((double) v);
            }
        } else {
            FloatDistribution f = (FloatDistribution) d;
            long steps = Math.round((f.high() - f.low()) / f.step());
            for (long k = 0; k <= steps; k++) {
                values.add(f.low() + k * f.step());
            }
        }
        return values;
    }
}

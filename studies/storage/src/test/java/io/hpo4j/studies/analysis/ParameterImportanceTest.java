package io.hpo4j.studies.analysis;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ParameterImportanceTest {

    /**
     * value = 10 (x - 0.3)^2 + Gaussian noise; learning_rate (log scale) and optimizer
     * (categorical) are parameters the value does not depend on. Random search.
     */
    private static List<FrozenTrial> syntheticStudy(long seed, int trials) {
        SplittableRandom noise = new SplittableRandom(seed * 31 + 7);
        Study study = Study.builder("synthetic-" + seed).storage(new InMemoryStorage()).direction(Direction.MINIMIZE)
                .seed(seed).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            trial.suggestFloat("learning_rate", 1e-4, 1e-1, true);
            trial.suggestCategorical("optimizer", List.of("sgd", "adam"));
            return 10 * (x - 0.3) * (x - 0.3) + 0.15 * gaussian(noise);
        }, trials);
        return study.trials(EnumSet.allOf(TrialState.class));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void aParameterThatDrivesTheValueRanksAboveNoiseParametersForEverySeed() {
        for (long seed = 1; seed <= 10; seed++) {
            List<Importance> ranked = ParameterImportance.estimate(syntheticStudy(seed, 30));

            assertThat(ranked).extracting(Importance::parameter).as("seed %d: %s", seed, ranked)
                    .containsExactlyInAnyOrder("x", "learning_rate", "optimizer");
            assertThat(ranked.get(0).parameter()).as("seed %d: %s", seed, ranked).isEqualTo("x");
            assertThat(ranked.get(0).importance()).as("seed %d: %s", seed, ranked).isGreaterThan(0.6);
            assertThat(ranked.get(0).omegaSquared()).as("seed %d: %s", seed, ranked).isGreaterThan(0.3);
            assertThat(ranked.get(0).pValue()).as("seed %d: %s", seed, ranked).isLessThan(0.01);
        }
    }

    @Test
    void importancesSumToOneAndNoiseAloneScoresAboutZero() {
        double noiseTotal = 0;
        int noiseSignificant = 0;
        for (long seed = 1; seed <= 10; seed++) {
            List<Importance> ranked = ParameterImportance.estimate(syntheticStudy(seed, 30));
            double sum = ranked.stream().mapToDouble(Importance::importance).sum();
            assertThat(sum).isCloseTo(1.0, within(1e-9));
            noiseTotal += ranked.stream().filter(i -> !i.parameter().equals("x")).mapToDouble(Importance::omegaSquared).sum();
            noiseSignificant += (int) ranked.stream().filter(i -> !i.parameter().equals("x") && i.pValue() < 0.05).count();
        }
        // two noise parameters over ten seeds: omega squared corrects for chance, so their mean stays small
        assertThat(noiseTotal / 20).isLessThan(0.05);
        // a 5 % test on 20 noise parameters: one false alarm is expected, four would mean a broken test
        assertThat(noiseSignificant).isLessThanOrEqualTo(3);
    }

    @Test
    void aCategoricalParameterThatDrivesTheValueRanksFirst() {
        Study study = Study.builder("categorical").direction(Direction.MAXIMIZE).seed(3).build();
        SplittableRandom noise = new SplittableRandom(5);
        study.optimize(trial -> {
            String activation = trial.suggestCategorical("activation", List.of("relu", "tanh", "sigmoid"));
            trial.suggestInt("layers", 1, 3);
            return (activation.equals("relu") ? 0.95 : activation.equals("tanh") ? 0.9 : 0.6) + 0.02 * gaussian(noise);
        }, 24);

        List<Importance> ranked = ParameterImportance.estimate(study.trials(EnumSet.allOf(TrialState.class)));

        assertThat(ranked.get(0).parameter()).isEqualTo("activation");
        assertThat(ranked.get(0).groups()).isEqualTo(3);
        assertThat(ranked.get(1).groups()).isEqualTo(3); // layers: three values, one group each
    }

    @Test
    void tooFewCompletedTrialsGiveNoEstimate() {
        assertThat(ParameterImportance.estimate(syntheticStudy(1, ParameterImportance.MIN_TRIALS - 1))).isEmpty();
        assertThat(ParameterImportance.estimate(syntheticStudy(1, ParameterImportance.MIN_TRIALS))).hasSize(3);
    }

    @Test
    void thePValueIsReproducibleAndSmallOnlyForARealEffect() {
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        int[] separated = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        int[] mixed = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1};

        double strong = ParameterImportance.pValue(y, separated, 2, ParameterImportance.omegaSquared(y, separated, 2));
        double none = ParameterImportance.pValue(y, mixed, 2, ParameterImportance.omegaSquared(y, mixed, 2));

        assertThat(strong).isLessThan(0.01).isEqualTo(
                ParameterImportance.pValue(y, separated, 2, ParameterImportance.omegaSquared(y, separated, 2)));
        assertThat(none).isEqualTo(1.0); // omega squared 0 is reached by every permutation
    }

    @Test
    void numbersAreBinnedByQuantilesWithTiesInOneBinAndFewValuesGroupedByValue() {
        // 16 trials: x = 0, 0, 0, 0, 1, 2, ..., 12 -> sqrt(16) = 4 bins of about 4; the four zeros share a bin
        List<FrozenTrial> trials = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            double x = i < 4 ? 0 : i - 3;
            trials.add(new FrozenTrial(i, i, TrialState.COMPLETE, (double) i,
                    java.util.Map.of("x", x, "layers", 1 + i % 3),
                    java.util.Map.of("x", io.hpo4j.tuner.space.FloatDistribution.of(0, 12),
                            "layers", io.hpo4j.tuner.space.IntDistribution.of(1, 3)),
                    new java.util.TreeMap<>(), java.util.Map.of(), java.util.Map.of(), null, null, null));
        }

        int[] x = ParameterImportance.groups(trials, "x");
        int[] layers = ParameterImportance.groups(trials, "layers");

        assertThat(java.util.Arrays.copyOfRange(x, 0, 4)).containsOnly(x[0]);
        assertThat(java.util.Arrays.stream(x).distinct().count()).isEqualTo(4);
        for (int b = 0; b < 4; b++) {
            final int bin = b;
            assertThat(java.util.Arrays.stream(x).filter(g -> g == bin).count()).isEqualTo(4);
        }
        assertThat(java.util.Arrays.stream(layers).distinct().count()).isEqualTo(3);
        assertThat(layers[0]).isEqualTo(layers[3]).isNotEqualTo(layers[1]);
    }

    @Test
    void ranksShareTiesAndOmegaSquaredSeesOnlyRealGroupDifferences() {
        double[] ranks = ParameterImportance.ranks(new double[]{3, 1, 3, 2});
        assertThat(ranks).containsExactly(3.5, 1, 3.5, 2);
        assertThat(ParameterImportance.omegaSquared(new double[]{1, 2, 3, 4, 5, 6}, new int[]{0, 0, 0, 1, 1, 1}, 2))
                .isGreaterThan(0.5);
        assertThat(ParameterImportance.omegaSquared(new double[]{1, 2, 3, 4, 5, 6}, new int[]{0, 1, 0, 1, 0, 1}, 2))
                .isZero();
    }
}

package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilePrunerTest {

    /** Completed trials whose value at step 0 is 1, 2, ..., n. */
    private static ScriptedStudy completedOneTo(int n, ScriptedStudy study) {
        for (int i = 1; i <= n; i++) {
            study.complete(i);
        }
        return study;
    }

    @Test
    void percentileFiftyDecidesExactlyAsTheMedianOnRandomStudies() {
        int prunes = 0;
        for (long seed = 0; seed < 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            ScriptedStudy study = new ScriptedStudy("random",
                    random.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE);
            int trials = random.nextInt(20);
            for (int i = 0; i < trials; i++) {
                TrialState state = random.nextBoolean() ? TrialState.COMPLETE : TrialState.values()[1 + random.nextInt(4)];
                study.add(state, randomCurve(random));
            }
            FrozenTrial trial = study.add(TrialState.RUNNING, randomCurve(random));
            MedianSettings settings = new MedianSettings(random.nextInt(4), random.nextInt(3), 1 + random.nextInt(3),
                    1 + random.nextInt(3));

            PruneDecision median = Pruners.median(settings).decide(study, trial);
            PruneDecision percentile = Pruners.percentile(50, settings).decide(study, trial);

            assertThat(percentile).as("seed %d", seed).isEqualTo(median);
            prunes += median.prune() ? 1 : 0;
        }
        assertThat(prunes).as("the random studies exercise prunes, not only keeps").isBetween(30, 270);
    }

    private static TreeMap<Integer, Double> randomCurve(SplittableRandom random) {
        TreeMap<Integer, Double> curve = new TreeMap<>();
        int steps = random.nextInt(8);
        for (int step = 0; step < steps; step++) {
            if (random.nextInt(5) > 0) {
                curve.put(step, random.nextInt(20) == 0 ? Double.NaN : random.nextDouble());
            }
        }
        return curve;
    }

    @Test
    void keepsTheBestQuarterWhenMinimizing() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.minimizing());
        PercentilePruner pruner = Pruners.percentile(25);

        assertThat(pruner.decide(study, study.running(2.5)).reason())
                .isEqualTo("value 2.5 at step 0 is worse than 2, the threshold of the best 25% of 5 completed trials at step 0");
        assertThat(pruner.decide(study, study.running(2)).prune()).isFalse();
    }

    @Test
    void keepsTheBestQuarterWhenMaximizingWithTheSeventyFifthPercentile() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.maximizing());
        PercentilePruner pruner = Pruners.percentile(25);

        assertThat(pruner.decide(study, study.running(3.5)).reason())
                .isEqualTo("value 3.5 at step 0 is worse than 4, the threshold of the best 25% of 5 completed trials at step 0");
        assertThat(pruner.decide(study, study.running(4)).prune()).isFalse();
    }

    @Test
    void interpolatesLinearlyBetweenRanks() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.minimizing());
        study.complete(6);
        // ranks 0..5: the 30th percentile is at rank 1.5, between 2 and 3
        PercentilePruner pruner = Pruners.percentile(30);

        assertThat(pruner.decide(study, study.running(2.51)).reason()).contains("worse than 2.5, the threshold of the best 30%");
        assertThat(pruner.decide(study, study.running(2.49)).prune()).isFalse();
    }

    @Test
    void percentileZeroKeepsOnlyTrialsAsGoodAsTheBest() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.minimizing());
        PercentilePruner pruner = Pruners.percentile(0);

        assertThat(pruner.decide(study, study.running(1)).prune()).isFalse();
        assertThat(pruner.decide(study, study.running(1.01)).prune()).isTrue();
    }

    @Test
    void percentileHundredPrunesOnlyTrialsWorseThanTheWorst() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.maximizing());
        PercentilePruner pruner = Pruners.percentile(100);

        assertThat(pruner.decide(study, study.running(1)).prune()).isFalse();
        assertThat(pruner.decide(study, study.running(0.99)).reason())
                .isEqualTo("value 0.99 at step 0 is worse than 1, the threshold of the best 100% of 5 completed trials at step 0");
    }

    @Test
    void namesAFractionalPercentileAsGiven() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.minimizing());

        assertThat(Pruners.percentile(12.5).decide(study, study.running(5)).reason()).contains("best 12.5% of 5");
    }

    @Test
    void appliesTheMedianSettings() {
        ScriptedStudy study = completedOneTo(5, ScriptedStudy.minimizing());
        PercentilePruner pruner = Pruners.percentile(25, MedianSettings.defaults().withStartupTrials(6));

        assertThat(pruner.decide(study, study.running(5)).prune()).isFalse();
        study.complete(1);
        assertThat(pruner.decide(study, study.running(5)).prune()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 100.5, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsAPercentileOutsideZeroToHundred(double percentile) {
        assertThatThrownBy(() -> Pruners.percentile(percentile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be in [0, 100], but got " + percentile);
    }
}

package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MedianPrunerTest {

    /** Five completed trials whose values at every step 0..9 are 0.1, 0.2, 0.3, 0.4, 0.5: median 0.3. */
    private static ScriptedStudy fiveCompleted(ScriptedStudy study) {
        for (int i = 1; i <= 5; i++) {
            double[] values = new double[10];
            java.util.Arrays.fill(values, i / 10.0);
            study.complete(values);
        }
        return study;
    }

    @Test
    void keepsEveryTrialUntilStartupTrialsHaveCompleted() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        MedianPruner pruner = Pruners.median();
        for (int i = 0; i < 4; i++) {
            study.complete(0.1, 0.1);
        }
        FrozenTrial hopeless = study.running(9, 9);

        assertThat(pruner.decide(study, hopeless).prune()).isFalse();

        study.complete(0.1, 0.1);
        assertThat(pruner.decide(study, hopeless).prune()).isTrue();
    }

    @Test
    void keepsTheFirstTrialsWhenStartupIsZeroButNothingCompleted() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        FrozenTrial trial = study.running(9, Double.NaN);

        assertThat(Pruners.median(MedianSettings.defaults().withStartupTrials(0)).decide(study, trial).prune()).isFalse();
    }

    @Test
    void prunesATrialWorseThanTheMedianAtTheSameStepWithAReadableReason() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        FrozenTrial trial = study.running(0.9, 0.8, 0.61);

        PruneDecision decision = Pruners.median().decide(study, trial);

        assertThat(decision.prune()).isTrue();
        assertThat(decision.reason()).isEqualTo("value 0.61 at step 2 is worse than the median 0.3 of 5 completed trials at step 2");
    }

    @Test
    void keepsATrialEqualToTheMedian() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        assertThat(Pruners.median().decide(study, study.running(0.3)).prune()).isFalse();
        assertThat(Pruners.median().decide(study, study.running(0.2999)).prune()).isFalse();
        assertThat(Pruners.median().decide(study, study.running(0.3001)).prune()).isTrue();
    }

    @Test
    void showsValuesInFullWhenRoundingWouldMakeThemLookEqual() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        PruneDecision decision = Pruners.median().decide(study, study.running(0.30000001));

        assertThat(decision.reason()).startsWith("value 0.30000001 at step 0 is worse than the median 0.3 ");
    }

    @Test
    void comparesTheBestValueSoFarNotTheLatest() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        assertThat(Pruners.median().decide(study, study.running(0.1, 0.9)).prune()).isFalse();

        PruneDecision decision = Pruners.median().decide(study, study.running(0.7, 0.9));
        assertThat(decision.reason())
                .isEqualTo("best value so far 0.7 (at step 0) is worse than the median 0.3 of 5 completed trials at step 1");
    }

    @Test
    void comparesOnlyWithCompletedTrials() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        for (int i = 0; i < 10; i++) {
            study.add(TrialState.PRUNED, ScriptedStudy.curve(100));
            study.add(TrialState.RUNNING, ScriptedStudy.curve(100));
            study.add(TrialState.FAIL, ScriptedStudy.curve(100));
        }

        PruneDecision decision = Pruners.median().decide(study, study.running(0.35));

        assertThat(decision.reason()).isEqualTo("value 0.35 at step 0 is worse than the median 0.3 of 5 completed trials at step 0");
    }

    @Test
    void countsOnlyCompletedTrialsAsStartupTrials() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        for (int i = 0; i < 4; i++) {
            study.complete(0.1);
        }
        for (int i = 0; i < 5; i++) {
            study.add(TrialState.PRUNED, ScriptedStudy.curve(0.1));
            study.running(0.1);
        }

        assertThat(Pruners.median().decide(study, study.running(9)).prune()).isFalse();
    }

    @Test
    void keepsATrialDuringItsWarmupSteps() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        MedianPruner pruner = Pruners.median(MedianSettings.defaults().withWarmupSteps(3));
        FrozenTrial trial = study.running();

        List<Boolean> decisions = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            trial = study.report(trial, step, 9);
            decisions.add(pruner.decide(study, trial).prune());
        }

        assertThat(decisions).containsExactly(false, false, false, true, true);
    }

    @Test
    void judgesOnlyAtIntervalStepsCountedFromTheWarmup() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        MedianPruner pruner = Pruners.median(MedianSettings.defaults().withWarmupSteps(1).withIntervalSteps(3));
        FrozenTrial trial = study.running();

        List<Integer> judged = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            trial = study.report(trial, step, 9);
            if (pruner.decide(study, trial).prune()) {
                judged.add(step);
            }
        }

        assertThat(judged).containsExactly(1, 4, 7);
    }

    @Test
    void judgesTheFirstReportAfterASkippedIntervalStep() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        MedianPruner pruner = Pruners.median(MedianSettings.defaults().withIntervalSteps(3));

        // judging steps are 0, 3, 6: the report at 5 is the first one since step 3
        FrozenTrial skipper = study.add(TrialState.RUNNING, Map.of(0, 0.95, 2, 0.92, 5, 0.9));
        assertThat(pruner.decide(study, skipper).reason())
                .isEqualTo("value 0.9 at step 5 is worse than the median 0.3 of 5 completed trials at step 5");

        // the report at 4 was judged already for the interval starting at 3; 5 is not judged
        FrozenTrial judgedAt4 = study.add(TrialState.RUNNING, Map.of(0, 0.95, 4, 0.92, 5, 0.9));
        assertThat(pruner.decide(study, judgedAt4).prune()).isFalse();
    }

    @Test
    void needsMinTrialsValuesAtTheStep() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        for (int i = 0; i < 3; i++) {
            study.complete(0.1, 0.1, 0.1);
        }
        study.complete(0.1, 0.1, 0.1, 0.1, 0.1);
        study.complete(0.1, 0.1, 0.1, 0.1, 0.1);
        MedianPruner pruner = Pruners.median(MedianSettings.defaults().withMinTrials(3));

        assertThat(pruner.decide(study, study.running(0.9, 0.9, 0.9)).prune()).isTrue();
        assertThat(pruner.decide(study, study.running(0.9, 0.9, 0.9, 0.9, 0.9)).prune())
                .as("only 2 completed trials reported step 4").isFalse();
    }

    @Test
    void keepsATrialAtAStepNoCompletedTrialReported() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        for (int i = 0; i < 5; i++) {
            study.add(TrialState.COMPLETE, Map.of(0, 0.1, 2, 0.1, 4, 0.1));
        }

        assertThat(Pruners.median().decide(study, study.add(TrialState.RUNNING, Map.of(0, 9.0, 3, 9.0))).prune()).isFalse();
        assertThat(Pruners.median().decide(study, study.add(TrialState.RUNNING, Map.of(0, 9.0, 4, 9.0))).prune()).isTrue();
    }

    @Test
    void prunesLowerValuesWhenMaximizing() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.maximizing());

        PruneDecision low = Pruners.median().decide(study, study.running(0.25));
        assertThat(low.reason()).isEqualTo("value 0.25 at step 0 is worse than the median 0.3 of 5 completed trials at step 0");
        assertThat(Pruners.median().decide(study, study.running(0.35)).prune()).isFalse();
    }

    @Test
    void comparesTheBestValueSoFarInTheStudysDirection() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.maximizing());

        assertThat(Pruners.median().decide(study, study.running(0.9, 0.1)).prune()).isFalse();
        assertThat(Pruners.median().decide(study, study.running(0.1, 0.2)).reason())
                .isEqualTo("value 0.2 at step 1 is worse than the median 0.3 of 5 completed trials at step 1");
    }

    @Test
    void prunesANaNAtAJudgedStepEvenAfterGoodValues() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        PruneDecision decision = Pruners.median().decide(study, study.running(0.01, Double.NaN));

        assertThat(decision.prune()).isTrue();
        assertThat(decision.reason()).isEqualTo("value NaN at step 1: a NaN is never kept");
    }

    @Test
    void keepsANaNDuringWarmupAndBeforeStartup() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        FrozenTrial diverged = study.running(Double.NaN);

        assertThat(Pruners.median(MedianSettings.defaults().withWarmupSteps(1)).decide(study, diverged).prune()).isFalse();
        assertThat(Pruners.median(MedianSettings.defaults().withStartupTrials(6)).decide(study, diverged).prune()).isFalse();
    }

    @Test
    void ignoresNaNValuesOfCompletedTrials() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        for (int i = 0; i < 3; i++) {
            study.complete(Double.NaN, 0.5);
        }
        study.complete(0.1, 0.5);
        study.complete(0.2, 0.5);

        assertThat(Pruners.median().decide(study, study.running(0.16)).reason())
                .isEqualTo("value 0.16 at step 0 is worse than the median 0.15 of 2 completed trials at step 0");
    }

    @Test
    void prunesAnInfiniteValueWhenMinimizing() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        assertThat(Pruners.median().decide(study, study.running(Double.POSITIVE_INFINITY)).reason())
                .isEqualTo("value Infinity at step 0 is worse than the median 0.3 of 5 completed trials at step 0");
        assertThat(Pruners.median().decide(study, study.running(Double.NEGATIVE_INFINITY)).prune()).isFalse();
    }

    @Test
    void treatsAReportOfAnEarlierStepAsPartOfTheCurveAndStaysAtTheLargestStep() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        FrozenTrial trial = study.add(TrialState.RUNNING, Map.of(5, 0.9));
        assertThat(Pruners.median().decide(study, trial).prune()).isTrue();

        trial = study.report(trial, 3, 0.8);
        assertThat(Pruners.median().decide(study, trial).reason())
                .isEqualTo("best value so far 0.8 (at step 3) is worse than the median 0.3 of 5 completed trials at step 5");

        trial = study.report(trial, 2, 0.1);
        assertThat(Pruners.median().decide(study, trial).prune()).isFalse();
    }

    @Test
    void keepsATrialThatReportedNothing() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());

        assertThat(Pruners.median().decide(study, study.running()).prune()).isFalse();
    }

    @Test
    void decidesTheSameTwiceOnTheSameData() {
        ScriptedStudy study = fiveCompleted(ScriptedStudy.minimizing());
        FrozenTrial trial = study.running(0.9);

        assertThat(Pruners.median().decide(study, trial)).isEqualTo(Pruners.median().decide(study, trial));
    }

    @Test
    void rejectsInvalidSettingsNamingTheSetting() {
        MedianSettings d = MedianSettings.defaults();
        assertThatThrownBy(() -> d.withStartupTrials(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n_startup_trials must be >= 0, but got -1");
        assertThatThrownBy(() -> d.withWarmupSteps(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n_warmup_steps must be >= 0, but got -2");
        assertThatThrownBy(() -> d.withIntervalSteps(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval_steps must be >= 1, but got 0");
        assertThatThrownBy(() -> d.withMinTrials(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("n_min_trials must be >= 1, but got 0");
    }
}

package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuccessiveHalvingPrunerTest {

    private static final SuccessiveHalvingSettings HALVING = SuccessiveHalvingSettings.defaults().withReductionFactor(2);
    private static final SuccessiveHalvingSettings THIRDS = SuccessiveHalvingSettings.defaults().withReductionFactor(3);

    /**
     * Starts a trial per value, each reporting it at step 0 and then at {@code step}; returns each
     * decision after the second report ("keep" or the reason), and finishes pruned trials as PRUNED.
     */
    private static List<String> arrive(ScriptedStudy study, Pruner pruner, int step, double... values) {
        List<String> decisions = new ArrayList<>();
        for (double value : values) {
            FrozenTrial trial = study.running(value);
            assertThat(pruner.decide(study, trial).prune()).as("step 0 is no rung").isFalse();
            trial = study.report(trial, step, value);
            decisions.add(decide(study, pruner, trial));
        }
        return decisions;
    }

    /** The decision on {@code trial} ("keep" or the reason); a pruned trial is finished as PRUNED. */
    private static String decide(ScriptedStudy study, Pruner pruner, FrozenTrial trial) {
        PruneDecision decision = pruner.decide(study, trial);
        if (decision.prune()) {
            study.finish(trial, TrialState.PRUNED);
            return decision.reason();
        }
        return "keep";
    }

    @Test
    void placesRungsAtMinResourceTimesPowersOfTheReductionFactor() {
        assertThat(HALVING.rungStep(0)).isEqualTo(1);
        assertThat(HALVING.rungStep(3)).isEqualTo(8);
        assertThat(new SuccessiveHalvingSettings(3, 3, 0, 0).rungStep(2)).isEqualTo(27);
        assertThat(new SuccessiveHalvingSettings(2, 4, 1, 0).rungStep(0)).isEqualTo(8);
        assertThat(new SuccessiveHalvingSettings(1, 2, 30, 0).rungStep(1)).as("beyond any int step").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void itsRungsUpToAStepAreTheSameForEveryTrialAndNoOtherPrunerHasRungs() {
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(new SuccessiveHalvingSettings(2, 3, 0, 0));

        assertThat(pruner.rungs("any", 0, 20)).containsExactly(2, 6, 18);
        assertThat(pruner.rungs("other", 7, 18)).containsExactly(2, 6, 18);
        assertThat(pruner.rungs("any", 0, 1)).isEmpty();
        assertThat(Pruners.successiveHalving(new SuccessiveHalvingSettings(1, 2, 31, 0)).rungs("any", 0, Integer.MAX_VALUE))
                .as("a rung beyond any int step ends the list").isEmpty();
        assertThat(Pruners.median().rungs("any", 0, 20)).as("median may stop a trial at any step").isEmpty();
    }

    @Test
    void promotesTheTopHalfAtARungWithReductionFactorTwo() {
        ScriptedStudy study = ScriptedStudy.minimizing();

        List<String> decisions = arrive(study, Pruners.successiveHalving(HALVING), 1, 0.5, 0.6, 0.4, 0.55, 0.5);

        assertThat(decisions).containsExactly(
                "keep",
                "value 0.6 at step 1 is not the best of the 2 values at rung 0 (step 1); promotion needed <= 0.5",
                "keep",
                "value 0.55 at step 1 is not among the best 2 of the 4 values at rung 0 (step 1), the top 1/2;"
                        + " promotion needed <= 0.5",
                "keep");
    }

    @Test
    void promotesAboutAThirdAtEachRungWithReductionFactorThree() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(THIRDS);

        assertThat(arrive(study, pruner, 1, 5, 3, 8, 1, 9, 2))
                .extracting(d -> d.equals("keep"))
                .containsExactly(true, true, false, true, false, true);

        // the promoted trials (numbers 0, 1, 3, 5) go on to rung 1 at step 3
        List<String> atRung1 = new ArrayList<>();
        double[] atStep3 = {4.0, 2.5, 0.5, 3.0};
        int[] promoted = {0, 1, 3, 5};
        for (int i = 0; i < promoted.length; i++) {
            FrozenTrial trial = study.trials().get(promoted[i]);
            trial = study.report(trial, 2, atStep3[i]);
            assertThat(pruner.decide(study, trial).prune()).as("step 2 is between rungs").isFalse();
            atRung1.add(decide(study, pruner, study.report(trial, 3, atStep3[i])));
        }

        assertThat(atRung1).containsExactly("keep", "keep", "keep",
                "value 3 at step 3 is not the best of the 4 values at rung 1 (step 3); promotion needed <= 0.5");
    }

    @Test
    void judgesEachRungOnceSoAPromotionIsNotTakenBack() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(THIRDS);
        FrozenTrial early = study.report(study.running(5), 1, 5);
        assertThat(pruner.decide(study, early).prune()).isFalse();

        arrive(study, pruner, 1, 1, 1, 1, 1, 1, 1);

        assertThat(pruner.decide(study, study.report(early, 2, 5)).prune()).isFalse();
    }

    @Test
    void judgesEveryRungThatOneReportCrosses() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(HALVING);
        study.add(TrialState.COMPLETE, Map.of(1, 0.9, 2, 0.3, 4, 0.3, 8, 0.3));

        FrozenTrial jumper = study.add(TrialState.RUNNING, Map.of(0, 0.5, 5, 0.5));

        assertThat(pruner.decide(study, jumper).reason())
                .isEqualTo("value 0.5 at step 5 is not the best of the 2 values at rung 1 (step 2); promotion needed <= 0.3");
    }

    @Test
    void takesTheFirstValueAtOrPastARungFromTrialsThatSkippedItsStep() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(THIRDS);
        // rung 1 is at step 3; this trial skipped it, so its value there is the one at step 4
        study.add(TrialState.COMPLETE, Map.of(0, 1.0, 2, 1.0, 4, 0.2, 5, 0.9));

        FrozenTrial trial = study.add(TrialState.RUNNING, Map.of(0, 1.0, 1, 0.5, 2, 0.4, 3, 0.3));

        assertThat(pruner.decide(study, trial).reason())
                .isEqualTo("value 0.3 at step 3 is not the best of the 2 values at rung 1 (step 3); promotion needed <= 0.2");
    }

    @Test
    void keepsATrialBetweenRungsAndBeforeTheFirst() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(THIRDS.withMinResource(2));
        arrive(study, pruner, 2, 0.1, 0.1, 0.1);

        assertThat(pruner.decide(study, study.running()).prune()).isFalse();
        assertThat(pruner.decide(study, study.running(9, 9)).prune()).as("step 1, before rung 0 at step 2").isFalse();
        assertThat(pruner.decide(study, study.running(9, 0.1, 9, 9, 9, 9)).prune()).as("step 5, before rung 1 at step 6").isFalse();
    }

    @Test
    void shiftsTheFirstRungByTheMinEarlyStoppingRate() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(HALVING.withMinEarlyStoppingRate(1));
        arrive(study, pruner, 2, 0.1);

        assertThat(pruner.decide(study, study.running(9, 9)).prune()).isFalse();
        assertThat(pruner.decide(study, study.running(9, 9, 9)).reason()).contains("at rung 0 (step 2)");
    }

    @Test
    void prunesTheFirstTrialsAtARungUntilMoreThanBootstrapCountReachedIt() {
        ScriptedStudy study = ScriptedStudy.minimizing();

        List<String> decisions = arrive(study, Pruners.successiveHalving(HALVING.withBootstrapCount(2)), 1, 0.3, 0.2, 0.1);

        assertThat(decisions).containsExactly(
                "only 1 trial has reached rung 0 (step 1), this one included; bootstrap_count=2 requires more before any is promoted",
                "only 2 trials have reached rung 0 (step 1), this one included; bootstrap_count=2 requires more before any is promoted",
                "keep");
    }

    @Test
    void promotesHigherValuesWhenMaximizing() {
        ScriptedStudy study = ScriptedStudy.maximizing();

        List<String> decisions = arrive(study, Pruners.successiveHalving(HALVING), 1, 0.5, 0.4, 0.6);

        assertThat(decisions).containsExactly("keep",
                "value 0.4 at step 1 is not the best of the 2 values at rung 0 (step 1); promotion needed >= 0.5",
                "keep");
    }

    @Test
    void prunesANaNAtARungAndKeepsOneBetweenRungs() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner pruner = Pruners.successiveHalving(THIRDS);

        assertThat(pruner.decide(study, study.running(0.1, Double.NaN)).reason())
                .isEqualTo("value NaN at step 1 reaching rung 0 (step 1): a NaN is never promoted");
        assertThat(pruner.decide(study, study.running(0.1, 0.1, Double.NaN)).prune()).isFalse();
    }

    @Test
    void ignoresNaNValuesOfOtherTrialsAtARung() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        study.add(TrialState.PRUNED, Map.of(1, Double.NaN));
        study.add(TrialState.PRUNED, Map.of(1, Double.NaN));
        study.add(TrialState.COMPLETE, Map.of(1, 0.5));

        // counted as values, the NaNs would make 4 values and promote the best 2
        assertThat(Pruners.successiveHalving(HALVING).decide(study, study.running(0.6, 0.6)).reason())
                .isEqualTo("value 0.6 at step 1 is not the best of the 2 values at rung 0 (step 1); promotion needed <= 0.5");
    }

    @Test
    void comparesWithTrialsInEveryStateThatReachedTheRung() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        study.add(TrialState.RUNNING, Map.of(1, 0.1));
        study.add(TrialState.PRUNED, Map.of(1, 0.2));
        study.add(TrialState.COMPLETE, Map.of(1, 0.3));
        study.add(TrialState.FAIL, Map.of(1, 0.4));

        assertThat(Pruners.successiveHalving(HALVING).decide(study, study.running(0.25, 0.25)).reason())
                .isEqualTo("value 0.25 at step 1 is not among the best 2 of the 5 values at rung 0 (step 1), the top 1/2;"
                        + " promotion needed <= 0.2");
    }

    @Test
    void decidesFromStoredValuesOnlySoAFreshPrunerAgrees() {
        ScriptedStudy study = ScriptedStudy.minimizing();
        SuccessiveHalvingPruner used = Pruners.successiveHalving(THIRDS);
        arrive(study, used, 1, 5, 3, 8, 1, 9, 2);

        for (FrozenTrial trial : study.trials()) {
            assertThat(Pruners.successiveHalving(THIRDS).decide(study, trial)).isEqualTo(used.decide(study, trial));
        }
    }

    @Test
    void rejectsInvalidSettingsNamingTheSetting() {
        SuccessiveHalvingSettings d = SuccessiveHalvingSettings.defaults();
        assertThatThrownBy(() -> d.withMinResource(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("min_resource must be >= 1, but got 0");
        assertThatThrownBy(() -> d.withReductionFactor(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reduction_factor must be >= 2, but got 1");
        assertThatThrownBy(() -> d.withMinEarlyStoppingRate(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("min_early_stopping_rate must be >= 0, but got -1");
        assertThatThrownBy(() -> d.withBootstrapCount(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bootstrap_count must be >= 0, but got -1");
    }
}

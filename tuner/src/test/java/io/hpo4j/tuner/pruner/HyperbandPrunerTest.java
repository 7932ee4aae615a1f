package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HyperbandPrunerTest {

    @Test
    void runsOneBracketPerPowerOfTheReductionFactorBetweenMinAndMaxResource() {
        assertThat(Pruners.hyperband(1, 27).bracketCount()).isEqualTo(4);
        assertThat(Pruners.hyperband(1, 26).bracketCount()).isEqualTo(3);
        assertThat(Pruners.hyperband(1, 1).bracketCount()).isEqualTo(1);
        assertThat(Pruners.hyperband(new HyperbandSettings(2, 100, 4, 0)).bracketCount()).isEqualTo(3);
        assertThat(Pruners.hyperband(new HyperbandSettings(1, 1000, 10, 0)).bracketCount())
                .as("exact, where a floating-point log would give 2.9999...").isEqualTo(4);
    }

    @Test
    void weighsBracketsByBudgetAsOptunaDoes() {
        HyperbandPruner pruner = Pruners.hyperband(1, 27);

        assertThat(IntStream.range(0, 4).mapToLong(pruner::bracketBudget)).containsExactly(27L, 12L, 6L, 4L);
        assertThat(pruner.totalBudget()).isEqualTo(49);
    }

    @Test
    void bracketsAreSuccessiveHalvingWithRisingEarlyStoppingRates() {
        HyperbandPruner pruner = Pruners.hyperband(new HyperbandSettings(2, 54, 3, 1));

        for (int b = 0; b < pruner.bracketCount(); b++) {
            assertThat(pruner.bracket(b).settings()).isEqualTo(new SuccessiveHalvingSettings(2, 3, b, 1));
        }
        assertThat(pruner.bracket(3).settings().rungStep(0)).isEqualTo(54);
    }

    @Test
    void assignsTrialsToTheBracketsOptunaAssignsThemTo() {
        // expected values from Optuna's HyperbandPruner._get_bracket_id for the same study names
        assertThat(brackets(Pruners.hyperband(1, 27), "demo")).containsExactly(3, 0, 0, 1, 0, 0, 1, 0, 0, 1);
        assertThat(brackets(Pruners.hyperband(1, 20), "demo")).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 2);
        assertThat(brackets(Pruners.hyperband(new HyperbandSettings(2, 100, 4, 0)), "mlp-study"))
                .containsExactly(1, 0, 1, 1, 0, 0, 2, 1, 0, 1);
    }

    @Test
    void aTrialsRungsAreThoseOfItsBracket() {
        HyperbandPruner pruner = Pruners.hyperband(1, 27);   // "demo": trial 0 in bracket 3, 1 in 0, 3 in 1

        assertThat(pruner.rungs("demo", 1, 27)).containsExactly(1, 3, 9, 27);
        assertThat(pruner.rungs("demo", 3, 27)).containsExactly(3, 9, 27);
        assertThat(pruner.rungs("demo", 0, 20)).as("bracket 3's only rung, 27, lies beyond step 20").isEmpty();
    }

    private static int[] brackets(HyperbandPruner pruner, String study) {
        return IntStream.range(0, 10).map(n -> pruner.bracketOf(study, n)).toArray();
    }

    @Test
    void assignsTheSameBracketInEveryInstanceAndDependsOnTheStudyName() {
        HyperbandPruner one = Pruners.hyperband(1, 27);
        HyperbandPruner other = Pruners.hyperband(1, 27);

        assertThat(IntStream.range(0, 1000).allMatch(n -> one.bracketOf("s", n) == other.bracketOf("s", n))).isTrue();
        assertThat(IntStream.range(0, 1000).anyMatch(n -> one.bracketOf("s", n) != one.bracketOf("t", n))).isTrue();
    }

    @Test
    void givesBracketsTrialsInProportionToTheirBudgets() {
        HyperbandPruner pruner = Pruners.hyperband(1, 27);
        int n = 49_000;
        int[] counts = new int[4];
        for (int i = 0; i < n; i++) {
            counts[pruner.bracketOf("proportions", i)]++;
        }

        for (int b = 0; b < 4; b++) {
            double expected = n * pruner.bracketBudget(b) / 49.0;
            assertThat((double) counts[b]).as("bracket %d", b).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(8));
        }
    }

    @Test
    void comparesATrialOnlyWithTheTrialsOfItsBracket() {
        HyperbandPruner hyperband = Pruners.hyperband(1, 27);
        ScriptedStudy study = new ScriptedStudy("hb", Direction.MINIMIZE);
        for (int i = 0; i < 20; i++) {
            boolean inBracket0 = hyperband.bracketOf("hb", i) == 0;
            study.add(TrialState.COMPLETE, inBracket0 ? Map.of(1, 0.6, 3, 0.6) : Map.of(1, 0.1, 3, 0.1));
        }

        FrozenTrial trial = addInBracket(study, hyperband, 0, Map.of(0, 0.5, 1, 0.5));

        assertThat(hyperband.decide(study, trial).prune()).as("best of its bracket").isFalse();
        assertThat(Pruners.successiveHalving(new SuccessiveHalvingSettings(1, 3, 0, 0)).decide(study, trial).prune())
                .as("the same rung compared with the whole study").isTrue();

        FrozenTrial worse = addInBracket(study, hyperband, 0, Map.of(0, 0.7, 1, 0.7));
        assertThat(hyperband.decide(study, worse).reason())
                .startsWith("hyperband bracket 0 of 4: value 0.7 at step 1 is not among the best ")
                .endsWith("values at rung 0 (step 1), the top 1/3; promotion needed <= 0.6");
    }

    @Test
    void judgesAPatientBracketFirstAtItsLaterRung() {
        HyperbandPruner hyperband = Pruners.hyperband(1, 27);
        ScriptedStudy study = new ScriptedStudy("hb", Direction.MINIMIZE);
        for (int i = 0; i < 20; i++) {
            study.add(TrialState.COMPLETE, Map.of(1, 0.1, 3, 0.1));
        }

        FrozenTrial trial = addInBracket(study, hyperband, 1, Map.of(0, 9.0, 1, 9.0, 2, 9.0));
        assertThat(hyperband.decide(study, trial).prune()).as("bracket 1 starts at step 3").isFalse();

        trial = study.report(trial, 3, 9.0);
        assertThat(hyperband.decide(study, trial).reason())
                .startsWith("hyperband bracket 1 of 4: value 9 at step 3 is not ")
                .contains("at rung 0 (step 3)");
    }

    /** Adds empty WAITING trials until the next number falls in {@code bracket}, then a RUNNING trial with {@code curve}. */
    private static FrozenTrial addInBracket(ScriptedStudy study, HyperbandPruner pruner, int bracket, Map<Integer, Double> curve) {
        while (pruner.bracketOf(study.name(), study.trials().size()) != bracket) {
            study.add(TrialState.WAITING, Map.of());
        }
        return study.add(TrialState.RUNNING, curve);
    }

    @Test
    void rejectsInvalidSettingsNamingTheSetting() {
        assertThatThrownBy(() -> Pruners.hyperband(0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("min_resource must be >= 1, but got 0");
        assertThatThrownBy(() -> Pruners.hyperband(5, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max_resource must be >= min_resource=5, but got max_resource=3");
        assertThatThrownBy(() -> HyperbandSettings.of(1, 10).withReductionFactor(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reduction_factor must be >= 2, but got 1");
        assertThatThrownBy(() -> HyperbandSettings.of(1, 10).withBootstrapCount(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("bootstrap_count must be >= 0, but got -3");
    }
}

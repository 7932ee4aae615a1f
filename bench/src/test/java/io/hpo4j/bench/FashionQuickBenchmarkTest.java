package io.hpo4j.bench;

import io.hpo4j.bench.FashionQuickBenchmark.Options;
import io.hpo4j.bench.FashionQuickBenchmark.Outcome;
import io.hpo4j.bench.FashionQuickBenchmark.Rows;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FashionQuickBenchmarkTest {

    @Test
    void withoutOptunaOptionsTheOptunaTwinsOfTpeMedianAndRandomNoneRun() {
        Options o = Options.parse(List.of());

        assertThat(o.optuna).extracting(OptunaTwin.Config::label).containsExactly("tpe/median", "random/none");
        assertThat(o.configs).extracting(Configuration::label).containsExactlyElementsOf(FashionQuickBenchmark.DEFAULT_CONFIGS);
        assertThat(o.python).isEqualTo("/usr/bin/python3");
    }

    @Test
    void noOptunaRunsHpo4jOnly() {
        Options o = Options.parse(List.of("--no-optuna", "--trials", "4"));

        assertThat(o.optuna).isEmpty();
        assertThat(o.trials).isEqualTo(4);
    }

    @Test
    void optunaOptionsReplaceTheDefaultTwinsInTheirOrder() {
        Options o = Options.parse(List.of("--optuna", "random/none", "--config", "random/none", "--optuna", "tpe/successive_halving",
                "--python", "/opt/py/bin/python3"));

        assertThat(o.optuna).extracting(OptunaTwin.Config::label).containsExactly("random/none", "tpe/successive_halving");
        assertThat(o.configs).extracting(Configuration::label).containsExactly("random/none");
        assertThat(o.python).isEqualTo("/opt/py/bin/python3");
    }

    @Test
    void noOptunaTogetherWithOptunaIsRejected() {
        assertThatThrownBy(() -> Options.parse(List.of("--optuna", "tpe/median", "--no-optuna")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--no-optuna and --optuna tpe/median contradict each other; give one");
    }

    @Test
    void aConfigurationGivenTwiceIsRejected() {
        assertThatThrownBy(() -> Options.parse(List.of("--optuna", "tpe/median", "--optuna", "tpe/median")))
                .hasMessage("configuration 'optuna tpe/median' is given twice");
    }

    @Test
    void aBadOptunaConfigurationIsRejectedAtParsing() {
        assertThatThrownBy(() -> Options.parse(List.of("--optuna", "bohb/successive_halving")))
                .hasMessageContaining("but got 'bohb'");
    }

    @Test
    void tableListsOptunaRowsAfterHpo4jsWithTheirLabel() {
        Rows rows = rows();

        String table = FashionQuickBenchmark.table(rows.outcomes);

        assertThat(table).contains("random/none").contains("optuna tpe/median");
        assertThat(table.indexOf("optuna tpe/median")).isGreaterThan(table.indexOf("random/none"));
    }

    @Test
    void comparisonGivesAccuracyPointsEpochRatioAndSeedsWonAgainstEachTwin() {
        String text = FashionQuickBenchmark.comparison(rows());

        // hpo4j medians 0.8650 on 200 epochs; Optuna 0.8600 on 100; hpo4j better on seed 0, equal on 1, worse on 2
        assertThat(text).contains("vs optuna tpe/median (this run: 0.8600 on 100 epochs)");
        assertThat(text).containsPattern("random/none\\s+\\+0\\.50\\s+2\\.00\\s+1/1/1");
    }

    @Test
    void testHoldsTheT10kImagesOutOnlyWhenAsked() {
        assertThat(Options.parse(List.of()).test).isFalse();
        assertThat(Options.parse(List.of("--test", "--no-optuna")).test).isTrue();
    }

    @Test
    void runsWithHeldOutScoresGetATableOfValidationAgainstTestAndTheirJson() {
        Rows rows = Rows.of(List.of(Configuration.parse("random/none")), List.of());
        HeldOut h = new HeldOut(9, 0.8582, 0.8501, 0.0081, 0.0122, 0.0139, 3, 1_499_690, 0.05, 14.2, 0.8550, "holds up");
        rows.outcomes.get("random/none").add(new Outcome(1, 0.8582, 9, Map.of(), 100, 30, 7, 23, 0, 250, "mem", h));

        String table = FashionQuickBenchmark.table(rows.outcomes);

        assertThat(table).contains("held-out test images (--test)")
                .containsPattern("random/none\\s+1\\s+9\\s+0\\.8582\\s+0\\.8501\\s+\\+0\\.0081\\s+0\\.0122\\s+\\+0\\.0139\\s+1499690"
                        + "\\s+0\\.05s\\s+14\\.2s\\s+0\\.8550");
        assertThat(rows.outcomes.get("random/none").get(0).toMap().get("held_out")).isEqualTo(h.toMap());
        assertThat(FashionQuickBenchmark.table(rows().outcomes)).as("runs without --test").doesNotContain("held-out");
    }

    @Test
    void comparisonIsEmptyWithoutTwins() {
        Rows rows = Rows.of(List.of(Configuration.parse("random/none")), List.of());
        rows.outcomes.get("random/none").add(outcome(0, 0.86, 100));

        assertThat(FashionQuickBenchmark.comparison(rows)).isEmpty();
    }

    private static Rows rows() {
        Rows rows = Rows.of(List.of(Configuration.parse("random/none")), List.of(OptunaTwin.Config.parse("tpe/median")));
        rows.outcomes.get("random/none").addAll(List.of(outcome(0, 0.87, 200), outcome(1, 0.865, 200), outcome(2, 0.85, 200)));
        rows.outcomes.get("optuna tpe/median").addAll(List.of(outcome(0, 0.86, 100), outcome(1, 0.865, 100), outcome(2, 0.855, 100)));
        return rows;
    }

    private static Outcome outcome(long seed, double best, int epochs) {
        return new Outcome(seed, best, 0, Map.of(), epochs, 30, 30, 0, 0, 60, "mem");
    }
}

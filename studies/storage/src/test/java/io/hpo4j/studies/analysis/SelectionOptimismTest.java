package io.hpo4j.studies.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SelectionOptimismTest {

    private static SelectionOptimism.Row row(int number, double validation, double test) {
        return new SelectionOptimism.Row(number, validation, 2000, test, 1000);
    }

    @Test
    void theOptimismIsTheChosenTrialsValidationMinusTestScore() {
        SelectionOptimism o = SelectionOptimism.of(List.of(row(4, 0.90, 0.88), row(7, 0.95, 0.90), row(1, 0.93, 0.92)), true, 30);

        assertThat(o.chosen()).hasValueSatisfying(r -> assertThat(r.number()).isEqualTo(7));
        assertThat(o.optimism()).isCloseTo(0.05, within(1e-12));
        assertThat(o.meanGap()).isCloseTo((0.02 + 0.05 + 0.01) / 3, within(1e-12));
        assertThat(o.verdict()).startsWith("Picking the best of 30 trials inflated the validation accuracy by 0.0500")
                .contains("expect about 0.9000 on new data, not 0.9500");
    }

    @Test
    void aGapWithinTwoStandardErrorsIsCalledNoise() {
        SelectionOptimism o = SelectionOptimism.of(List.of(row(0, 0.91, 0.90)), true, 10);

        // se = sqrt(.91*.09/2000 + .9*.1/1000) = 0.0114; 0.01 < 2 se
        assertThat(o.chosen().orElseThrow().standardError()).isCloseTo(0.0114, within(1e-4));
        assertThat(o.verdict()).startsWith("The best validation accuracy holds up on the test data (gap +0.0100 ± 0.0229");
    }

    @Test
    void aTestScoreFarAboveValidationPointsAtDifferentData() {
        assertThat(SelectionOptimism.of(List.of(row(0, 0.80, 0.90)), true, 5).verdict())
                .contains("may come from different populations");
    }

    @Test
    void forALossTheLowestValidationLossIsChosenAndAHigherTestLossIsOptimistic() {
        SelectionOptimism o = SelectionOptimism.of(List.of(row(1, 0.30, 0.40), row(2, 0.35, 0.36)), false, 8);

        assertThat(o.chosen().orElseThrow().number()).isEqualTo(1);
        assertThat(o.optimism()).isCloseTo(0.10, within(1e-12));
        assertThat(o.verdict()).contains("33.3 % better");
    }

    @Test
    void withoutTestScoresTheVerdictSaysHowToGetThem() {
        SelectionOptimism o = SelectionOptimism.of(List.of(), true, 3);
        assertThat(o.optimism()).isNaN();
        assertThat(o.verdict()).contains("test_fraction or test_path");
    }
}

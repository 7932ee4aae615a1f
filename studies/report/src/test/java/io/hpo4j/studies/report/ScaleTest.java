package io.hpo4j.studies.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScaleTest {

    @Test
    void linearTicksAreRoundNumbersInsideTheDomain() {
        assertThat(Scale.linear(0.37, 0.96, 0, 100).ticks(5)).containsExactly(0.4, 0.6, 0.8);
        assertThat(Scale.linear(0.37, 0.96, 0, 100).ticks(10)).containsExactly(0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
        assertThat(Scale.linear(0, 1, 0, 100).ticks(4)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
    }

    @Test
    void integerScalesTickOnWholeNumbersOnly() {
        assertThat(Scale.linear(-0.5, 5.5, 0, 100).integers().ticks(12)).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(Scale.linear(1, 3, 0, 100).integers().ticks(5)).containsExactly(1.0, 2.0, 3.0);
        assertThat(Scale.log(32, 512, 0, 100).integers().ticks(5)).containsExactly(50.0, 100.0, 200.0, 500.0);
    }

    @Test
    void logTicksAreDecadesOrOneTwoFiveWhenTheRangeIsShort() {
        assertThat(Scale.log(1e-4, 1e-1, 0, 100).ticks(5)).hasSize(4)
                .satisfies(t -> assertThat(t.get(0)).isCloseTo(1e-4, within(1e-12)));
        assertThat(Scale.log(0.01, 0.1, 0, 100).ticks(5)).containsExactly(0.01, 0.02, 0.05, 0.1);
        Scale s = Scale.log(1e-4, 1e-1, 0, 300);
        assertThat(s.map(1e-3)).isCloseTo(100, within(1e-9));
    }

    @Test
    void categoriesMapToTheCentresOfEqualBands() {
        Scale s = Scale.categories(List.of("sgd", "adam", "rmsprop"), 0, 300);

        assertThat(s.map(0)).isEqualTo(50.0);
        assertThat(s.map(2)).isEqualTo(250.0);
        assertThat(s.band()).isEqualTo(100.0);
        assertThat(s.label(1)).isEqualTo("adam");
    }

    @Test
    void numbersAreLabelledShortly() {
        assertThat(Scale.number(0.0001)).isEqualTo("1e-04");
        assertThat(Scale.number(0.25)).isEqualTo("0.25");
        assertThat(Scale.number(12)).isEqualTo("12");
        assertThat(Scale.number(0.9556123)).isEqualTo("0.9556");
        assertThat(Scale.number(123456)).isEqualTo("1.23e+05");
    }
}

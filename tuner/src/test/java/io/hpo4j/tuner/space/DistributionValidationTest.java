package io.hpo4j.tuner.space;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DistributionValidationTest {

    @Test
    void floatLowAboveHighIsRejectedNamingParameterAndValues() {
        assertThatThrownBy(() -> SearchSpace.builder().addFloat("dropout", 0.6, 0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout: low must be <= high, but got low=0.6, high=0.5");
    }

    @Test
    void floatLogScaleWithNonPositiveLowIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addLogFloat("learning_rate", 0.0, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("learning_rate: low must be > 0 for a log scale, but got low=0.0");
    }

    @Test
    void floatStepThatDoesNotDivideRangeIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addFloat("dropout", 0.0, 0.5, 0.3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dropout: step must divide high - low, but got step=0.3");
    }

    @Test
    void floatStepCombinedWithLogIsRejected() {
        assertThatThrownBy(() -> new FloatDistribution(0.1, 1.0, true, 0.1))
                .hasMessageContaining("step and log scale cannot be combined");
    }

    @Test
    void floatNonFiniteBoundsAreRejected() {
        assertThatThrownBy(() -> FloatDistribution.of(0, Double.POSITIVE_INFINITY))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> FloatDistribution.of(Double.NaN, 1))
                .hasMessageContaining("must be finite");
    }

    @Test
    void intLowAboveHighIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addInt("layers", 3, 1))
                .hasMessage("layers: low must be <= high, but got low=3, high=1");
    }

    @Test
    void intLogScaleBelowOneIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addLogInt("hidden_units", 0, 512))
                .hasMessage("hidden_units: low must be >= 1 for a log scale, but got low=0");
    }

    @Test
    void intStepThatDoesNotFitIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addInt("epochs", 3, 20, 4))
                .hasMessage("epochs: step must divide high - low, but got step=4 for low=3, high=20");
    }

    @Test
    void intNonPositiveStepIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addInt("epochs", 3, 20, 0))
                .hasMessage("epochs: step must be >= 1, but got step=0");
    }

    @Test
    void emptyChoicesAreRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addCategorical("optimizer", List.of()))
                .hasMessage("optimizer: choices must not be empty, but got []");
    }

    @Test
    void duplicatedChoicesAreRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addCategorical("activation", "relu", "tanh", "relu"))
                .hasMessage("activation: choices must be distinct, but relu appears twice in [relu, tanh, relu]");
    }

    @Test
    void numericallyEqualChoicesCountAsDuplicates() {
        assertThatThrownBy(() -> CategoricalDistribution.of(64, 64.0))
                .hasMessageContaining("64 appears twice");
    }

    @Test
    void nullAndUnsupportedChoicesAreRejected() {
        assertThatThrownBy(() -> new CategoricalDistribution(Arrays.asList("a", null)))
                .hasMessageContaining("choices must be strings, numbers or booleans, but got null");
        assertThatThrownBy(() -> CategoricalDistribution.of("a", List.of(1)))
                .hasMessageContaining("but got [1] (");
    }

    @Test
    void duplicateParameterNameIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addInt("layers", 1, 3).addInt("layers", 1, 2))
                .hasMessage("layers: declared twice in the search space");
    }

    @Test
    void blankParameterNameIsRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().addInt(" ", 1, 3))
                .hasMessageContaining("parameter name must not be blank");
    }

    @Test
    void wholeNumberChoicesAreKeptAsIntegers() {
        CategoricalDistribution batch = CategoricalDistribution.of(32L, 64.0, 128);
        assertThat(batch.choices()).containsExactly(32, 64, 128);
        assertThat(batch.contains(64L)).isTrue();
        assertThat(batch.canonical(128.0)).isEqualTo(128);
    }

    @Test
    void canonicalRejectsValuesOutsideTheDistributionNamingThem() {
        assertThatThrownBy(() -> IntDistribution.of(1, 3).canonical(4))
                .hasMessage("expected an integer in int[1, 3], but got 4");
        assertThatThrownBy(() -> IntDistribution.of(1, 3).canonical(2.5))
                .hasMessageContaining("but got 2.5");
        assertThatThrownBy(() -> FloatDistribution.stepped(0, 1, 0.25).canonical(0.3))
                .hasMessageContaining("but got 0.3");
        assertThatThrownBy(() -> CategoricalDistribution.of("sgd").canonical("adam"))
                .hasMessage("expected one of [sgd], but got adam");
    }

    @Test
    void fromInternalSnapsToValidValues() {
        IntDistribution stepped = IntDistribution.stepped(0, 10, 5);
        assertThat(stepped.fromInternal(7.4)).isEqualTo(5);
        assertThat(stepped.fromInternal(8.0)).isEqualTo(10);
        assertThat(stepped.fromInternal(-100)).isEqualTo(0);
        FloatDistribution grid = FloatDistribution.stepped(0.0, 0.5, 0.1);
        assertThat((Double) grid.fromInternal(0.26)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(grid.contains(grid.fromInternal(0.26))).isTrue();
        CategoricalDistribution c = CategoricalDistribution.of("a", "b", "c");
        assertThat(c.fromInternal(1.6)).isEqualTo("c");
        assertThat(c.fromInternal(99)).isEqualTo("c");
    }
}

package io.hpo4j.tuner.space;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchSpaceSamplingTest {

    static SearchSpace defaultSpace() {
        return SearchSpace.builder()
                .addInt("epochs", 3, 20)
                .addCategorical("batch_size", 32, 64, 128, 256, 512)
                .addLogFloat("learning_rate", 1e-4, 1e-1)
                .addLogInt("hidden_units", 32, 512)
                .addInt("layers", 1, 3)
                .addFloat("dropout", 0.0, 0.5)
                .addCategorical("activation", "relu", "tanh", "sigmoid")
                .addCategorical("optimizer", "sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad")
                .build();
    }

    @Test
    void everySampleLiesInsideItsDistribution() {
        SearchSpace space = defaultSpace();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> params = space.sample(random);
            assertThat(params.keySet()).containsExactlyElementsOf(space.names());
            params.forEach((name, value) -> assertThat(space.get(name).contains(value))
                    .as("%s=%s in %s", name, value, space.get(name).describe()).isTrue());
        }
    }

    @Test
    void intSamplesCoverBothEndsUniformly() {
        IntDistribution layers = IntDistribution.of(1, 3);
        SplittableRandom random = new SplittableRandom(7);
        Map<Object, Integer> counts = new HashMap<>();
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            counts.merge(layers.sample(random), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(1, 2, 3);
        counts.values().forEach(c -> assertThat(c).isBetween(n / 3 - 600, n / 3 + 600));
    }

    @Test
    void logFloatSamplesAreUniformInLogSpace() {
        FloatDistribution lr = FloatDistribution.logOf(1e-4, 1e-1);
        SplittableRandom random = new SplittableRandom(3);
        int below1e3 = 0;
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            if ((Double) lr.sample(random) < 1e-3) {
                below1e3++;
            }
        }
        // one decade of three: a third of the samples
        assertThat((double) below1e3 / n).isBetween(0.31, 0.356);
    }

    @Test
    void logIntSamplesFavourSmallValuesAndReachTheTop() {
        IntDistribution units = IntDistribution.logOf(32, 512);
        SplittableRandom random = new SplittableRandom(5);
        int belowGeometricMid = 0;
        boolean sawTop = false;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int v = (Integer) units.sample(random);
            assertThat(v).isBetween(32, 512);
            if (v < 128) {
                belowGeometricMid++;
            }
            sawTop |= v == 512;
        }
        assertThat((double) belowGeometricMid / n).isBetween(0.45, 0.55);
        assertThat(sawTop).isTrue();
    }

    @Test
    void steppedFloatSamplesStayOnTheGrid() {
        FloatDistribution grid = FloatDistribution.stepped(0.0, 0.5, 0.1);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 1_000; i++) {
            double v = (Double) grid.sample(random);
            assertThat(Math.abs(v * 10 - Math.rint(v * 10))).isLessThan(1e-9);
        }
    }

    @Test
    void canonicalNamesTheUnknownParameter() {
        assertThatThrownBy(() -> defaultSpace().canonical(Map.of("momentum", 0.9)))
                .hasMessageStartingWith("momentum: not a parameter of this search space");
        assertThatThrownBy(() -> defaultSpace().canonical(Map.of("layers", 7)))
                .hasMessage("layers: expected an integer in int[1, 3], but got 7");
    }

    @Test
    void spaceSurvivesARoundTripThroughPlainValues() {
        SearchSpace space = defaultSpace();
        Map<String, Object> value = Distributions.toMap(space);
        SearchSpace back = Distributions.spaceFromMap(value);
        assertThat(back).isEqualTo(space);
        assertThat(back.names()).containsExactlyElementsOf(space.names());
        SearchSpace withBooleans = SearchSpace.builder().addCategorical("flag", true, false)
                .addFloat("x", -1, 1, 0.5).build();
        assertThat(Distributions.spaceFromMap(Distributions.toMap(withBooleans))).isEqualTo(withBooleans);
    }

    @Test
    void unknownDistributionTypeIsRejected() {
        assertThatThrownBy(() -> Distributions.spaceFromMap(Map.of("x", Map.of("type", "normal"))))
                .hasMessage("x: distribution type must be one of [float, int, categorical], but got normal");
    }
}

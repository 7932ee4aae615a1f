package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPartTest {

    private static LabeledDataset rows(String name, int n, int features) {
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = i;              // feature value = row index, so rows can be traced
            }
        }
        return LabeledDataset.of(name, x, features, y, List.of("even", "odd"), name);
    }

    private static PreparedData prepare(DataSpec spec, LabeledDataset main, LabeledDataset other) throws Exception {
        return spec.prepare(source -> source.equals(spec.source()) ? main : other);
    }

    @Test
    void aTestFractionIsSetAsideFirstStratifiedAndIsInNoOtherPart() throws Exception {
        DataSource source = DataSource.csv(java.nio.file.Path.of("main.csv"), CsvFormat.labelAt(0));
        DataSpec spec = new DataSpec(source, Split.random(0.25, 1), FeatureScaling.STANDARDIZE, 0, TestPart.fraction(0.2, 1));

        PreparedData p = prepare(spec, rows("main", 100, 2), null);

        LabeledDataset test = p.test().orElseThrow();
        assertThat(test.size()).isEqualTo(20);
        assertThat(test.classCounts()).containsExactly(10, 10);
        assertThat(p.raw().train().size() + p.raw().validation().size()).isEqualTo(80);
        java.util.Set<Float> seen = new java.util.HashSet<>();
        for (LabeledDataset part : List.of(p.raw().train(), p.raw().validation())) {
            for (int i = 0; i < part.size(); i++) {
                seen.add(part.feature(i, 0));
            }
        }
        for (int i = 0; i < test.size(); i++) {
            assertThat(seen).doesNotContain(test.feature(i, 0));
        }
        // the scaling is fitted on the training part only, and the test part stays raw until a model scales it
        assertThat(p.scaling()).isEqualTo(FeatureScaling.STANDARDIZE.fit(p.raw().train()));
        assertThat(p.scaled().train().size()).isEqualTo(p.raw().train().size());
    }

    @Test
    void aSeparateTestSourceMustHaveTheSameFeaturesAndClasses() {
        DataSource source = DataSource.csv(java.nio.file.Path.of("main.csv"), CsvFormat.labelAt(0));
        DataSource other = DataSource.csv(java.nio.file.Path.of("test.csv"), CsvFormat.labelAt(0));
        DataSpec spec = DataSpec.of(source, Split.random(0.25, 1)).withTest(TestPart.separate(other));

        assertThatThrownBy(() -> prepare(spec, rows("main", 40, 2), rows("test", 10, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test data test have 3 features, but the training data have 2");
    }

    @Test
    void withoutATestPartThereIsNone() throws Exception {
        DataSource source = DataSource.csv(java.nio.file.Path.of("main.csv"), CsvFormat.labelAt(0));
        assertThat(prepare(DataSpec.of(source, Split.random(0.25, 1)), rows("main", 40, 2), null).test()).isEmpty();
    }
}

package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureScalingTest {

    private static LabeledDataset data(float... twoFeatureRows) {
        int n = twoFeatureRows.length / 2;
        return LabeledDataset.of("d", twoFeatureRows, 2, new int[n], List.of("only"), "");
    }

    @Test
    void standardizationUsesTheTrainingStatisticsOnly() {
        // feature 0: train 1, 3 (mean 2, std 1); feature 1 is constant 5 (std 0: only centred)
        TrainValidation parts = new TrainValidation(data(1, 5, 3, 5), data(100, 5, 2, 6));

        TrainValidation scaled = FeatureScaling.STANDARDIZE.apply(parts);

        assertThat(scaled.train().row(0)).containsExactly(-1f, 0f);
        assertThat(scaled.train().row(1)).containsExactly(1f, 0f);
        // validation is transformed with the train mean/std, however extreme it is
        assertThat(scaled.validation().row(0)[0]).isCloseTo(98f, within(1e-4f));
        assertThat(scaled.validation().row(1)).containsExactly(0f, 1f);
    }

    @Test
    void minMaxMapsTheTrainingRangeToTheUnitInterval() {
        TrainValidation parts = new TrainValidation(data(2, 1, 4, 1, 6, 1), data(8, 1));

        TrainValidation scaled = FeatureScaling.MIN_MAX.apply(parts);

        assertThat(scaled.train().row(0)).containsExactly(0f, 0f);
        assertThat(scaled.train().row(1)).containsExactly(0.5f, 0f);
        assertThat(scaled.train().row(2)).containsExactly(1f, 0f);
        assertThat(scaled.validation().row(0)).containsExactly(1.5f, 0f);
    }

    @Test
    void scalingNeverModifiesTheDatasetItWasGiven() {
        LabeledDataset train = data(1, 5, 3, 5);

        FeatureScaling.STANDARDIZE.apply(new TrainValidation(train, data(0, 0)));

        assertThat(train.row(0)).containsExactly(1f, 5f);
    }

    @Test
    void noneReturnsTheDataAsItIs() {
        TrainValidation parts = new TrainValidation(data(1, 5), data(2, 6));

        assertThat(FeatureScaling.NONE.apply(parts)).isSameAs(parts);
    }
}

package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SplitTest {

    /** n rows whose single feature is the row's index, so a part's rows can be traced back. */
    static LabeledDataset indexed(int n, int classes) {
        float[] f = new float[n];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = i;
            l[i] = i % classes;
        }
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(String::valueOf).toList();
        return LabeledDataset.of("indexed", f, 1, l, names, "hash");
    }

    static Set<Integer> rows(LabeledDataset part) {
        Set<Integer> rows = new HashSet<>();
        for (int i = 0; i < part.size(); i++) {
            rows.add((int) part.feature(i, 0));
        }
        return rows;
    }

    static int[] order(LabeledDataset part) {
        int[] rows = new int[part.size()];
        for (int i = 0; i < part.size(); i++) {
            rows[i] = (int) part.feature(i, 0);
        }
        return rows;
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnotherOne() {
        LabeledDataset data = indexed(1000, 10);

        TrainValidation a = Split.random(0.2, 7).apply(data);
        TrainValidation b = Split.random(0.2, 7).apply(data);
        TrainValidation c = Split.random(0.2, 8).apply(data);

        assertThat(order(a.train())).containsExactly(order(b.train()));
        assertThat(order(a.validation())).containsExactly(order(b.validation()));
        assertThat(rows(a.validation())).isNotEqualTo(rows(c.validation()));
    }

    @Test
    void randomPartsAreDisjointCoverEveryRowAndHaveTheRequestedSizes() {
        for (boolean stratified : new boolean[] {true, false}) {
            LabeledDataset data = indexed(1000, 10);

            TrainValidation split = new Split.Random(0.25, 3, stratified).apply(data);

            Set<Integer> train = rows(split.train());
            Set<Integer> validation = rows(split.validation());
            assertThat(split.train().size()).isEqualTo(750);
            assertThat(split.validation().size()).isEqualTo(250);
            assertThat(train).doesNotContainAnyElementsOf(validation);
            Set<Integer> all = new HashSet<>(train);
            all.addAll(validation);
            assertThat(all).hasSize(1000);
            for (int i = 0; i < split.train().size(); i++) {
                int row = (int) split.train().feature(i, 0);
                assertThat(split.train().label(i)).isEqualTo(row % 10);
            }
        }
    }

    @Test
    void aStratifiedSplitKeepsTheClassProportions() {
        LabeledDataset data = indexed(1000, 10);

        TrainValidation split = Split.random(0.2, 11).apply(data);

        assertThat(split.validation().classCounts()).containsOnly(20);
        assertThat(split.train().classCounts()).containsOnly(80);
    }

    @Test
    void aRandomSplitShufflesTheTrainingPartSoALimitTakesARandomSubset() {
        TrainValidation split = Split.random(0.5, 1).apply(indexed(200, 2));

        int[] order = order(split.train());
        int[] sorted = order.clone();
        java.util.Arrays.sort(sorted);
        assertThat(order).isNotEqualTo(sorted);
    }

    @Test
    void headTailTakesTheFirstRowsToTrainAndTheLastToValidate() {
        TrainValidation split = Split.headTail(6, 3).apply(indexed(10, 2));

        assertThat(order(split.train())).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(order(split.validation())).containsExactly(7, 8, 9);
    }

    @Test
    void headTailRejectsCountsLargerThanTheDataset() {
        assertThatThrownBy(() -> Split.headTail(8, 3).apply(indexed(10, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 11 rows, but the dataset has 10");
    }

    @Test
    void fractionsOutsideTheOpenUnitIntervalAreRejected() {
        assertThatThrownBy(() -> Split.random(1.0, 1)).hasMessageContaining("validation fraction must be in (0, 1), but got 1.0");
        assertThatThrownBy(() -> Split.random(0, 1)).hasMessageContaining("but got 0.0");
    }
}

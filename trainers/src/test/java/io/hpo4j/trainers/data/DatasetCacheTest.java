package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetCacheTest {

    @TempDir
    Path dir;

    @Test
    void concurrentCallersOfTheSameSpecAllGetTheOneInstanceLoaded() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), "x,y\n1,a\n2,b\n3,a\n4,b\n5,a\n6,b\n");
        DataSpec spec = DataSpec.of(DataSource.csv(file, CsvFormat.labelNamed("y")), Split.headTail(4, 2));
        DatasetCache cache = new DatasetCache();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TrainValidation>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<TrainValidation> call = () -> {
                    start.await();
                    return cache.prepare(spec);
                };
                results.add(pool.submit(call));
            }
            TrainValidation first = results.get(0).get();
            for (Future<TrainValidation> f : results) {
                assertThat(f.get()).isSameAs(first);
            }
        } finally {
            pool.shutdownNow();
        }
        // an equal spec built anew hits the same entry (records, normalized paths)
        DataSpec again = DataSpec.of(DataSource.csv(dir.resolve("./d.csv"), CsvFormat.labelNamed("y")), Split.headTail(4, 2));
        assertThat(cache.prepare(again)).isSameAs(cache.prepare(spec));
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void preparedCsvDataAreSplitLimitedAndStandardizedOnTheTrainingPart() throws IOException {
        Path file = Files.writeString(dir.resolve("d.csv"), "x,y\n1,a\n3,b\n100,a\n0,b\n5,a\n6,b\n");
        DataSpec spec = DataSpec.of(DataSource.csv(file, CsvFormat.labelNamed("y")), Split.headTail(3, 2)).withTrainLimit(2);

        TrainValidation data = new DatasetCache().prepare(spec);

        assertThat(spec.scaling()).isEqualTo(FeatureScaling.STANDARDIZE);
        assertThat(data.train().size()).isEqualTo(2);
        assertThat(data.train().row(0)).containsExactly(-1f);   // mean 2, std 1 over rows 1 and 3 only
        assertThat(data.validation().row(1)).containsExactly(4f); // (6 - 2) / 1
    }

    @Test
    void aFailedLoadIsNotCachedAndNamesTheMissingFile() {
        DataSpec spec = DataSpec.of(DataSource.idxDirectory(dir.resolve("nowhere"), IdxPart.TRAIN), Split.random(0.1, 1));
        DatasetCache cache = new DatasetCache();

        assertThatThrownBy(() -> cache.prepare(spec)).isInstanceOf(NoSuchFileException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> cache.prepare(spec)).isInstanceOf(NoSuchFileException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aSeparateValidationSourceValidatesAndTheWholeMainSourceTrains() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "1,a\n2,b\n3,a\n");
        Path valid = Files.writeString(dir.resolve("valid.csv"), "4,b\n5,a\n");
        CsvFormat format = CsvFormat.labelAt(-1);
        DataSpec spec = DataSpec.of(DataSource.csv(train, format), Split.separate(DataSource.csv(valid, format)))
                .withScaling(FeatureScaling.NONE);

        TrainValidation data = new DatasetCache().prepare(spec);

        assertThat(data.train().size()).isEqualTo(3);
        assertThat(data.validation().labels()).containsExactly(1, 0);
    }
}

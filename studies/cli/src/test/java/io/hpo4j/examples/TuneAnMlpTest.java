package io.hpo4j.examples;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's DL4J example compiles (it is test code of this module), runs, and is the one the README shows. */
class TuneAnMlpTest {

    @Test
    void exampleTrainsStoresAndReturnsTheBestTrial(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("mlp");
        DataSpec tiny = DataSpec.of(DataSource.mnist10k(), Split.random(0.05, 7)).withTrainLimit(300);
        FrozenTrial best = TuneAnMlp.tune(tiny, url, 3);
        assertThat(best.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(best.value()).isBetween(0.0, 1.0);
        assertThat(best.params()).containsKeys("epochs", "learning_rate", "optimizer");
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            StudyRecord study = storage.findStudy("mnist-mlp").orElseThrow();
            assertThat(storage.trials(study.id(), EnumSet.allOf(TrialState.class))).hasSize(3);
            assertThat(storage.epochs(best.id())).isNotEmpty();
        }
    }

    @Test
    void readmeShowsThisExampleVerbatim() throws Exception {
        assertThat(ReadmeSnippets.readme()).contains(ReadmeSnippets.snippet(
                Path.of("src/test/java/io/hpo4j/examples/TuneAnMlp.java")));
    }
}

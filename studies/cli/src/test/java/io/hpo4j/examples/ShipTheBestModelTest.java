package io.hpo4j.examples;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.trainers.model.ModelEvaluation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "From a study to a model" example compiles, runs on a tiny slice, and is shown verbatim. */
class ShipTheBestModelTest {

    @Test
    void exampleKeepsExportsRetrainsAndScoresTheBestModel(@TempDir Path dir) throws Exception {
        DataSpec tiny = DataSpec.of(DataSource.mnist10k(), Split.random(0.05, 7)).withTrainLimit(300)
                .withTest(TestPart.fraction(0.03, 7));
        Path file = dir.resolve("best.zip");

        ModelEvaluation test = ShipTheBestModel.ship(tiny, "jdbc:h2:file:" + dir.resolve("db"), 2, 2, file);

        assertThat(test.examples()).as("3 % of 10,000, class by class").isBetween(290, 310);
        assertThat(test.accuracy()).isBetween(0.0, 1.0);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        assertThat(net.layerInputSize(0)).isEqualTo(784);
        net.close();
    }

    @Test
    void readmeShowsThisExampleVerbatim() throws Exception {
        assertThat(ReadmeSnippets.readme()).contains(ReadmeSnippets.snippet(
                Path.of("src/test/java/io/hpo4j/examples/ShipTheBestModel.java")));
    }
}

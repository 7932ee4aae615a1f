package io.hpo4j.studies.config;

import io.hpo4j.studies.run.Components;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.SuccessiveHalvingPruner;
import io.hpo4j.tuner.pruner.SuccessiveHalvingSettings;
import io.hpo4j.tuner.sampler.genetic.GeneticSampler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every study file in {@code examples/} parses with the real samplers and pruners. */
class ExampleStudyFilesTest {

    static final Path EXAMPLES = Path.of("../../examples");
    /** Where examples that use Fashion-MNIST expect Debian's dataset-fashion-mnist package. */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private final StudyFileParser parser = new StudyFileParser(Components::sampler, Components::pruner);

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyExampleFileParses() throws IOException {
        List<Path> files = examples();
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("mnist-demo.yaml", "fashion-mnist.yaml", "mnist-genetic-asha.yaml");
        for (Path file : files) {
            String text = Files.readString(file);
            if (text.contains(FASHION_MNIST.toString()) && !Files.isDirectory(FASHION_MNIST)) {
                assertThatThrownBy(() -> parser.parse(file)).as(file.toString())
                        .hasMessageContaining("expected a directory of IDX files");
                continue;
            }
            StudyFile parsed = parser.parse(file);
            assertThat(parsed.name()).as(file.toString()).isNotBlank();
            assertThat(parsed.searchSpace().isEmpty()).as(file.toString()).isFalse();
            Components.sampler(parsed.sampler());
            Components.pruner(parsed.pruner());
        }
    }

    @Test
    void theDemoSetsTestDigitsAsideAndKeepsThreeNetworks() {
        StudyFile demo = parser.parse(EXAMPLES.resolve("mnist-demo.yaml"));

        assertThat(demo.dataset().test()).isEqualTo(TestPart.fraction(0.1, 7));
        assertThat(demo.keepModels()).isEqualTo(3);
    }

    @Test
    void theFashionExampleTestsOnTheT10kImages() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(FASHION_MNIST), "dataset-fashion-mnist is not installed");
        StudyFile fashion = parser.parse(EXAMPLES.resolve("fashion-mnist.yaml"));

        assertThat(fashion.dataset().test()).isEqualTo(TestPart.separate(DataSource.idxDirectory(FASHION_MNIST, IdxPart.TEST)));
    }

    @Test
    void geneticAshaExampleBuildsAGeneticSamplerAndSuccessiveHalvingWithRungsAt2And6And18() {
        StudyFile file = parser.parse(EXAMPLES.resolve("mnist-genetic-asha.yaml"));

        assertThat(Components.sampler(file.sampler())).isInstanceOf(GeneticSampler.class);
        assertThat(((GeneticSampler) Components.sampler(file.sampler())).settings().population()).isEqualTo(10);
        Pruner pruner = Components.pruner(file.pruner());
        assertThat(pruner).isInstanceOf(SuccessiveHalvingPruner.class);
        SuccessiveHalvingSettings settings = ((SuccessiveHalvingPruner) pruner).settings();
        assertThat(settings).isEqualTo(SuccessiveHalvingSettings.defaults().withMinResource(2).withReductionFactor(3));
        assertThat(List.of(settings.rungStep(0), settings.rungStep(1), settings.rungStep(2))).containsExactly(2L, 6L, 18L);
    }
}

package io.hpo4j.studies.config;

import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.FeatureScaling;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyFileParserTest {

    private static final String MINIMAL = """
            name: tiny
            search_space:
              layers: {type: int, low: 1, high: 3}
            budget: {trials: 5}
            """;

    private final StudyFileParser parser = new StudyFileParser(
            spec -> {
                if (!List.of("random", "genetic").contains(spec.type())) {
                    throw new IllegalArgumentException("sampler must be one of [random, genetic], but got '" + spec.type() + "'");
                }
                return spec;
            },
            spec -> {
                if (!spec.type().equals("none") && !spec.type().equals("median")) {
                    throw new IllegalArgumentException("pruner must be one of [none, median], but got '" + spec.type() + "'");
                }
                if (spec.settings().containsKey("n_warmup_steps") && ((Number) spec.settings().get("n_warmup_steps")).intValue() < 0) {
                    throw new IllegalArgumentException("n_warmup_steps must be >= 0, but got " + spec.settings().get("n_warmup_steps"));
                }
                return spec;
            });

    private StudyFile parse(String yaml) {
        return parser.parse(new StringReader(yaml), "study.yaml", null, null);
    }

    @Test
    void demoStudyFileParsesIntoTheFullDefaultSpace() {
        StudyFile file = parser.parse(Path.of("../../examples/mnist-demo.yaml"));
        assertThat(file.name()).isEqualTo("mnist-demo");
        assertThat(file.metric()).isEqualTo(EpochMetrics.Metric.VALIDATION_ACCURACY);
        assertThat(file.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(file.searchSpace().names()).containsExactly("epochs", "batch_size", "learning_rate", "hidden_units",
                "layers", "dropout", "activation", "optimizer");
        assertThat(file.searchSpace()).isEqualTo(io.hpo4j.trainers.MlpSearchSpaces.defaults());
        assertThat(file.searchSpace().get("learning_rate")).isEqualTo(FloatDistribution.logOf(1e-4, 1e-1));
        assertThat(file.searchSpace().get("hidden_units")).isEqualTo(IntDistribution.logOf(32, 512));
        assertThat(file.searchSpace().get("batch_size")).isEqualTo(CategoricalDistribution.of(32, 64, 128, 256, 512));
        assertThat(file.dataset()).isEqualTo(StudyFileParser.DEFAULT_DATA.withTest(TestPart.fraction(0.1, 7)));
        assertThat(file.dataset().split()).isEqualTo(Split.random(0.2, 7));
        assertThat(file.keepModels()).isEqualTo(3);
        assertThat(file.seed()).isEqualTo(42L);
        assertThat(file.trials()).isEqualTo(24);
        assertThat(file.timeout()).isEqualTo(Duration.ofSeconds(210));
        assertThat(file.earlyStopping()).isEqualTo(EarlyStopping.of(EpochMetrics.Metric.VALIDATION_LOSS, 3, 0.001));
        assertThat(file.sampler()).isEqualTo(ComponentSpec.of("random"));
        assertThat(file.pruner()).as("the demo shows random search with early stopping only").isEqualTo(ComponentSpec.of("none"));
    }

    @Test
    void fashionExampleParsesWithAHeadTailSplitWhenTheDataIsInstalled() {
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        if (!Files.isDirectory(data)) {
            assertThatThrownBy(() -> parser.parse(Path.of("../../examples/fashion-mnist.yaml")))
                    .hasMessageContaining("dataset.path: expected a directory of IDX files");
            return;
        }
        StudyFile file = parser.parse(Path.of("../../examples/fashion-mnist.yaml"));
        assertThat(file.dataset().source()).isEqualTo(DataSource.idxDirectory(data, IdxPart.TRAIN));
        assertThat(file.dataset().split()).isEqualTo(Split.headTail(10_000, 5_000));
        assertThat(file.dataset().test()).isEqualTo(TestPart.separate(DataSource.idxDirectory(data, IdxPart.TEST)));
        assertThat(file.searchSpace()).isEqualTo(io.hpo4j.trainers.MlpSearchSpaces.defaults());
    }

    @Test
    void minimalFileGetsDocumentedDefaults() {
        StudyFile file = parse(MINIMAL);
        assertThat(file.dataset()).isEqualTo(StudyFileParser.DEFAULT_DATA);
        assertThat(file.sampler()).isEqualTo(ComponentSpec.of("tpe"));
        assertThat(file.pruner()).isEqualTo(new ComponentSpec("successive_halving", java.util.Map.of("min_resource", 2,
                "reduction_factor", 3)));
        assertThat(file.jobs()).isNull();
        assertThat(file.seed()).isNull();
        assertThat(file.earlyStopping().enabled()).isFalse();
    }

    @Test
    void unknownTopLevelKeyIsRejectedWithItsLine() {
        assertThatThrownBy(() -> parse(MINIMAL + "epochz: 3\n"))
                .isInstanceOf(StudyFileException.class)
                .hasMessageStartingWith("study.yaml, line 5: epochz: unknown key; expected one of [budget, ");
    }

    @Test
    void unknownNestedKeyIsRejectedWithItsPath() {
        assertThatThrownBy(() -> parse(MINIMAL + "early_stopping:\n  patiense: 3\n"))
                .hasMessageStartingWith("study.yaml, line 6: early_stopping.patiense: unknown key; expected one of [min_delta, monitor, patience]");
    }

    @Test
    void wrongTypeIsRejectedNamingKeyLineAndValue() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("trials: 5", "trials: many")))
                .hasMessage("study.yaml, line 4: budget.trials: expected an integer, but got 'many'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("high: 3", "high: three")))
                .hasMessage("study.yaml, line 3: search_space.layers.high: expected an integer, but got 'three'");
    }

    @Test
    void invalidRangeIsRejectedBeforeAnyTrialNamingTheParameter() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("low: 1, high: 3", "low: 3, high: 1")))
                .hasMessage("study.yaml, line 3: search_space.layers: low must be <= high, but got low=3, high=1");
        String logZero = MINIMAL.replace("layers: {type: int, low: 1, high: 3}",
                "learning_rate: {type: float, low: 0, high: 0.1, log: true}");
        assertThatThrownBy(() -> parse(logZero))
                .hasMessage("study.yaml, line 3: search_space.learning_rate: low must be > 0 for a log scale, but got low=0.0");
    }

    @Test
    void duplicatedChoiceAndUnknownParameterTypeAreRejected() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("layers: {type: int, low: 1, high: 3}", "act: [relu, relu]")))
                .hasMessage("study.yaml, line 3: search_space.act: choices must be distinct, but relu appears twice in [relu, relu]");
        assertThatThrownBy(() -> parse(MINIMAL.replace("type: int", "type: integer")))
                .hasMessageContaining("search_space.layers.type: expected one of [int, float, categorical], but got 'integer'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("high: 3}", "high: 3, lg: true}")))
                .hasMessageContaining("search_space.layers.lg: unknown key; expected one of [high, log, low, step, type]");
    }

    @Test
    void exponentWithoutADotIsReadAsANumber() {
        StudyFile file = parse(MINIMAL.replace("layers: {type: int, low: 1, high: 3}",
                "lr: {type: float, low: 1e-4, high: 1e-1, log: true}"));
        assertThat(file.searchSpace().get("lr")).isEqualTo(FloatDistribution.logOf(1e-4, 1e-1));
    }

    @Test
    void missingBudgetAndMissingSpaceAreRejected() {
        assertThatThrownBy(() -> parse("name: x\nsearch_space:\n  a: [1, 2]\n"))
                .hasMessageContaining("budget: expected 'trials' and/or 'timeout'");
        assertThatThrownBy(() -> parse("name: x\nbudget: {trials: 1}\n"))
                .hasMessage("study.yaml, line 1: missing required key 'search_space'");
    }

    @Test
    void directionContradictingTheMetricIsRejected() {
        assertThatThrownBy(() -> parse(MINIMAL + "direction: minimize\n"))
                .hasMessage("study.yaml, line 5: direction: validation_accuracy improves when it goes up, so direction must be maximize, but got 'minimize'");
        assertThat(parse(MINIMAL + "metric: validation_loss\n").direction()).isEqualTo(Direction.MINIMIZE);
    }

    @Test
    void unknownSamplerAndInvalidPrunerSettingsAreRejected() {
        assertThatThrownBy(() -> parse(MINIMAL + "sampler: tpe\n"))
                .hasMessage("study.yaml, line 5: sampler: sampler must be one of [random, genetic], but got 'tpe'");
        assertThatThrownBy(() -> parse(MINIMAL + "pruner:\n  type: median\n  n_warmup_steps: -1\n"))
                .hasMessage("study.yaml, line 6: pruner: n_warmup_steps must be >= 0, but got -1");
        StudyFile ok = parse(MINIMAL + "pruner: {type: median, n_warmup_steps: 2}\n");
        assertThat(ok.pruner().settings()).containsEntry("n_warmup_steps", 2);
    }

    @Test
    void missingDatasetPathIsRejected(@TempDir Path dir) {
        Path missing = dir.resolve("nonexistent").resolve("dir");   // under a fresh directory: surely absent
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: idx, path: " + missing + "}\n"))
                .hasMessage("study.yaml, line 5: dataset.path: expected a directory of IDX files, but " + missing + " does not exist");
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: csv}\n"))
                .hasMessage("study.yaml, line 5: dataset: missing required key 'path'");
    }

    @Test
    void csvDatasetResolvesRelativeToTheStudyFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("iris.csv"), "a,b,label\n1,2,x\n");
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, MINIMAL + "dataset: {source: csv, path: iris.csv, label_column: label}\n");
        StudyFile file = parser.parse(study);
        assertThat(file.dataset().source()).isEqualTo(DataSource.csv(dir.resolve("iris.csv"), CsvFormat.labelNamed("label")));
        assertThat(file.dataset().scaling()).isEqualTo(FeatureScaling.STANDARDIZE);
    }

    @Test
    void scalingAndTrainLimitAreRead() {
        StudyFile file = parse(MINIMAL + "dataset: {source: mnist-10k, scaling: min_max, train_limit: 500}\n");
        assertThat(file.dataset().scaling()).isEqualTo(FeatureScaling.MIN_MAX);
        assertThat(file.dataset().trainLimit()).isEqualTo(500);
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: mnist-10k, scaling: log}\n"))
                .hasMessage("study.yaml, line 5: dataset.scaling: scaling must be one of [none, standardize, min_max], but got 'log'");
        assertThatThrownBy(() -> parse(MINIMAL + "early_stopping: {patience: 0}\n"))
                .hasMessage("study.yaml, line 5: early_stopping.patience: expected at least 1 epoch, but got 0");
    }

    @Test
    void testDataAreAFractionOrAFileAndKeepModelsIsRead(@TempDir Path dir) throws Exception {
        StudyFile fraction = parse(MINIMAL + "keep_models: 5\ndataset: {source: mnist-10k, test_fraction: 0.1, split_seed: 3}\n");
        assertThat(fraction.dataset().test()).isEqualTo(TestPart.fraction(0.1, 3));
        assertThat(fraction.keepModels()).isEqualTo(5);
        assertThat(parse(MINIMAL).keepModels()).isEqualTo(StudyFileParser.DEFAULT_KEEP_MODELS);
        assertThat(parse(MINIMAL).dataset().test()).isEqualTo(TestPart.none());

        Files.writeString(dir.resolve("train.csv"), "a,b,label\n1,2,x\n");
        Files.writeString(dir.resolve("test.csv"), "a,b,label\n3,4,x\n");
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, MINIMAL + "dataset: {source: csv, path: train.csv, label_column: label, test_path: test.csv}\n");
        assertThat(parser.parse(study).dataset().test())
                .isEqualTo(TestPart.separate(DataSource.csv(dir.resolve("test.csv"), CsvFormat.labelNamed("label"))));

        Path idx = Files.createDirectories(dir.resolve("idx"));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.write(idx.resolve(name), new byte[0]);   // found by name; read when the study runs
        }
        Files.writeString(study, MINIMAL + "dataset: {source: idx, path: idx, test_path: idx}\n");
        assertThat(parser.parse(study).dataset().test()).isEqualTo(TestPart.separate(DataSource.idxDirectory(dir.resolve("idx"), IdxPart.TEST)));
    }

    @Test
    void anIdxDirectoryWithoutItsTrainOrT10kFilesIsRefusedWhenTheFileIsRead(@TempDir Path dir) throws Exception {
        Path idx = Files.createDirectories(dir.resolve("idx"));
        Files.write(idx.resolve("train-images-idx3-ubyte.gz"), new byte[0]);
        Files.write(idx.resolve("train-labels-idx1-ubyte.gz"), new byte[0]);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path study = dir.resolve("study.yaml");

        Files.writeString(study, MINIMAL + "dataset: {source: idx, path: idx, test_path: idx}\n");
        assertThatThrownBy(() -> parser.parse(study)).hasMessageContaining("dataset.test_path: expected a directory with the IDX "
                + "t10k files, but " + idx + " has no IDX test images; looked for [t10k-images-idx3-ubyte");
        Files.writeString(study, MINIMAL + "dataset: {source: idx, path: empty}\n");
        assertThatThrownBy(() -> parser.parse(study)).hasMessageContaining("dataset.path: expected a directory of IDX files, but "
                + empty + " has no IDX train images");
    }

    @Test
    void badTestDataAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: mnist-10k, test_fraction: 1.0}\n"))
                .hasMessage("study.yaml, line 5: dataset.test_fraction: expected a fraction strictly between 0 and 1, but got 1.0");
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: mnist-10k, test_path: t10k}\n"))
                .hasMessageContaining("dataset.test_path: the bundled mnist-10k data set has no separate test files; use test_fraction");
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: mnist-10k, test_fraction: 0.1, test_path: x}\n"))
                .hasMessageContaining("give either test_fraction or test_path, not both");
        assertThatThrownBy(() -> parse(MINIMAL + "keep_models: -1\n"))
                .hasMessage("study.yaml, line 5: keep_models: expected a number of models >= 0 (0 keeps none), but got -1");
    }

    @Test
    void badValidationSplitIsRejected() {
        assertThatThrownBy(() -> parse(MINIMAL + "dataset: {source: mnist-10k, validation_split: 1.5}\n"))
                .hasMessage("study.yaml, line 5: dataset.validation_split: expected a fraction strictly between 0 and 1, but got 1.5");
    }

    @Test
    void notYamlAndMissingFileGiveClearErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("name: [unclosed\n"))
                .hasMessageStartingWith("study.yaml, line 2: not valid YAML");
        assertThatThrownBy(() -> parser.parse(dir.resolve("nope.yaml")))
                .hasMessage("study file " + dir.resolve("nope.yaml") + " does not exist");
    }

    @Test
    void fixedParamsMustNotOverlapTheSearchSpace() {
        assertThatThrownBy(() -> parse(MINIMAL + "fixed_params: {layers: 2}\n"))
                .hasMessageContaining("fixed_params.layers: is both searched (search_space) and fixed (fixed_params)");
        assertThat(parse(MINIMAL + "fixed_params: {epochs: 2}\n").fixedParams()).containsEntry("epochs", 2);
    }

    @Test
    void commandLineOverridesReplaceOnlyWhatIsGiven() {
        StudyFile file = parse(MINIMAL).withOverrides(9, 2, 5L, null, null);
        assertThat(file.trials()).isEqualTo(9);
        assertThat(file.jobs()).isEqualTo(2);
        assertThat(file.seed()).isEqualTo(5L);
        assertThat(file.storage()).isNull();
    }
}

package io.hpo4j.trainers.model;

import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.ModelKeeper;
import io.hpo4j.trainers.Retraining;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.FeatureScaling;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.data.PreparedData;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Kept networks on a tiny standardized CSV problem (300 rows, 3 features, 3 classes, 8 hidden units). */
class KeptModelTest {

    @TempDir
    static Path dir;
    private static DataSpec spec;
    private static PreparedData prepared;

    @BeforeAll
    static void data() throws Exception {
        Path csv = ModelTestData.write(dir, "scaled.csv", 300, 3);
        spec = DataSpec.of(DataSource.csv(csv, CsvFormat.labelNamed("label")), Split.random(0.3, 7));
        prepared = new DatasetCache().prepared(spec);
    }

    /** Records every offered model as bytes (as a store would). */
    private static final class Recorder implements ModelKeeper {
        final List<byte[]> files = new CopyOnWriteArrayList<>();

        @Override
        public void offer(io.hpo4j.tuner.Trial trial, double value, java.util.function.Supplier<TrainedModel> model) {
            files.add(ModelFile.toBytes(model.get()));
        }
    }

    private static FrozenTrial runOneTrial(Recorder recorder, Map<String, Object> params, InMemoryStorage storage) throws Exception {
        MlpTrainer trainer = MlpTrainer.builder(spec).objective(Metric.VALIDATION_LOSS).defaults(params).keepModels(recorder).build();
        Study study = Study.builder("kept").storage(storage).direction(trainer.direction())
                .searchSpace(SearchSpace.builder().addCategorical("optimizer", "adam").build()).seed(11).build();
        study.optimize(trainer, 1);
        return study.trials().get(0);
    }

    @Test
    void theKeptWeightsAreTheBestEpochsNotTheLastOnes() throws Exception {
        // a large learning rate on 210 rows: the validation loss bottoms out early, then rises
        Recorder recorder = new Recorder();
        InMemoryStorage storage = new InMemoryStorage();
        FrozenTrial t = runOneTrial(recorder, Map.of("hidden_units", 8, "layers", 1, "epochs", 12, "batch_size", 16,
                "learning_rate", 0.3), storage);
        assertThat(t.state()).as(t.failReason()).isEqualTo(TrialState.COMPLETE);
        List<EpochMetrics> curve = storage.epochs(t.id());
        int bestEpoch = t.record().bestEpoch();
        assertThat(bestEpoch).as("the scenario needs a best epoch before the last").isLessThan(curve.size());

        assertThat(recorder.files).hasSize(1);
        try (TrainedModel kept = ModelFile.fromBytes(recorder.files.get(0), "kept")) {
            ModelEvaluation onValidation = kept.evaluate(prepared.raw().validation());
            EpochMetrics best = curve.get(bestEpoch - 1);
            EpochMetrics last = curve.get(curve.size() - 1);
            assertThat(onValidation.loss()).isCloseTo(best.validationLoss(), within(1e-6));
            assertThat(onValidation.loss()).isNotCloseTo(last.validationLoss(), within(1e-3));
            assertThat(kept.metadata()).containsEntry("epoch", bestEpoch).containsEntry("kind", "best_epoch");
        }
    }

    @Test
    void aModelFileLoadsInPlainDl4jWithItsNormalizerAndPredictsIdentically() throws Exception {
        Recorder recorder = new Recorder();
        runOneTrial(recorder, Map.of("hidden_units", 8, "layers", 2, "epochs", 3, "batch_size", 32), new InMemoryStorage());
        Path file = dir.resolve("model.zip");
        java.nio.file.Files.write(file, recorder.files.get(0));
        LabeledDataset raw = prepared.raw().validation();
        float[] rows = new float[raw.size() * raw.numFeatures()];
        int[] all = new int[raw.size()];
        Arrays.setAll(all, i -> i);
        raw.copyRows(all, 0, all.length, rows);

        float[][] ours;
        try (TrainedModel model = ModelFile.read(file)) {
            ours = model.probabilities(rows);
            assertThat(model.scaling().kind()).isEqualTo(FeatureScaling.STANDARDIZE);
        }
        // what a DL4J user does with the file, and nothing of hpo4j
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        assertThat(net.getLayerWiseConfigurations().toJson()).as("layers a DL4J program without hpo4j can load")
                .doesNotContain("io.hpo4j").contains("org.deeplearning4j.nn.conf.layers.DenseLayer");
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(file.toFile());
        INDArray x = Nd4j.create(rows, new long[] {raw.size(), raw.numFeatures()}, DataType.FLOAT);
        normalizer.transform(x);
        float[][] theirs = net.output(x, false).toFloatMatrix();

        for (int i = 0; i < ours.length; i++) {
            for (int c = 0; c < ours[i].length; c++) {
                assertThat(theirs[i][c]).isCloseTo(ours[i][c], within(1e-5f));
            }
        }
        net.close();
    }

    @Test
    void theSavedScalingIsAppliedToRawInputs() throws Exception {
        Recorder recorder = new Recorder();
        runOneTrial(recorder, Map.of("hidden_units", 8, "layers", 1, "epochs", 6, "batch_size", 16, "learning_rate", 0.05),
                new InMemoryStorage());
        try (TrainedModel model = ModelFile.fromBytes(recorder.files.get(0), "kept")) {
            ModelEvaluation raw = model.evaluate(prepared.raw().validation());
            assertThat(raw.accuracy()).as("raw features around 1000 only classify once standardized").isGreaterThan(0.6);
            assertThat(model.scaling()).isEqualTo(prepared.scaling());
        }
    }

    @Test
    void retrainingIsReproducibleWithItsSeed() throws Exception {
        MlpConfig config = MlpConfig.fromParams(Map.of("hidden_units", 8, "epochs", 3, "batch_size", 32,
                "dropout", 0.2, "layers", 2), MlpConfig.DEFAULTS);
        LabeledDataset all = LabeledDataset.concat("all", prepared.raw().train(), prepared.raw().validation());
        try (TrainedModel a = Retraining.fit(config, all, FeatureScaling.STANDARDIZE, 5, Map.of());
             TrainedModel b = Retraining.fit(config, all, FeatureScaling.STANDARDIZE, 5, Map.of());
             TrainedModel c = Retraining.fit(config, all, FeatureScaling.STANDARDIZE, 6, Map.of())) {
            assertThat(a.network().params().toFloatVector()).containsExactly(b.network().params().toFloatVector());
            assertThat(a.network().params().toFloatVector()).isNotEqualTo(c.network().params().toFloatVector());
            assertThat(a.metadata()).containsEntry("seed", 5L).containsEntry("epochs", 3);
        }
    }

    @Test
    void evaluatingDataWithAnotherFeatureCountNamesBothCounts() throws Exception {
        Recorder recorder = new Recorder();
        runOneTrial(recorder, Map.of("hidden_units", 4, "layers", 1, "epochs", 1), new InMemoryStorage());
        LabeledDataset two = LabeledDataset.of("two.csv", new float[] {1, 2, 3, 4}, 2, new int[] {0, 1},
                List.of("a", "b", "c"), "");
        try (TrainedModel model = ModelFile.fromBytes(recorder.files.get(0), "kept")) {
            assertThatThrownBy(() -> model.evaluate(two)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("two.csv has 2 features, but the model was trained on 3");
        }
    }

    @Test
    void aFileThatIsNotAModelIsRejectedNamingIt() {
        assertThatThrownBy(() -> ModelFile.fromBytes("hello".getBytes(), "notes.txt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("notes.txt is not an hpo4j model file");
    }
}

package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The trainer's speed-ups (reused minibatch arrays, bulk copies, the natives and settings it picks)
 * change how fast a trial trains, never what it learns: its curve equals, within float
 * tolerance, that of {@link StockTraining} with the same seed, on a tiny slice of mnist-10k.
 */
class MlpTrainerCurvesTest {

    private static TrainValidation data;

    @BeforeAll
    static void loadData() throws Exception {
        data = DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(500, 300)));
    }

    static Stream<Map<String, Object>> configurations() {
        return Stream.of(
                Map.of("hidden_units", 32, "batch_size", 50, "epochs", 2),
                // a short last batch, two hidden layers with dropout (drawn from the trial's generator), momentum
                Map.of("hidden_units", 24, "layers", 2, "dropout", 0.3, "batch_size", 64, "epochs", 2,
                        "optimizer", "momentum", "learning_rate", 0.05),
                Map.of("hidden_units", 16, "layers", 3, "activation", "tanh", "batch_size", 128, "epochs", 2, "optimizer", "sgd",
                        "learning_rate", 0.1));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void aTrialLearnsTheCurveOfTheStockDl4jPath(Map<String, Object> params) throws Exception {
        MlpTrainer trainer = MlpTrainer.builder(data).defaults(params).trainEvalExamples(400).build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder("curves").storage(storage).direction(trainer.direction()).seed(11).build();
        Trial trial = study.ask();
        study.tell(trial, trainer.evaluate(trial));
        List<EpochMetrics> curve = storage.epochs(trial.id());

        MlpConfig config = MlpConfig.fromParams(params, MlpConfig.DEFAULTS);
        List<EpochMetrics> stock = StockTraining.curve(data, config, trial.seed(), 400);
        assertThat(curve).hasSize(stock.size());
        for (int i = 0; i < stock.size(); i++) {
            EpochMetrics got = curve.get(i);
            EpochMetrics want = stock.get(i);
            assertThat(got.trainLoss()).as("train loss, epoch %d", i + 1).isCloseTo(want.trainLoss(), within(1e-5));
            assertThat(got.validationLoss()).as("validation loss, epoch %d", i + 1).isCloseTo(want.validationLoss(), within(1e-5));
            assertThat(got.trainAccuracy()).as("train accuracy, epoch %d", i + 1).isCloseTo(want.trainAccuracy(), within(1e-9));
            assertThat(got.validationAccuracy()).as("validation accuracy, epoch %d", i + 1)
                    .isCloseTo(want.validationAccuracy(), within(1e-9));
        }
        assertThat(curve.get(1).validationLoss()).as("the trial learned something").isLessThan(curve.get(0).validationLoss() + 0.5);
    }
}

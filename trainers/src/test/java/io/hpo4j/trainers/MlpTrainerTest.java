package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.pruner.PruneDecision;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real DL4J training, kept tiny: 500 training and 200 validation digits, a hidden layer of 32. */
class MlpTrainerTest {

    private static TrainValidation data;
    private static final Map<String, Object> SMALL = Map.of("hidden_units", 32, "batch_size", 50, "epochs", 3);

    @BeforeAll
    static void loadData() throws Exception {
        data = io.hpo4j.trainers.data.DatasetCache.shared().prepare(DataSpec.of(DataSource.mnist10k(), Split.headTail(500, 200)));
    }

    private static MlpTrainer.Builder trainer() {
        return MlpTrainer.builder(data).defaults(SMALL);
    }

    private static Study study(MlpTrainer trainer, SearchSpace space, InMemoryStorage storage) {
        return Study.builder("mlp").storage(storage).direction(trainer.direction()).searchSpace(space).seed(7).build();
    }

    @Test
    void aTrialTrainsAndStoresItsCurveEpochByEpoch() {
        MlpTrainer trainer = trainer().build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = study(trainer, SearchSpace.builder().addCategorical("optimizer", "adam").build(), storage);

        study.optimize(trainer, 1);

        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).as(t.failReason()).isEqualTo(TrialState.COMPLETE);
        List<EpochMetrics> curve = storage.epochs(t.id());
        assertThat(curve).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
        assertThat(curve.get(2).trainLoss()).isLessThan(curve.get(0).trainLoss());
        assertThat(curve.get(2).validationAccuracy()).isGreaterThan(0.5);
        assertThat(curve).allSatisfy(e -> assertThat(e.seconds()).isPositive());
        // one intermediate value per epoch: the objective metric (validation accuracy)
        assertThat(t.intermediateValues()).containsOnlyKeys(1, 2, 3);
        for (EpochMetrics e : curve) {
            assertThat(t.intermediateValues().get(e.epoch())).isEqualTo(e.validationAccuracy());
        }
        double best = curve.stream().mapToDouble(EpochMetrics::validationAccuracy).max().orElseThrow();
        assertThat(t.value()).isEqualTo(best);
        assertThat(t.record().bestEpoch()).isEqualTo(
                curve.stream().filter(e -> e.validationAccuracy() == best).findFirst().orElseThrow().epoch());
        assertThat(t.record().stopReason()).isEqualTo(new StopReason.Completed(3));
        assertThat(t.record().objective()).isEqualTo(ObjectiveMetric.of(Metric.VALIDATION_ACCURACY));
        assertThat(t.userAttrs()).doesNotContainKeys("best_epoch", "epochs_run", "stopped_early", "stop_reason");
    }

    @Test
    void aTrialRecordsItsParametersAndProvenance() {
        MlpTrainer trainer = trainer().build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = study(trainer, SearchSpace.builder().addCategorical("activation", "tanh").build(), storage);
        trainer = trainer.toBuilder().defaults(Map.of("epochs", 1, "hidden_units", 16)).build();

        study.optimize(trainer, 1);

        FrozenTrial t = study.trials().get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) t.userAttrs().get("effective_params");
        assertThat(params).containsEntry("activation", "tanh").containsEntry("epochs", 1).containsEntry("hidden_units", 16)
                .containsEntry("optimizer", "adam");
        @SuppressWarnings("unchecked")
        Map<String, Object> provenance = (Map<String, Object>) t.userAttrs().get("provenance");
        assertThat(provenance).containsEntry("dl4j_version", "1.0.0-M2.1").containsEntry("nd4j_version", "1.0.0-M2.1")
                .containsEntry("nd4j_backend", "CpuBackend")
                .containsEntry("network_params", 784 * 16 + 16 + 16 * 10 + 10);
        assertThat(provenance.get("thread_env")).isEqualTo(Map.of("OMP_NUM_THREADS", "1", "SD_MAX_THREADS", "1", "SD_MASTER_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dataset = (Map<String, Object>) provenance.get("dataset");
        assertThat(dataset).containsEntry("train_size", 500).containsEntry("validation_size", 200)
                .containsEntry("train_sha256", "e3322aeba333ce5c0737509ff3eae5af9bd0a249b38f554156b84bceec0bead5");
    }

    /**
     * Plain SGD with softmax cross-entropy is hard to blow up in DL4J (the loss clips softmax
     * outputs and its gradient is bounded): learning rates of 1e4 or even 1e6 stay finite on this
     * data. A learning rate of 1e30 overflows float32 activations in the second minibatch.
     */
    @Test
    void aDivergingTrialFailsNamingTheLossItsValueAndTheEpoch() {
        MlpTrainer trainer = trainer().build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = study(trainer, SearchSpace.builder()
                .addCategorical("optimizer", "sgd")
                .addCategorical("learning_rate", 1e30)
                .build(), storage);

        study.optimize(trainer, OptimizeOptions.trials(1).withCatch(TrainingDivergedException.class));

        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.FAIL);
        assertThat(t.failReason()).isEqualTo("training loss became NaN at epoch 1 (minibatch 2 of 10)");
        assertThat(t.record().stopReason()).isEqualTo(new StopReason.Diverged(1, t.failReason()));
        List<EpochMetrics> curve = storage.epochs(t.id());
        assertThat(curve).hasSize(1);
        assertThat(curve.get(0).trainLoss()).isNaN();
        assertThat(t.record().bestEpoch()).as("no finite epoch reported").isNull();
    }

    @Test
    void anEarlyStoppedTrialRecordsWhyAndWhen() {
        // nothing improves validation loss by 10, so patience 1 stops after epoch 2 of 5
        MlpTrainer trainer = trainer().defaults(Map.of("epochs", 5, "hidden_units", 16))
                .earlyStopping(EarlyStopping.of(Metric.VALIDATION_LOSS, 1, 10.0)).build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = study(trainer, SearchSpace.empty(), storage);

        study.optimize(trainer, 1);

        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(storage.epochs(t.id())).hasSize(2);
        double firstLoss = storage.epochs(t.id()).get(0).validationLoss();
        assertThat(t.record().stopReason()).isEqualTo(new StopReason.EarlyStopped(2,
                "validation_loss did not improve by 10 for 1 epoch (best " + EarlyStopping.format(firstLoss) + " at epoch 1)"));
    }

    @Test
    void aPrunedTrialStopsAtThePrunersWordAndRecordsIt() {
        MlpTrainer trainer = trainer().build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder("pruned").storage(storage).direction(trainer.direction()).seed(1)
                .pruner((view, trial) -> trial.lastStep().orElse(0) >= 2 ? PruneDecision.prune("test pruner at step 2") : PruneDecision.keep())
                .build();

        study.optimize(trainer, 1);

        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.failReason()).isEqualTo("test pruner at step 2");
        assertThat(storage.epochs(t.id())).hasSize(2);
        assertThat(t.record().stopReason()).isEqualTo(new StopReason.Pruned(2, "test pruner at step 2"));
    }

    @Test
    void trialsRunInParallelGiveTheSameCurvesAsRunOneAfterAnother() {
        MlpTrainer trainer = trainer().defaults(Map.of("epochs", 2, "hidden_units", 16, "dropout", 0.3, "layers", 2)).build();
        SearchSpace space = SearchSpace.builder().addLogFloat("learning_rate", 1e-3, 1e-2).build();
        InMemoryStorage sequentialStorage = new InMemoryStorage();
        Study sequential = study(trainer, space, sequentialStorage);
        InMemoryStorage parallelStorage = new InMemoryStorage();
        Study parallel = study(trainer, space, parallelStorage);

        sequential.optimize(trainer, 2);
        parallel.optimize(trainer, OptimizeOptions.trials(2).withJobs(2));

        for (int number = 0; number < 2; number++) {
            FrozenTrial s = sequential.trials().get(number);
            FrozenTrial p = parallel.trials().get(number);
            assertThat(p.params()).isEqualTo(s.params());
            List<EpochMetrics> sc = sequentialStorage.epochs(s.id());
            List<EpochMetrics> pc = parallelStorage.epochs(p.id());
            assertThat(pc).hasSize(2);
            for (int e = 0; e < 2; e++) {
                assertThat(pc.get(e).trainLoss()).isEqualTo(sc.get(e).trainLoss());
                assertThat(pc.get(e).validationLoss()).isEqualTo(sc.get(e).validationLoss());
            }
        }
        // and the two trials (different seeds and learning rates) did differ
        assertThat(sequentialStorage.epochs(sequential.trials().get(0).id()).get(0).trainLoss())
                .isNotEqualTo(sequentialStorage.epochs(sequential.trials().get(1).id()).get(0).trainLoss());
    }

    @Test
    void aBadParameterFailsTheTrialNamingItAndStopsTheStudy() {
        MlpTrainer trainer = trainer().build();
        Study study = study(trainer, SearchSpace.builder().addCategorical("activation", "softsign").build(), new InMemoryStorage());

        assertThatThrownBy(() -> study.optimize(trainer, 3)).hasMessageContaining("activation must be one of [relu");

        assertThat(study.trials()).hasSize(1);
        assertThat(study.trials().get(0).failReason()).contains("activation must be one of [relu");
    }

    @Test
    void validateRejectsASearchSpaceTheTrainerCannotRun() {
        MlpTrainer trainer = trainer().build();

        assertThatThrownBy(() -> trainer.validate(SearchSpace.builder().addFloat("dropout", 0.0, 1.0).build()))
                .hasMessageContaining("dropout: must be in [0, 1)").hasMessageContaining("but got 1.0");
        assertThatThrownBy(() -> trainer.validate(SearchSpace.builder().addInt("units", 1, 4).build()))
                .hasMessageContaining("units: not a parameter of MlpTrainer");
        assertThatThrownBy(() -> trainer.validate(SearchSpace.builder().addCategorical("optimizer", "adam", "lbfgs").build()))
                .hasMessageContaining("optimizer must be one of");
        trainer.validate(SearchSpace.builder().addLogFloat("learning_rate", 1e-4, 1e-1).addCategorical("optimizer", "sgd", "adam").build());
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> trainer().defaults(Map.of("epoch", 3)).build()).hasMessageContaining("unknown parameters [epoch]");
        assertThatThrownBy(() -> trainer().defaults(Map.of("dropout", 2.0)).build()).hasMessageContaining("dropout: must be in [0, 1)");
        assertThatThrownBy(() -> trainer().trainEvalExamples(0).build()).hasMessageContaining("train_eval_examples must be >= 1, but got 0");
    }

    @Test
    void theTrainSubsampleIsEvenlySpacedAndFixed() {
        assertThat(MlpTrainer.evenlySpaced(10, 4)).containsExactly(0, 2, 5, 7);
        assertThat(MlpTrainer.evenlySpaced(3, 10)).containsExactly(0, 1, 2);
        assertThat(trainer().trainEvalExamples(100).build().trainEvalExamples()).isEqualTo(100);
    }

    @Test
    void theDirectionFollowsTheObjectiveMetric() {
        assertThat(trainer().build().direction()).isEqualTo(io.hpo4j.tuner.Direction.MAXIMIZE);
        assertThat(trainer().objective(Metric.VALIDATION_LOSS).build().direction()).isEqualTo(io.hpo4j.tuner.Direction.MINIMIZE);
        assertThat(EarlyStopping.format(0.31249)).isEqualTo("0.3125");
    }
}

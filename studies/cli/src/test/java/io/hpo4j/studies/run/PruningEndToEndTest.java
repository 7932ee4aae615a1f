package io.hpo4j.studies.run;

import io.hpo4j.studies.cli.Hpo;
import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The median pruner stopping a real DL4J trial, end to end: study runner, MLP trainer, H2 storage.
 * Two good configurations and then a hopeless one are enqueued so that the order is fixed; the
 * hopeless one is pruned at epoch 2, and what H2 holds for it says so.
 */
class PruningEndToEndTest {

    static final SearchSpace SPACE = SearchSpace.builder()
            .addInt("epochs", 1, 4)
            .addCategorical("batch_size", 32, 64)
            .addLogFloat("learning_rate", 1e-4, 1e-1)
            .addInt("hidden_units", 16, 64)
            .addInt("layers", 1, 2)
            .addFloat("dropout", 0.0, 0.5)
            .addCategorical("activation", "relu", "sigmoid")
            .addCategorical("optimizer", "sgd", "adam")
            .build();

    static final Map<String, Object> GOOD = Map.of("epochs", 3, "batch_size", 32, "learning_rate", 1e-3,
            "hidden_units", 64, "layers", 1, "dropout", 0.0, "activation", "relu", "optimizer", "adam");
    static final Map<String, Object> HOPELESS = Map.of("epochs", 4, "batch_size", 64, "learning_rate", 1e-4,
            "hidden_units", 16, "layers", 2, "dropout", 0.5, "activation", "sigmoid", "optimizer", "sgd");

    @TempDir
    Path dir;

    @Test
    void medianPrunerStopsAHopelessDl4jTrialAndH2KeepsItsCurveUpToThePrunedEpoch() {
        String url = "jdbc:h2:file:" + dir.resolve("studies");
        StudyFile file = new StudyFile(null, "prune-e2e", null, EpochMetrics.Metric.VALIDATION_ACCURACY, Direction.MAXIMIZE,
                DataSpec.of(DataSource.mnist10k(), Split.headTail(400, 200)), SPACE, Map.of(), ComponentSpec.of("random"),
                new ComponentSpec("median", Map.of("n_startup_trials", 2, "n_warmup_steps", 2)), 1L, 3, null, 1,
                EarlyStopping.disabled(), null);
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study study = Study.builder(file.name()).storage(storage).direction(Direction.MAXIMIZE).searchSpace(SPACE).build();
            study.enqueue(GOOD);
            study.enqueue(Map.of("epochs", 3, "batch_size", 64, "learning_rate", 3e-3, "hidden_units", 32, "layers", 1,
                    "dropout", 0.1, "activation", "relu", "optimizer", "adam"));
            study.enqueue(HOPELESS);

            StringWriter progress = new StringWriter();
            StudyRunner.Result result = new StudyRunner(storage, new PrintWriter(progress), Clock.systemUTC(),
                    Map.of("OMP_NUM_THREADS", "1"), 1, TrainerObjectives::forStudy).run(file);

            assertThat(result.trialsRun()).isEqualTo(3);
            List<FrozenTrial> trials = storage.trials(study.id(), EnumSet.allOf(TrialState.class));
            assertThat(trials).extracting(FrozenTrial::state)
                    .containsExactly(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.PRUNED);
            assertThat(trials.get(0).value()).isGreaterThan(0.6);
            assertThat(trials.get(1).value()).isGreaterThan(0.6);

            FrozenTrial pruned = trials.get(2);
            assertThat(pruned.params()).isEqualTo(HOPELESS);
            List<EpochMetrics> curve = storage.epochs(pruned.id());
            assertThat(curve).extracting(EpochMetrics::epoch).containsExactly(1, 2);
            assertThat(pruned.intermediateValues().keySet()).containsExactly(1, 2);
            assertThat(pruned.value()).isEqualTo(curve.get(1).validationAccuracy());
            assertThat(pruned.failReason()).contains("at step 2").contains("median").contains("2 completed trials");
            assertThat(pruned.record().stopReason()).isInstanceOf(io.hpo4j.tuner.StopReason.Pruned.class);
            assertThat(pruned.record().stopReason().epoch()).isEqualTo(2);
            assertThat(progress.toString()).contains("PRUNED").contains("pruned: ");
        }

        StringWriter out = new StringWriter();
        int code = Hpo.execute(new String[]{"trial", "prune-e2e", "2", "--storage", url}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("trial 2: PRUNED").contains("reason: ").contains("median");
    }
}

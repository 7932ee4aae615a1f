package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.studies.storage.ModelStore.StoredModel;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelStoreTest {

    @TempDir
    Path dir;
    private JdbcStorage storage;
    private ModelStore models;
    private StudyRecord study;

    private String url;

    /** A new, empty database: an H2 file here, a PostgreSQL schema in {@link ModelStoreOnPostgresqlTest}. */
    protected String newDatabase() {
        return "jdbc:h2:file:" + dir.resolve("db");
    }

    /** A storage (a pool of its own, as another worker's) on the database at {@code url}. */
    protected JdbcStorage open(String url) {
        return JdbcStorage.open(url);
    }

    /** A plain JDBC connection to the database at {@code url}, for SQL as a user would write it. */
    protected Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @BeforeEach
    void openStore() {
        url = newDatabase();
        storage = open(url);
        models = ModelStore.of(storage);
        study = storage.createStudy("s", Direction.MAXIMIZE);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) n);
        return b;
    }

    private List<Integer> kept() {
        return models.models(study.id()).stream().filter(m -> m.kind() == Kind.BEST_EPOCH).map(StoredModel::trialNumber).toList();
    }

    @Test
    void keepsExactlyTheBestKAndReplacesThemAsBetterTrialsFinish() {
        double[] values = {0.5, 0.7, 0.6, 0.9, 0.4, 0.8};
        List<List<Integer>> removed = new ArrayList<>();
        for (double v : values) {
            FrozenTrial t = storage.createTrial(study.id());
            removed.add(models.keepIfAmongBest(t.id(), v, 3, 42, bytes(10 + t.number()), 2));
        }

        assertThat(kept()).containsExactly(3, 5);                      // 0.9 and 0.8
        assertThat(removed.get(2)).containsExactly(0);                  // 0.6 pushed out 0.5
        assertThat(removed.get(3)).containsExactly(2);                  // 0.9 pushed out 0.6
        assertThat(removed.get(4)).containsExactly(4);                  // 0.4 never made it
        assertThat(models.bytes(study.id(), 3, Kind.BEST_EPOCH)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes(13)));
        assertThat(models.bytes(study.id(), 0, Kind.BEST_EPOCH)).isEmpty();
        assertThat(models.totalBytes(study.id())).isEqualTo(13 + 15);
    }

    @Test
    void aTrialThatFailsAfterKeepingItsModelGivesUpItsPlaceInTheBestK() {
        FrozenTrial lost = storage.createTrial(study.id());
        models.keepIfAmongBest(lost.id(), 0.9, 2, 1, bytes(7), 2);
        storage.finishTrial(lost.id(), TrialState.FAIL, null, "worker lost");   // died before it was recorded COMPLETE

        assertThat(models.wouldKeep(study.id(), 0.1, 2)).as("the failed trial's model takes no place").isTrue();
        FrozenTrial a = storage.createTrial(study.id());
        List<Integer> removed = models.keepIfAmongBest(a.id(), 0.5, 2, 1, bytes(8), 2);
        storage.finishTrial(a.id(), TrialState.COMPLETE, 0.5, null);
        FrozenTrial b = storage.createTrial(study.id());
        models.keepIfAmongBest(b.id(), 0.6, 2, 1, bytes(9), 2);

        assertThat(removed).containsExactly(lost.number());
        assertThat(kept()).containsExactly(a.number(), b.number());
    }

    @Test
    void wouldKeepSaysWhetherAValueEntersTheBestK() {
        FrozenTrial a = storage.createTrial(study.id());
        models.keepIfAmongBest(a.id(), 0.8, 1, 1, bytes(3), 1);

        assertThat(models.wouldKeep(study.id(), 0.9, 1)).isTrue();
        assertThat(models.wouldKeep(study.id(), 0.7, 1)).isFalse();
        assertThat(models.wouldKeep(study.id(), 0.7, 2)).isTrue();
        assertThat(models.wouldKeep(study.id(), Double.NaN, 2)).isFalse();
    }

    @Test
    void aMinimizingStudyKeepsTheLowestValues() {
        StudyRecord losses = storage.createStudy("losses", Direction.MINIMIZE);
        for (double v : new double[] {0.3, 0.1, 0.2}) {
            models.keepIfAmongBest(storage.createTrial(losses.id()).id(), v, 1, 1, bytes(2), 1);
        }
        assertThat(models.models(losses.id())).extracting(StoredModel::trialNumber).containsExactly(1);
    }

    @Test
    void workersKeepingAtOnceNeverLeaveMoreThanK() throws Exception {
        try (JdbcStorage second = open(url)) {
            ModelStore other = ModelStore.of(second);
            int k = 3;
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CountDownLatch go = new CountDownLatch(1);
            Map<Integer, Double> values = new ConcurrentHashMap<>();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 6; w++) {
                    ModelStore store = w % 2 == 0 ? models : other;
                    JdbcStorage s = w % 2 == 0 ? storage : second;
                    int worker = w;
                    futures.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 8; i++) {
                            FrozenTrial t = s.createTrial(study.id());
                            double v = ((worker * 37 + i * 11) % 50) / 50.0 + t.number() * 1e-6;
                            values.put(t.number(), v);
                            store.keepIfAmongBest(t.id(), v, 1, 1, bytes(100), k);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<Integer> best = values.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder()))
                    .limit(k).map(Map.Entry::getKey).sorted().toList();
            assertThat(kept()).containsExactlyElementsOf(best);
        }
    }

    @Test
    void retrainedModelsAndEvaluationsAreKeptBesideTheBestEpochOnes() {
        FrozenTrial t = storage.createTrial(study.id());
        models.keepIfAmongBest(t.id(), 0.8, 4, 7, bytes(5), 1);
        models.putRetrained(t.id(), 0.8, 4, 7, bytes(6));
        models.putEvaluation(t.id(), Kind.RETRAINED, "test part", 100, 0.75, 0.6, "{}");
        models.putEvaluation(t.id(), Kind.RETRAINED, "test part", 100, 0.76, 0.6, "{}");

        assertThat(models.models(study.id())).extracting(StoredModel::kind).containsExactly(Kind.BEST_EPOCH, Kind.RETRAINED);
        assertThat(models.evaluations(study.id())).singleElement().satisfies(e -> {
            assertThat(e.accuracy()).isEqualTo(0.76);
            assertThat(e.kind()).isEqualTo(Kind.RETRAINED);
        });
    }

    @Test
    void theSelectionVerdictIsInSqlAndIsReplacedWhenTheModelsAreScoredAgain() throws Exception {
        SelectionOptimism first = SelectionOptimism.of(List.of(new SelectionOptimism.Row(3, 0.95, 2000, 0.90, 1000),
                new SelectionOptimism.Row(1, 0.93, 2000, 0.92, 1000)), true, 30);
        models.putSelection(study.id(), first);
        SelectionOptimism loss = SelectionOptimism.of(List.of(new SelectionOptimism.Row(4, 0.30, 0, 0.40, 0)), false, 8);
        models.putSelection(study.id(), loss);
        models.putSelection(storage.createStudy("other", Direction.MAXIMIZE).id(), first);

        try (Connection c = connect(url);
             Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT study, metric, chosen_trial, optimism, standard_error, mean_gap, kept_trials, "
                     + "candidates, verdict FROM selection_optimism ORDER BY study")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString("study")).isEqualTo("other");
            assertThat(r.getDouble("optimism")).isCloseTo(0.05, within(1e-12));
            assertThat(r.getDouble("standard_error")).isCloseTo(first.chosen().orElseThrow().standardError(), within(1e-12));
            assertThat(r.getDouble("mean_gap")).isCloseTo(0.03, within(1e-12));
            assertThat(r.getInt("kept_trials")).isEqualTo(2);
            assertThat(r.getInt("candidates")).isEqualTo(30);
            assertThat(r.getString("verdict")).isEqualTo(first.verdict());
            assertThat(r.next()).isTrue();
            assertThat(r.getString("study")).isEqualTo("s");
            assertThat(r.getString("metric")).isEqualTo("loss");
            assertThat(r.getInt("chosen_trial")).isEqualTo(4);
            r.getDouble("standard_error");
            assertThat(r.wasNull()).as("no standard error for a loss").isTrue();
            assertThat(r.getString("verdict")).isEqualTo(loss.verdict());
            assertThat(r.next()).as("one row per study").isFalse();
        }
        models.putSelection(study.id(), SelectionOptimism.of(List.of(), true, 8));
        try (Connection c = connect(url);
             Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT COUNT(*) FROM selection_verdicts")) {
            r.next();
            assertThat(r.getInt(1)).as("nothing scored: no verdict").isEqualTo(1);
        }
    }

    @Test
    void modelScoresSubtractLossFromLossAndAccuracyFromAccuracy() throws Exception {
        StudyRecord losses = storage.createStudy("losses", Direction.MINIMIZE);
        FrozenTrial byLoss = storage.createTrial(losses.id());
        models.keepIfAmongBest(byLoss.id(), 0.30, 2, 1, bytes(3), 1);
        storage.recordTrialEnd(byLoss.id(), TrialState.COMPLETE, 0.30, new TrialOutcome(
                new ObjectiveMetric("validation_loss", Direction.MINIMIZE), 2, new StopReason.Completed(2)));
        models.putEvaluation(byLoss.id(), Kind.BEST_EPOCH, "test part", 100, 0.80, 0.40, "{}");
        FrozenTrial byAccuracy = storage.createTrial(study.id());
        models.keepIfAmongBest(byAccuracy.id(), 0.90, 2, 1, bytes(3), 1);
        storage.recordTrialEnd(byAccuracy.id(), TrialState.COMPLETE, 0.90, new TrialOutcome(
                new ObjectiveMetric("validation_accuracy", Direction.MAXIMIZE), 2, new StopReason.Completed(2)));
        models.putEvaluation(byAccuracy.id(), Kind.BEST_EPOCH, "test part", 100, 0.85, 0.40, "{}");

        try (Connection c = connect(url);
             Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT study, validation_minus_test, selection_rank FROM model_scores ORDER BY study")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("losses");
            assertThat(r.getDouble(2)).as("validation loss - test loss").isCloseTo(-0.10, within(1e-12));
            assertThat(r.getInt(3)).isEqualTo(1);
            assertThat(r.next()).isTrue();
            assertThat(r.getDouble(2)).as("validation accuracy - test accuracy").isCloseTo(0.05, within(1e-12));
        }
    }

    @Test
    void keepingNeedsAPositiveKAndAFiniteValue() {
        FrozenTrial t = storage.createTrial(study.id());
        assertThatThrownBy(() -> models.keepIfAmongBest(t.id(), 0.5, 1, 1, bytes(1), 0))
                .hasMessage("keep_models must be >= 1 to keep a model, but got 0");
        assertThatThrownBy(() -> models.keepIfAmongBest(t.id(), Double.NaN, 1, 1, bytes(1), 2))
                .hasMessage("a kept model needs a finite objective value, but got NaN");
    }
}

package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.Direction;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalysisStoreTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    @TempDir
    Path dir;
    private JdbcStorage storage;
    private AnalysisStore store;
    private StudyRecord study;

    private static final CurveAnalysis OVERFIT = new CurveAnalysis(12, Metric.VALIDATION_ACCURACY, 5, 0.0, 0.142,
            0.13, 1.26, 5, Verdict.OVERFIT, "train - validation accuracy gap 0.142 at epoch 12 exceeds 0.05");
    private static final CurveAnalysis SPARSE = new CurveAnalysis(2, Metric.VALIDATION_LOSS, null, null, null, null,
            null, null, Verdict.INCONCLUSIVE, "2 epochs; a verdict needs at least 3");

    @BeforeEach
    void open() {
        storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"), Clock.fixed(T0, ZoneOffset.UTC));
        store = storage.analyses();
        study = storage.createStudy("s", Direction.MAXIMIZE);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private FrozenTrial finished() {
        FrozenTrial t = storage.createTrial(study.id());
        return storage.finishTrial(t.id(), TrialState.COMPLETE, 0.9, null);
    }

    @Test
    void analysesRoundTripWithNullsAndThresholds() {
        FrozenTrial a = finished();
        FrozenTrial b = finished();

        store.putAll(Map.of(a.id(), OVERFIT, b.id(), SPARSE), OverfitThresholds.defaults());

        Map<Long, StoredAnalysis> read = store.ofStudy(study.id());
        assertThat(read).containsOnlyKeys(a.id(), b.id());
        assertThat(read.get(a.id()).analysis()).isEqualTo(OVERFIT);
        assertThat(read.get(b.id()).analysis()).isEqualTo(SPARSE);
        assertThat(read.get(a.id()).analyzedAt()).isEqualTo(T0);
        assertThat(read.get(a.id()).madeWith(OverfitThresholds.defaults())).isTrue();
        assertThat(read.get(a.id()).madeWith(OverfitThresholds.builder().overfitGap(0.1).build())).isFalse();
        assertThat(store.ofTrial(a.id())).map(StoredAnalysis::analysis).contains(OVERFIT);
    }

    @Test
    void storingAgainReplacesTheTrialsAnalysis() {
        FrozenTrial a = finished();
        store.put(a.id(), OVERFIT, OverfitThresholds.defaults());

        store.put(a.id(), SPARSE, OverfitThresholds.builder().minEpochs(5).build());

        assertThat(store.ofStudy(study.id())).hasSize(1);
        StoredAnalysis s = store.ofTrial(a.id()).orElseThrow();
        assertThat(s.analysis()).isEqualTo(SPARSE);
        assertThat(s.thresholdsJson()).contains("\"min_epochs\":5");
    }

    @Test
    void aRunningTrialHasNoAnalysisAndABatchIsAllOrNothing() {
        FrozenTrial done = finished();
        FrozenTrial running = storage.createTrial(study.id());

        assertThatThrownBy(() -> store.putAll(new java.util.LinkedHashMap<>(Map.of(done.id(), OVERFIT, running.id(), SPARSE)),
                OverfitThresholds.defaults()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot store the curve analysis of trial 1 in study 's': it is RUNNING, "
                        + "and only finished trials are analyzed");
        assertThat(store.ofStudy(study.id())).isEmpty();
        assertThatThrownBy(() -> store.put(12345, OVERFIT, OverfitThresholds.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot store a curve analysis: no trial with id 12345");
    }

    @Test
    void deletingTheStudyDeletesItsAnalyses() throws SQLException {
        FrozenTrial a = finished();
        store.put(a.id(), OVERFIT, OverfitThresholds.defaults());

        storage.deleteStudy("s");

        assertThat(count("SELECT COUNT(*) FROM trial_analysis")).isZero();
    }

    @Test
    void theOverviewViewJoinsStudyTrialAndAnalysis() throws SQLException {
        FrozenTrial a = finished();
        finished();
        store.put(a.id(), OVERFIT, OverfitThresholds.defaults());

        try (Connection c = DriverManager.getConnection(storage.location(), "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT study, number, state, objective_value, verdict, overfit_onset_epoch, "
                     + "gap_accuracy_last, verdict_reason FROM trial_overview ORDER BY number")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("s");
            assertThat(r.getInt(2)).isZero();
            assertThat(r.getString(3)).isEqualTo("COMPLETE");
            assertThat(r.getDouble(4)).isEqualTo(0.9);
            assertThat(r.getString(5)).isEqualTo("OVERFIT");
            assertThat(r.getInt(6)).isEqualTo(5);
            assertThat(r.getDouble(7)).isEqualTo(0.142);
            assertThat(r.getString(8)).startsWith("train - validation accuracy gap");
            assertThat(r.next()).isTrue();
            assertThat(r.getString(5)).as("not analyzed yet").isNull();
            assertThat(r.next()).isFalse();
        }
    }

    @Test
    void theVerdictColumnOnlyTakesKnownVerdicts() {
        FrozenTrial a = finished();
        assertThatThrownBy(() -> execute("INSERT INTO trial_analysis (trial_id, epochs, monitored_metric, verdict, reason, "
                + "thresholds_json, analyzed_at) VALUES (" + a.id() + ", 1, 'validation_loss', 'MAYBE', '', '{}', CURRENT_TIMESTAMP)"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("TRIAL_ANALYSIS_VERDICT_CHECK");
    }

    private int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(storage.location(), "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(storage.location(), "sa", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

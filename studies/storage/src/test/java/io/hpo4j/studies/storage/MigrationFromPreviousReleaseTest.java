package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a database file written by release 0.1.0 (schema version 2; see
 * {@code src/test/resources/fixtures/README.md}) with this code: it is migrated to the latest
 * version and reads back as that release wrote it, with its attributes moved into typed records.
 */
class MigrationFromPreviousReleaseTest {

    private static final String FIXTURE = "/fixtures/schema-v2-release-0.1.0.mv.db";

    @TempDir
    Path dir;

    private String copyOfFixture() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            Files.copy(in, dir.resolve("old.mv.db"));
        }
        return "jdbc:h2:file:" + dir.resolve("old");
    }

    @Test
    void aVersion2DatabaseIsMigratedToTheLatestVersion() throws Exception {
        String url = copyOfFixture();
        assertThat(versions(url)).containsExactly(1, 2);
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            assertThat(storage.findStudy("fixture")).isPresent();
        }
        assertThat(versions(url)).containsExactly(1, 2, 3, 10, 11, 20);
        assertThat(Migrations.latestVersion()).isEqualTo(20);
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM trial_overview WHERE study = 'fixture' ORDER BY number")) {
            List<String> columns = new java.util.ArrayList<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                columns.add(r.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT));
            }
            assertThat(columns).as("the old database's view is the trial row").containsSubsequence(
                    io.hpo4j.studies.query.TrialColumn.names().toArray(String[]::new));
            assertThat(r.next()).isTrue();
        }
    }

    @Test
    void aDatabaseThatHasVersion10ButNot3GetsTheTrialRecordsAndItsBackfill() throws Exception {
        // As a release with the models schema (V10) but before typed records (V3) left it.
        String url = copyOfFixture();
        Migrations.Migration models = Migrations.migrations().stream().filter(m -> m.version() == 10).findFirst().orElseThrow();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement()) {
            for (String sql : Migrations.statements(models.sql())) {
                s.execute(sql);
            }
            s.execute("INSERT INTO schema_version (version, description, script, applied_at)"
                    + " VALUES (10, 'models', 'V10__models.sql', CURRENT_TIMESTAMP)");
        }
        assertThat(versions(url)).containsExactly(1, 2, 10);
        try (JdbcStorage storage = JdbcStorage.open(url, Clock.systemUTC())) {
            long study = storage.findStudy("fixture").orElseThrow().id();
            FrozenTrial complete = storage.trials(study, EnumSet.of(TrialState.COMPLETE)).get(0);
            assertThat(complete.record().stopReason()).isEqualTo(new StopReason.Completed(3));
            assertThat(complete.record().bestEpoch()).isEqualTo(2);
        }
        assertThat(versions(url)).containsExactly(1, 2, 3, 10, 11, 20);
    }

    @Test
    void trialsEpochsAndAttributesReadBackWithTypedRecords() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(copyOfFixture(), Clock.systemUTC())) {
            long study = storage.findStudy("fixture").orElseThrow().id();
            List<FrozenTrial> trials = storage.trials(study, EnumSet.allOf(TrialState.class));
            assertThat(trials).extracting(FrozenTrial::state)
                    .containsExactly(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL, TrialState.WAITING);

            FrozenTrial complete = trials.get(0);
            assertThat(complete.value()).isEqualTo(0.7);
            assertThat(complete.params()).containsOnlyKeys("learning_rate", "hidden_units", "optimizer");
            assertThat(storage.epochs(complete.id())).hasSize(3);
            assertThat(complete.record().bestEpoch()).isEqualTo(2);
            assertThat(complete.record().stopReason()).isEqualTo(new StopReason.Completed(3));
            assertThat(complete.record().objective()).as("from the V2 analysis")
                    .isEqualTo(ObjectiveMetric.of(EpochMetrics.Metric.VALIDATION_ACCURACY));
            assertThat(complete.record().seed()).as("the seed the objective got: trial_seed ^ 0x5DEECE66D")
                    .isEqualTo(-4767286540954276203L ^ 0x5DEECE66DL);
            assertThat(complete.systemAttrs()).containsKeys("sampler", "runtime").doesNotContainKey("trial_seed");
            assertThat(complete.userAttrs()).as("the trainer's attributes moved into columns")
                    .containsOnlyKeys("effective_params");

            FrozenTrial pruned = trials.get(1);
            assertThat(pruned.record().stopReason()).isInstanceOf(StopReason.Pruned.class);
            assertThat(pruned.record().stopReason().epoch()).isEqualTo(2);
            assertThat(pruned.failReason()).startsWith("median pruner");

            FrozenTrial failed = trials.get(2);
            assertThat(failed.record().stopReason()).isInstanceOf(StopReason.Failed.class);
            assertThat(failed.failReason()).contains("train_loss became NaN");
            List<EpochMetrics> curve = storage.epochs(failed.id());
            assertThat(curve.get(1).trainLoss()).isNaN();
            assertThat(curve.get(1).validationLoss()).isInfinite();
            assertThat(failed.userAttrs().get("nan_attr")).as("written as the string \"NaN\" by 0.1.0").isEqualTo("NaN");

            FrozenTrial waiting = trials.get(3);
            assertThat(waiting.record().enqueuedParams())
                    .isEqualTo(Map.of("learning_rate", 0.01, "hidden_units", 32, "optimizer", "adam"));
            assertThat(waiting.systemAttrs()).doesNotContainKey("fixed_params");

            Map<Long, StoredAnalysis> analyses = storage.analyses().ofStudy(study);
            assertThat(analyses).hasSize(3);
            assertThat(TrialAnalyses.of(storage, storage.analyses(), OverfitThresholds.defaults()).ofStudy("fixture"))
                    .containsOnlyKeys(0, 1, 2);

            List<LeaderboardRow> rows = new Leaderboard(storage, Clock.systemUTC()).rows("fixture", 10);
            assertThat(rows.get(0).bestEpoch()).isEqualTo(2);
        }
    }

    @Test
    void theStoredSearchSpaceIsAValueAndTheStudyLoadsAndRunsOn() throws Exception {
        String url = copyOfFixture();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            long id = storage.findStudy("fixture").orElseThrow().id();
            assertThat(storage.studyAttrs(id).get(Study.SEARCH_SPACE_ATTR)).isInstanceOf(Map.class);
            Study study = Study.builder("fixture").storage(storage).direction(Direction.MAXIMIZE).seed(42).load();
            assertThat(study.searchSpace().names()).containsExactly("learning_rate", "hidden_units", "optimizer");
            study.optimize(trial -> {
                Map<String, Object> p = trial.suggestAll();
                return ((Number) p.get("learning_rate")).doubleValue();
            }, 2);
            List<FrozenTrial> trials = study.trials();
            assertThat(trials).hasSize(5);
            assertThat(trials.get(3).params()).as("the enqueued trial ran with its parameters")
                    .containsEntry("hidden_units", 32).containsEntry("optimizer", "adam");
            assertThat(trials.get(4).record().seed()).isNotNull();
        }
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT value_json FROM study_attrs WHERE attr_key = 'search_space'")) {
            r.next();
            assertThat(r.getString(1)).startsWith("{\"learning_rate\":{");
        }
    }

    private static List<Integer> versions(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            List<Integer> out = new java.util.ArrayList<>();
            while (r.next()) {
                out.add(r.getInt(1));
            }
            return out;
        }
    }
}

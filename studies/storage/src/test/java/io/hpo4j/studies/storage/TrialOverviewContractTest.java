package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.query.TrialColumn;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The SQL view {@code trial_overview} is the trial row of the leaderboard, the export and the
 * report: the columns {@link TrialColumn} lists, between {@code study} and the keys, with the
 * values {@link Leaderboard} gives each trial in every state. Run once per database.
 */
abstract class TrialOverviewContractTest {

    private JdbcStorage storage;
    private StudyRecord study;

    /** A new, empty storage. */
    protected abstract JdbcStorage newStorage();

    /** A connection to the storage's database. */
    protected abstract Connection connect(JdbcStorage storage) throws SQLException;

    @BeforeEach
    void study() {
        storage = newStorage();
        SyntheticStudies.run(storage, 12, 5);   // complete, pruned (number 6) and failed (number 10) trials, with curves
        study = storage.findStudy(SyntheticStudies.NAME).orElseThrow();
        TrialAnalyses analyses = TrialAnalyses.of(storage, storage.analyses(), OverfitThresholds.defaults());
        storage.trials(study.id(), EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL))
                .forEach(analyses::analyze);
        FrozenTrial running = storage.createTrial(study.id());
        storage.setIntermediateValue(running.id(), 1, 0.5);
        storage.setIntermediateValue(running.id(), 2, 0.7);
        storage.setIntermediateValue(running.id(), 3, Double.NaN);
        storage.setIntermediateValue(running.id(), 4, 0.7);
        storage.enqueueTrial(study.id(), Map.of("learning_rate", 0.01, "dropout", 0.2, "optimizer", "adam", "layers", 2));
    }

    @AfterEach
    void close() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void theViewHasTheTrialRowsColumnsBetweenTheStudyAndItsKeys() throws SQLException {
        List<String> expected = new ArrayList<>(List.of("study"));
        expected.addAll(TrialColumn.names());
        expected.addAll(List.of("trial_id", "study_id"));

        assertThat(view().get(0).keySet()).containsExactlyElementsOf(expected);
    }

    @Test
    void theViewShowsEachTrialAsTheLeaderboardDoesInEveryState() throws SQLException {
        List<LeaderboardRow> rows = new Leaderboard(storage, TrialAnalyses.of(storage, storage.analyses(),
                OverfitThresholds.defaults()), Clock.systemUTC()).allByNumber(SyntheticStudies.NAME);
        List<Map<String, Object>> view = view();

        assertThat(rows).extracting(LeaderboardRow::state).contains(TrialState.COMPLETE, TrialState.PRUNED,
                TrialState.FAIL, TrialState.RUNNING, TrialState.WAITING);
        assertThat(view).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow row = rows.get(i);
            Map<String, Object> sql = view.get(i);
            for (TrialColumn c : TrialColumn.values()) {
                Object expected = c.of(row);
                Object actual = sql.get(c.column());
                String what = "trial " + row.number() + " (" + row.state() + "), column " + c.column();
                if (expected instanceof Double d) {
                    assertThat(actual).as(what).isInstanceOf(Number.class);
                    assertThat(((Number) actual).doubleValue()).as(what).isCloseTo(d, within(1e-9));
                } else if (expected instanceof Number n) {
                    assertThat(actual).as(what).isInstanceOf(Number.class);
                    assertThat(((Number) actual).longValue()).as(what).isEqualTo(n.longValue());
                } else {
                    assertThat(actual).as(what).isEqualTo(expected);
                }
            }
        }
        LeaderboardRow running = rows.stream().filter(r -> r.state() == TrialState.RUNNING).findFirst().orElseThrow();
        assertThat(running.bestEpoch()).as("best so far, the earliest of equal values, NaN skipped").isEqualTo(2);
    }

    /** The study's rows of trial_overview by number, as column name to a plain value (instants as ISO text). */
    private List<Map<String, Object>> view() throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = connect(storage);
             PreparedStatement p = c.prepareStatement("SELECT * FROM trial_overview WHERE study = ? ORDER BY number")) {
            p.setString(1, SyntheticStudies.NAME);
            try (ResultSet r = p.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        Object v = r.getObject(i);
                        if (m.getColumnTypeName(i).toUpperCase(Locale.ROOT).contains("TIME")) {
                            OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
                            v = t == null ? null : t.toInstant().toString();
                        } else if (v instanceof BigDecimal b) {
                            v = b.doubleValue();
                        }
                        row.put(m.getColumnLabel(i).toLowerCase(Locale.ROOT), v);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}

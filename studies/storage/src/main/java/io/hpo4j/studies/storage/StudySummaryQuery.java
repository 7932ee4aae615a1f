package io.hpo4j.studies.storage;

import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import io.hpo4j.tuner.storage.StudySummary;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every study with its trial counts by state and its best COMPLETE trial, as {@code hpo studies}
 * lists them: three queries, whatever the number of studies.
 */
final class StudySummaryQuery {

    private StudySummaryQuery() {
    }

    /** The summaries, by study name. */
    static List<StudySummary> run(Connection c) throws SQLException {
        Map<Long, StudyRecord> records = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT study_id, name, direction, created_at FROM studies");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                records.put(r.getLong(1), JdbcStorage.studyRecord(r));
            }
        }
        Map<Long, Map<TrialState, Integer>> counts = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT study_id, state, COUNT(*) FROM trials GROUP BY study_id, state");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                counts.computeIfAbsent(r.getLong(1), k -> new EnumMap<>(TrialState.class))
                        .put(TrialState.valueOf(r.getString(2)), r.getInt(3));
            }
        }
        // The best value is chosen here with Direction.isBetter, as every storage chooses it, not with
        // SQL's MIN or MAX: H2 and PostgreSQL order NaN above every number. The first of equal values wins.
        Map<Long, Double> best = new HashMap<>();
        Map<Long, Integer> bestNumber = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT study_id, number, objective_value FROM trials"
                + " WHERE state = 'COMPLETE' AND objective_value IS NOT NULL ORDER BY study_id, number");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long study = r.getLong(1);
                double value = r.getDouble(3);
                StudyRecord record = records.get(study);
                Double incumbent = best.get(study);
                if (record != null && (incumbent == null || record.direction().isBetter(value, incumbent))) {
                    best.put(study, value);
                    bestNumber.put(study, r.getInt(2));
                }
            }
        }
        List<StudySummary> out = new ArrayList<>();
        for (StudyRecord record : records.values()) {
            out.add(new StudySummary(record, counts.getOrDefault(record.id(), Map.of()), best.get(record.id()),
                    bestNumber.get(record.id())));
        }
        out.sort(Comparator.comparing(s -> s.study().name()));
        return out;
    }
}

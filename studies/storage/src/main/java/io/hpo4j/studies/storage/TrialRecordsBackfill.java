package io.hpo4j.studies.storage;

import io.hpo4j.tuner.BestEpoch;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Schema version 3's step in Java: moves what earlier releases stored as attributes into the
 * typed columns of {@code trials} (see {@code V3__trial_records.sql}), and, on H2, creates the
 * read-only user that {@code hpo sql} logs in as. Runs once, in the migration's transaction.
 */
final class TrialRecordsBackfill {

    /** Earlier releases stored {@code seed ^ this} as {@code trial_seed}, and gave the objective the other one. */
    private static final long OBJECTIVE_SEED_MASK = 0x5DEECE66DL;

    private TrialRecordsBackfill() {
    }

    static void run(Connection c) throws SQLException {
        searchSpacesAsObjects(c);
        seeds(c);
        enqueuedParams(c);
        bestEpochsAndStopReasons(c);
        objectiveMetrics(c);
        if ("H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
            h2Setup(c);
        }
    }

    /** H2 only (DDL commits, so it comes last): the read-only user of {@code hpo sql}. */
    private static void h2Setup(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS " + ReadOnlyQuery.READER + " PASSWORD ''");
            s.execute("GRANT SELECT ON SCHEMA PUBLIC TO " + ReadOnlyQuery.READER);
        }
    }

    /** {@code "{\"x\": ...}"} (JSON in a JSON string) becomes {@code {"x": ...}}. */
    private static void searchSpacesAsObjects(Connection c) throws SQLException {
        Map<Long, String> fixed = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT study_id, value_json FROM study_attrs WHERE attr_key = 'search_space'")) {
            while (r.next()) {
                if (Json.parse(r.getString(2)) instanceof String inner) {
                    fixed.put(r.getLong(1), Json.write(Json.parseObject(inner)));
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE study_attrs SET value_json = ? WHERE study_id = ? AND attr_key = 'search_space'")) {
            for (Map.Entry<Long, String> e : fixed.entrySet()) {
                p.setString(1, e.getValue());
                p.setLong(2, e.getKey());
                p.executeUpdate();
            }
        }
    }

    private static void seeds(Connection c) throws SQLException {
        Map<Long, Long> seeds = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT trial_id, value_json FROM trial_system_attrs WHERE attr_key = 'trial_seed'")) {
            while (r.next()) {
                if (Json.parse(r.getString(2)) instanceof Number n) {
                    seeds.put(r.getLong(1), n.longValue() ^ OBJECTIVE_SEED_MASK);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET trial_seed = ? WHERE trial_id = ?")) {
            for (Map.Entry<Long, Long> e : seeds.entrySet()) {
                p.setLong(1, e.getValue());
                p.setLong(2, e.getKey());
                p.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM trial_system_attrs WHERE attr_key = 'trial_seed'");
        }
    }

    private static void enqueuedParams(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE trials SET enqueued_params_json = (SELECT a.value_json FROM trial_system_attrs a"
                    + " WHERE a.trial_id = trials.trial_id AND a.attr_key = 'fixed_params')"
                    + " WHERE EXISTS (SELECT 1 FROM trial_system_attrs a WHERE a.trial_id = trials.trial_id"
                    + " AND a.attr_key = 'fixed_params')");
            s.executeUpdate("DELETE FROM trial_system_attrs WHERE attr_key = 'fixed_params'");
        }
    }

    private static void bestEpochsAndStopReasons(Connection c) throws SQLException {
        Map<Long, TreeMap<Integer, Double>> values = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT trial_id, step, intermediate_value FROM trial_values")) {
            while (r.next()) {
                values.computeIfAbsent(r.getLong(1), k -> new TreeMap<>()).put(r.getInt(2), r.getDouble(3));
            }
        }
        Map<Long, Map<String, Object>> trainerAttrs = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT trial_id, attr_key, value_json FROM trial_user_attrs"
                     + " WHERE attr_key IN ('stopped_early', 'stop_reason')")) {
            while (r.next()) {
                trainerAttrs.computeIfAbsent(r.getLong(1), k -> new HashMap<>()).put(r.getString(2), Json.parse(r.getString(3)));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT t.trial_id, t.state, s.direction, t.fail_reason FROM trials t"
                     + " JOIN studies s ON s.study_id = t.study_id WHERE t.state IN ('COMPLETE', 'PRUNED', 'FAIL')");
             PreparedStatement p = c.prepareStatement("UPDATE trials SET best_epoch = ?, stop_reason = ?, stop_epoch = ?,"
                     + " fail_reason = ? WHERE trial_id = ?")) {
            while (r.next()) {
                long id = r.getLong(1);
                TrialState state = TrialState.valueOf(r.getString(2));
                TreeMap<Integer, Double> v = values.getOrDefault(id, new TreeMap<>());
                Integer last = v.isEmpty() ? null : v.lastKey();
                Map<String, Object> attrs = trainerAttrs.getOrDefault(id, Map.of());
                String detail = r.getString(4);
                String kind;
                Integer epoch = last;
                if (state == TrialState.COMPLETE && Boolean.TRUE.equals(attrs.get("stopped_early"))) {
                    kind = "early_stopped";
                    detail = attrs.get("stop_reason") instanceof String text ? text : detail;
                } else if (state == TrialState.COMPLETE) {
                    kind = "completed";
                } else if (state == TrialState.PRUNED) {
                    kind = "pruned";
                } else {
                    kind = "failed";
                    epoch = null;
                }
                setInteger(p, 1, BestEpoch.of(v, Direction.valueOf(r.getString(3))));
                p.setString(2, kind);
                setInteger(p, 3, epoch);
                p.setString(4, detail);
                p.setLong(5, id);
                p.executeUpdate();
            }
        }
        try (Statement s = c.createStatement()) {
            // What the trainer of earlier releases wrote as user attributes, now in columns (epochs_run is COUNT(trial_epochs)).
            s.executeUpdate("DELETE FROM trial_user_attrs WHERE attr_key IN ('best_epoch', 'epochs_run', 'stopped_early',"
                    + " 'stop_reason') AND trial_id IN (SELECT trial_id FROM trial_user_attrs WHERE attr_key = 'stopped_early')");
        }
    }

    /** Earlier releases did not record the metric; their analyses found it by matching numbers: take that. */
    private static void objectiveMetrics(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT trial_id, monitored_metric FROM trial_analysis");
             PreparedStatement p = c.prepareStatement(
                     "UPDATE trials SET objective_metric = ?, objective_direction = ? WHERE trial_id = ?")) {
            while (r.next()) {
                EpochMetrics.Metric m = EpochMetrics.Metric.parse(r.getString(2));
                p.setString(1, m.key());
                p.setString(2, m.direction().name());
                p.setLong(3, r.getLong(1));
                p.executeUpdate();
            }
        }
    }

    private static void setInteger(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }
}

package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialRecord;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads trial snapshots in bulk: one query for the trial rows and one per child table
 * (parameters, intermediate values, user and system attributes), whatever the number of trials.
 * Child rows are selected by the same study or trial filter as the trials, without the state
 * filter, so that a trial whose state changes between the queries still gets all its rows.
 */
final class TrialReader {

    private static final String TRIAL_COLUMNS =
            "t.trial_id, t.number, t.state, t.objective_value, t.started_at, t.completed_at, t.fail_reason,"
                    + " t.objective_metric, t.objective_direction, t.trial_seed, t.best_epoch, t.stop_reason, t.stop_epoch,"
                    + " t.enqueued_params_json";

    private final Connection connection;

    TrialReader(Connection connection) {
        this.connection = connection;
    }

    /** The study's trials in {@code states}, by number. */
    List<FrozenTrial> ofStudy(long studyId, Set<TrialState> states) throws SQLException {
        if (states.isEmpty()) {
            return List.of();
        }
        return load("t.study_id = ?", studyId, states);
    }

    Optional<FrozenTrial> byId(long trialId) throws SQLException {
        return load("t.trial_id = ?", trialId, null).stream().findFirst();
    }

    /** Above this many trials missing from the cache, the whole study is read instead. */
    private static final int MAX_UNCACHED = 64;

    /**
     * The study's trials in {@code states}, by number, taking finished trials from {@code finished}
     * (by id) and adding the finished ones it reads. Finished trials never change, so a cached
     * snapshot is what a read would return; only the ids and states are read for them.
     */
    List<FrozenTrial> ofStudy(long studyId, Set<TrialState> states, Map<Long, FrozenTrial> finished)
            throws SQLException {
        if (states.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement("SELECT t.trial_id FROM trials t WHERE t.study_id = ?"
                + " AND t.state IN (" + String.join(", ", Collections.nCopies(states.size(), "?")) + ") ORDER BY t.number")) {
            p.setLong(1, studyId);
            int i = 2;
            for (TrialState s : states) {
                p.setString(i++, s.name());
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    ids.add(id);
                    if (!finished.containsKey(id)) {
                        missing.add(id);
                    }
                }
            }
        }
        Map<Long, FrozenTrial> read = new HashMap<>();
        if (missing.size() > MAX_UNCACHED) {
            ofStudy(studyId, states).forEach(t -> read.put(t.id(), t));
        } else {
            for (long id : missing) {
                byId(id).ifPresent(t -> read.put(t.id(), t));
            }
        }
        List<FrozenTrial> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            FrozenTrial t = finished.get(id);
            if (t == null) {
                t = read.get(id);
                if (t == null || !states.contains(t.state())) {
                    continue; // deleted, or its state changed between the two reads
                }
                if (t.state().isFinished()) {
                    finished.put(id, t);
                }
            }
            out.add(t);
        }
        return out;
    }

    /** The trial's learning curve, by epoch. */
    List<EpochMetrics> epochs(long trialId) throws SQLException {
        List<EpochMetrics> epochs = new ArrayList<>();
        try (PreparedStatement p = connection.prepareStatement(
                "SELECT epoch, train_loss, train_accuracy, validation_loss, validation_accuracy, seconds"
                        + " FROM trial_epochs WHERE trial_id = ? ORDER BY epoch")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    epochs.add(new EpochMetrics(r.getInt(1), r.getDouble(2), r.getDouble(3), r.getDouble(4),
                            r.getDouble(5), r.getDouble(6)));
                }
            }
        }
        return epochs;
    }

    private List<FrozenTrial> load(String filter, long key, Set<TrialState> states) throws SQLException {
        Map<Long, TrialRow> rows = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("SELECT " + TRIAL_COLUMNS + " FROM trials t WHERE " + filter);
        if (states != null) {
            sql.append(" AND t.state IN (").append(String.join(", ", Collections.nCopies(states.size(), "?"))).append(')');
        }
        sql.append(" ORDER BY t.number");
        try (PreparedStatement p = connection.prepareStatement(sql.toString())) {
            p.setLong(1, key);
            if (states != null) {
                int i = 2;
                for (TrialState s : states) {
                    p.setString(i++, s.name());
                }
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    TrialRow row = new TrialRow(r.getLong(1), r.getInt(2), TrialState.valueOf(r.getString(3)),
                            Sql.getDouble(r, 4), Sql.getInstant(r, 5), Sql.getInstant(r, 6), r.getString(7), record(r));
                    rows.put(row.id, row);
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        readChildren("SELECT c.trial_id, c.name, c.value_json, c.distribution_json FROM trial_params c",
                " ORDER BY c.trial_id, c.param_order, c.name", filter, key, rows, (row, r) -> {
                    String name = r.getString(2);
                    Distribution d = DistributionJson.read(r.getString(4));
                    row.params.put(name, decodeParam(row, name, d, r.getString(3)));
                    row.distributions.put(name, d);
                });
        readChildren("SELECT c.trial_id, c.step, c.intermediate_value FROM trial_values c", "", filter, key, rows,
                (row, r) -> row.values.put(r.getInt(2), r.getDouble(3)));
        readChildren("SELECT c.trial_id, c.attr_key, c.value_json FROM trial_user_attrs c", " ORDER BY c.attr_key",
                filter, key, rows, (row, r) -> row.userAttrs.put(r.getString(2), Json.parse(r.getString(3))));
        readChildren("SELECT c.trial_id, c.attr_key, c.value_json FROM trial_system_attrs c", " ORDER BY c.attr_key",
                filter, key, rows, (row, r) -> row.systemAttrs.put(r.getString(2), Json.parse(r.getString(3))));
        List<FrozenTrial> out = new ArrayList<>(rows.size());
        for (TrialRow row : rows.values()) {
            out.add(row.freeze());
        }
        return out;
    }

    /** The typed record in columns 8-14 of {@link #TRIAL_COLUMNS}. */
    private static TrialRecord record(ResultSet r) throws SQLException {
        String metric = r.getString(8);
        ObjectiveMetric objective = metric == null ? null : new ObjectiveMetric(metric, Direction.valueOf(r.getString(9)));
        long seed = r.getLong(10);
        Long seedOrNull = r.wasNull() ? null : seed;
        Integer bestEpoch = Sql.getInteger(r, 11);
        String kind = r.getString(12);
        StopReason stop = kind == null ? null : StopReason.of(kind, Sql.getInteger(r, 13), r.getString(7));
        String enqueued = r.getString(14);
        return new TrialRecord(objective, seedOrNull, bestEpoch, stop, enqueued == null ? null : Json.parseObject(enqueued));
    }

    private void readChildren(String select, String orderBy, String filter, long key, Map<Long, TrialRow> rows,
                              ChildReader reader) throws SQLException {
        String sql = select + " JOIN trials t ON t.trial_id = c.trial_id WHERE " + filter + orderBy;
        try (PreparedStatement p = connection.prepareStatement(sql)) {
            p.setLong(1, key);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    TrialRow row = rows.get(r.getLong(1));
                    if (row != null) { // null: a trial created after the trial rows were read
                        reader.read(row, r);
                    }
                }
            }
        }
    }

    private static Object decodeParam(TrialRow row, String name, Distribution d, String json) {
        Object value = Json.parse(json);
        try {
            if (d instanceof IntDistribution) {
                return ((Number) value).intValue();
            }
            if (d instanceof FloatDistribution) {
                return ((Number) value).doubleValue();
            }
            return d.canonical(value);
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("trial_params of trial id " + row.id + ": parameter " + name
                    + " holds " + json + ", which is not a value of " + d.describe(), e);
        }
    }

    @FunctionalInterface
    private interface ChildReader {
        void read(TrialRow row, ResultSet r) throws SQLException;
    }

    private static final class TrialRow {
        final long id;
        final int number;
        final TrialState state;
        final Double value;
        final Instant start;
        final Instant complete;
        final String failReason;
        final TrialRecord record;
        final Map<String, Object> params = new LinkedHashMap<>();
        final Map<String, Distribution> distributions = new LinkedHashMap<>();
        final TreeMap<Integer, Double> values = new TreeMap<>();
        final Map<String, Object> userAttrs = new LinkedHashMap<>();
        final Map<String, Object> systemAttrs = new LinkedHashMap<>();

        TrialRow(long id, int number, TrialState state, Double value, Instant start, Instant complete,
                 String failReason, TrialRecord record) {
            this.record = record;
            this.id = id;
            this.number = number;
            this.state = state;
            this.value = value;
            this.start = start;
            this.complete = complete;
            this.failReason = failReason;
        }

        FrozenTrial freeze() {
            return new FrozenTrial(id, number, state, value, params, distributions, values, userAttrs, systemAttrs,
                    start, complete, failReason, record);
        }
    }
}

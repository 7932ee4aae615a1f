package io.hpo4j.studies.storage;

import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.storage.ParamValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The row-level writes of {@link JdbcStorage}, in the caller's transaction: trial numbers, trial
 * rows, parameters, intermediate values, epochs and attributes. Checks of the trial's state and
 * the locks that make them safe are the caller's (see {@code JdbcStorage.writeRunningTrial}), except
 * for the conditional updates that take them ({@link #lockRunning} and friends).
 */
final class TrialWriter {

    /** The three attribute tables, which share one shape: owner id, {@code attr_key}, {@code value_json}. */
    enum AttrTable {
        STUDY("study_attrs", "study_id"),
        TRIAL_USER("trial_user_attrs", "trial_id"),
        TRIAL_SYSTEM("trial_system_attrs", "trial_id");

        final String table;
        final String ownerColumn;

        AttrTable(String table, String ownerColumn) {
            this.table = table;
            this.ownerColumn = ownerColumn;
        }
    }

    private final Connection c;

    TrialWriter(Connection connection) {
        this.c = connection;
    }

    /**
     * Allocates the study's next trial number. The update locks the study's row until the
     * transaction ends, so concurrent allocators (threads of this process, or other processes on
     * the same database) take turns, and reading the counter back in the same transaction gives
     * this allocator its own number. Compared with inserting {@code MAX(number) + 1} and retrying on
     * a unique violation: no retry loop, no dependence on the isolation level, and plain portable
     * SQL. {@code UNIQUE (study_id, number)} still guards the invariant.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    int nextTrialNumber(long studyId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE studies SET next_trial_number = next_trial_number + 1 WHERE study_id = ?")) {
            p.setLong(1, studyId);
            if (p.executeUpdate() == 0) {
                throw JdbcStorage.noStudy(studyId);
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT next_trial_number FROM studies WHERE study_id = ?")) {
            p.setLong(1, studyId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) - 1;
            }
        }
    }

    /**
     * Inserts a trial row; a RUNNING trial starts (and beats) at {@code startedAt}; an enqueued one
     * keeps its parameters' JSON. Returns its id.
     */
    long insertTrial(long studyId, int number, TrialState state, Instant startedAt, String enqueuedJson)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trials (study_id, number, state, started_at,"
                + " heartbeat_at, enqueued_params_json) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"trial_id"})) {
            p.setLong(1, studyId);
            p.setInt(2, number);
            p.setString(3, state.name());
            Sql.setInstant(p, 4, startedAt);
            Sql.setInstant(p, 5, startedAt);
            p.setString(6, enqueuedJson);
            p.executeUpdate();
            return Sql.generatedKey(p);
        }
    }

    Optional<Long> firstWaitingTrial(long studyId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT trial_id FROM trials WHERE study_id = ?"
                + " AND state = 'WAITING' ORDER BY number FETCH FIRST 1 ROWS ONLY")) {
            p.setLong(1, studyId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Moves a WAITING trial to RUNNING. Returns false if it was not WAITING any more: another
     * worker claimed it first (the update waited for that worker's lock, then matched nothing).
     */
    boolean claim(long trialId, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = 'RUNNING', started_at = ?,"
                + " heartbeat_at = ? WHERE trial_id = ? AND state = 'WAITING'")) {
            Sql.setInstant(p, 1, now);
            Sql.setInstant(p, 2, now);
            p.setLong(3, trialId);
            return p.executeUpdate() == 1;
        }
    }

    /** The JSON of the parameter's value, if the trial has it. */
    Optional<String> paramJson(long trialId, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT value_json FROM trial_params WHERE trial_id = ? AND name = ?")) {
            p.setLong(1, trialId);
            p.setString(2, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Adds a parameter after the trial's others. {@code value_numeric} gets the value if it is a
     * number, {@code value_text} the choice of a categorical parameter as text.
     */
    void insertParam(long trialId, String name, Distribution distribution, Object canonical) throws SQLException {
        int order;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trial_params WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                order = r.getInt(1);
            }
        }
        insertParams(trialId, Map.of(name, new ParamValue(distribution, canonical)), order);
    }

    /** The JSON of each parameter the trial has, by name. */
    Map<String, String> paramJsons(long trialId) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT name, value_json FROM trial_params WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
        }
        return out;
    }

    /**
     * Adds parameters (canonical values) in the map's order, in one batch, the first at position
     * {@code order} (the number of parameters the trial has).
     */
    void insertParams(long trialId, Map<String, ParamValue> params, int order)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trial_params (trial_id, name, param_order,"
                + " value_json, value_numeric, value_text, distribution_json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, ParamValue> e : params.entrySet()) {
                Distribution distribution = e.getValue().distribution();
                Object canonical = e.getValue().value();
                p.setLong(1, trialId);
                p.setString(2, e.getKey());
                p.setInt(3, order++);
                p.setString(4, Json.write(canonical));
                Sql.setDouble(p, 5, canonical instanceof Number n ? n.doubleValue() : null);
                p.setString(6, distribution instanceof CategoricalDistribution ? String.valueOf(canonical) : null);
                p.setString(7, DistributionJson.write(distribution));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Locks a RUNNING trial's row until the transaction ends, refreshing its heartbeat if
     * {@code heartbeat} is not null, and returns true; returns false (and changes nothing) if
     * the trial is not RUNNING or does not exist. An update rather than {@code SELECT ... FOR
     * UPDATE}: it checks the state and locks in one statement, and H2 keeps it parsed (it parses
     * a {@code FOR UPDATE} query on every call).
     */
    boolean lockRunning(long trialId, Instant heartbeat) throws SQLException {
        String set = heartbeat == null ? "state = state" : "heartbeat_at = ?";
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET " + set + " WHERE trial_id = ? AND state = 'RUNNING'")) {
            int i = 1;
            if (heartbeat != null) {
                Sql.setInstant(p, i++, heartbeat);
            }
            p.setLong(i, trialId);
            return p.executeUpdate() == 1;
        }
    }

    /** Sets the seed a RUNNING trial runs with, as {@link #lockRunning} locks it; false if it is not RUNNING. */
    boolean setSeedIfRunning(long trialId, long seed) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE trials SET trial_seed = ? WHERE trial_id = ? AND state = 'RUNNING'")) {
            p.setLong(1, seed);
            p.setLong(2, trialId);
            return p.executeUpdate() == 1;
        }
    }

    /** Records or replaces the intermediate value at {@code step}. */
    void putIntermediateValue(long trialId, int step, double value) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE trial_values SET intermediate_value = ? WHERE trial_id = ? AND step = ?")) {
            p.setDouble(1, value);
            p.setLong(2, trialId);
            p.setInt(3, step);
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO trial_values (intermediate_value, trial_id, step) VALUES (?, ?, ?)")) {
            p.setDouble(1, value);
            p.setLong(2, trialId);
            p.setInt(3, step);
            p.executeUpdate();
        }
    }

    /** Records or replaces one epoch of the learning curve. */
    void putEpoch(long trialId, EpochMetrics epoch, Instant recordedAt) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trial_epochs SET train_loss = ?, train_accuracy = ?,"
                + " validation_loss = ?, validation_accuracy = ?, seconds = ?, recorded_at = ?"
                + " WHERE trial_id = ? AND epoch = ?")) {
            bindEpoch(p, trialId, epoch, recordedAt);
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trial_epochs (train_loss, train_accuracy,"
                + " validation_loss, validation_accuracy, seconds, recorded_at, trial_id, epoch)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindEpoch(p, trialId, epoch, recordedAt);
            p.executeUpdate();
        }
    }

    /** Records or replaces an attribute; the caller holds the lock on the owning study or trial. */
    void putAttr(AttrTable attrs, long ownerId, String key, String json) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE " + attrs.table + " SET value_json = ? WHERE " + attrs.ownerColumn + " = ? AND attr_key = ?")) {
            p.setString(1, json);
            p.setLong(2, ownerId);
            p.setString(3, key);
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO " + attrs.table + " (value_json, " + attrs.ownerColumn + ", attr_key) VALUES (?, ?, ?)")) {
            p.setString(1, json);
            p.setLong(2, ownerId);
            p.setString(3, key);
            p.executeUpdate();
        }
    }

    /**
     * Records or replaces several attributes of one owner (the caller holds its lock): one query
     * for the keys it has, then one batch of inserts and, for keys it had, one of updates.
     */
    void putAttrs(AttrTable attrs, long ownerId, Map<String, String> jsonByKey) throws SQLException {
        if (jsonByKey.isEmpty()) {
            return;
        }
        Set<String> existing = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT attr_key FROM " + attrs.table + " WHERE " + attrs.ownerColumn + " = ?")) {
            p.setLong(1, ownerId);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    existing.add(r.getString(1));
                }
            }
        }
        batch("INSERT INTO " + attrs.table + " (value_json, " + attrs.ownerColumn + ", attr_key) VALUES (?, ?, ?)",
                ownerId, jsonByKey, key -> !existing.contains(key));
        batch("UPDATE " + attrs.table + " SET value_json = ? WHERE " + attrs.ownerColumn + " = ? AND attr_key = ?",
                ownerId, jsonByKey, existing::contains);
    }

    private void batch(String sql, long ownerId, Map<String, String> jsonByKey,
                       Predicate<String> which) throws SQLException {
        if (jsonByKey.keySet().stream().noneMatch(which)) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (Map.Entry<String, String> e : jsonByKey.entrySet()) {
                if (which.test(e.getKey())) {
                    p.setString(1, e.getValue());
                    p.setLong(2, ownerId);
                    p.setString(3, e.getKey());
                    p.addBatch();
                }
            }
            p.executeBatch();
        }
    }

    /** Refreshes the heartbeat of those of the trials that are still RUNNING. */
    void heartbeat(Collection<Long> trialIds, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE trials SET heartbeat_at = ? WHERE trial_id = ? AND state = 'RUNNING'")) {
            for (long id : trialIds) {
                Sql.setInstant(p, 1, now);
                p.setLong(2, id);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Finishes a RUNNING trial, as {@link #lockRunning} locks it; false (nothing written) if it is not RUNNING. */
    boolean finish(long trialId, TrialState state, Double value, TrialOutcome outcome, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = ?, objective_value = ?,"
                + " fail_reason = ?, completed_at = ?, objective_metric = ?, objective_direction = ?, best_epoch = ?,"
                + " stop_reason = ?, stop_epoch = ? WHERE trial_id = ? AND state = 'RUNNING'")) {
            p.setString(1, state.name());
            Sql.setDouble(p, 2, value);
            p.setString(3, outcome.stopReason().detail());
            Sql.setInstant(p, 4, now);
            p.setString(5, outcome.objective() == null ? null : outcome.objective().name());
            p.setString(6, outcome.objective() == null ? null : outcome.objective().direction().name());
            Sql.setInteger(p, 7, outcome.bestEpoch());
            p.setString(8, outcome.stopReason().kind());
            Sql.setInteger(p, 9, outcome.stopReason().epoch());
            p.setLong(10, trialId);
            return p.executeUpdate() == 1;
        }
    }

    /**
     * Fails the study's RUNNING trials whose heartbeat is older than {@code heartbeatBefore} and
     * returns their ids, by number. Each update repeats the conditions, so a trial that finished or
     * reported since the select is left alone.
     */
    List<Long> failStale(long studyId, Instant heartbeatBefore, String reason, Instant now) throws SQLException {
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT trial_id FROM trials WHERE study_id = ?"
                + " AND state = 'RUNNING' AND heartbeat_at < ? ORDER BY number")) {
            p.setLong(1, studyId);
            Sql.setInstant(p, 2, heartbeatBefore);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    stale.add(r.getLong(1));
                }
            }
        }
        List<Long> failed = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("UPDATE trials SET state = 'FAIL', fail_reason = ?,"
                + " completed_at = ?, stop_reason = 'worker_lost' WHERE trial_id = ? AND state = 'RUNNING'"
                + " AND heartbeat_at < ?")) {
            for (long id : stale) {
                p.setString(1, reason);
                Sql.setInstant(p, 2, now);
                p.setLong(3, id);
                Sql.setInstant(p, 4, heartbeatBefore);
                if (p.executeUpdate() == 1) {
                    failed.add(id);
                }
            }
        }
        return failed;
    }

    private static void bindEpoch(PreparedStatement p, long trialId, EpochMetrics epoch, Instant recordedAt)
            throws SQLException {
        p.setDouble(1, epoch.trainLoss());
        p.setDouble(2, epoch.trainAccuracy());
        p.setDouble(3, epoch.validationLoss());
        p.setDouble(4, epoch.validationAccuracy());
        p.setDouble(5, epoch.seconds());
        Sql.setInstant(p, 6, recordedAt);
        p.setLong(7, trialId);
        p.setInt(8, epoch.epoch());
    }
}

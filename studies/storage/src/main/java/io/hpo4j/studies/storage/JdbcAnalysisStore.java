package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.TrialState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link AnalysisStore} of a {@link JdbcStorage}: the {@code trial_analysis} table, curve
 * analyses of finished trials next to the trials they describe, for SQL users and for the CLI. Writing replaces a trial's previous analysis; each call
 * is one transaction on the storage's database, so it is idempotent and a reader never sees half
 * of a batch.
 *
 * <pre>{@code
 * AnalysisStore store = storage.analyses();
 * store.putAll(Map.of(trial.id(), analyzer.analyze(storage.epochs(trial.id()), monitor)), analyzer.thresholds());
 * // SQL:  SELECT * FROM trial_overview WHERE study = 'mnist-demo' AND verdict = 'OVERFIT'
 * }</pre>
 *
 * <p>Thread-safe, as the {@link JdbcStorage} it shares connections with.
 */
final class JdbcAnalysisStore implements AnalysisStore {

    private static final String COLUMNS = "a.trial_id, a.epochs, a.monitored_metric, a.best_epoch, a.gap_accuracy_best, "
            + "a.gap_accuracy_last, a.gap_loss_best, a.gap_loss_last, a.overfit_onset_epoch, a.verdict, a.reason, "
            + "a.thresholds_json, a.analyzed_at";

    private final JdbcStorage storage;

    JdbcAnalysisStore(JdbcStorage storage) {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        this.storage = storage;
    }

    /**
     * Stores the analyses of finished trials, by trial id, made with {@code thresholds}, replacing
     * what those trials had; all or nothing.
     *
     * @throws IllegalArgumentException if a trial does not exist
     * @throws IllegalStateException    if a trial has not finished (WAITING or RUNNING)
     */
    @Override
    public void putAll(Map<Long, CurveAnalysis> analyses, OverfitThresholds thresholds) {
        if (analyses.isEmpty()) {
            return;
        }
        String json = StoredAnalysis.json(thresholds);
        Instant now = storage.now();
        storage.replaying(() -> "store the curve analyses of " + analyses.size() + " trial(s) (ids "
                + analyses.keySet() + ")", c -> {
            for (Map.Entry<Long, CurveAnalysis> e : analyses.entrySet()) {
                put(c, e.getKey(), e.getValue(), json, now);
            }
            return null;
        });
    }

    /** The stored analyses of the study's trials, by trial id. */
    @Override
    public Map<Long, StoredAnalysis> ofStudy(long studyId) {
        return storage.reading(() -> "read the curve analyses of study id " + studyId, c -> {
            Map<Long, StoredAnalysis> out = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM trial_analysis a "
                    + "JOIN trials t ON t.trial_id = a.trial_id WHERE t.study_id = ? ORDER BY t.number")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        StoredAnalysis s = read(r);
                        out.put(s.trialId(), s);
                    }
                }
            }
            return out;
        });
    }

    /** The stored analysis of one trial, if any. */
    @Override
    public Optional<StoredAnalysis> ofTrial(long trialId) {
        return storage.reading(() -> "read the curve analysis of trial id " + trialId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM trial_analysis a WHERE a.trial_id = ?")) {
                p.setLong(1, trialId);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<StoredAnalysis>empty();
                }
            }
        });
    }

    private static void put(Connection c, long trialId, CurveAnalysis a, String thresholdsJson, Instant now)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT t.state, t.number, s.name FROM trials t JOIN studies s ON s.study_id = t.study_id "
                        + "WHERE t.trial_id = ? FOR UPDATE")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("cannot store a curve analysis: no trial with id " + trialId);
                }
                TrialState state = TrialState.valueOf(r.getString(1));
                if (!state.isFinished()) {
                    throw new IllegalStateException("cannot store the curve analysis of trial " + r.getInt(2)
                            + " in study '" + r.getString(3) + "': it is " + state + ", and only finished trials are analyzed");
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM trial_analysis WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trial_analysis (trial_id, epochs, monitored_metric, "
                + "best_epoch, gap_accuracy_best, gap_accuracy_last, gap_loss_best, gap_loss_last, overfit_onset_epoch, "
                + "verdict, reason, thresholds_json, analyzed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, trialId);
            p.setInt(2, a.epochs());
            p.setString(3, a.monitor().key());
            setInteger(p, 4, a.bestEpoch());
            Sql.setDouble(p, 5, a.gapAccuracyBest());
            Sql.setDouble(p, 6, a.gapAccuracyLast());
            Sql.setDouble(p, 7, a.gapLossBest());
            Sql.setDouble(p, 8, a.gapLossLast());
            setInteger(p, 9, a.overfitOnsetEpoch());
            p.setString(10, a.verdict().name());
            p.setString(11, a.reason());
            p.setString(12, thresholdsJson);
            Sql.setInstant(p, 13, now);
            p.executeUpdate();
        }
    }

    private static StoredAnalysis read(ResultSet r) throws SQLException {
        CurveAnalysis a = new CurveAnalysis(r.getInt(2), EpochMetrics.Metric.parse(r.getString(3)), getInteger(r, 4),
                Sql.getDouble(r, 5), Sql.getDouble(r, 6), Sql.getDouble(r, 7), Sql.getDouble(r, 8), getInteger(r, 9),
                Verdict.valueOf(r.getString(10)), r.getString(11));
        return new StoredAnalysis(r.getLong(1), a, r.getString(12), Sql.getInstant(r, 13));
    }

    private static void setInteger(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }

    private static Integer getInteger(ResultSet r, int column) throws SQLException {
        int v = r.getInt(column);
        return r.wasNull() ? null : v;
    }
}

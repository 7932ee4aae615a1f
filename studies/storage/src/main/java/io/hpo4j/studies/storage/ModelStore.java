package io.hpo4j.studies.storage;

import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.storage.Storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The artifact store of kept networks: model files (opaque bytes here; see
 * {@code io.hpo4j.trainers.model.ModelFile}) in the study's own database ({@code trial_models}),
 * and their scores on test data ({@code model_evaluations}). Because the bytes live where the
 * trials live, every worker of a study, on any machine, keeps and reads models through the same
 * JDBC URL, with no shared directory to set up.
 *
 * <h2>Top K, bounded and race-safe</h2>
 * {@link #keepIfAmongBest} inserts a trial's best-epoch model and deletes every BEST_EPOCH model
 * of the study that is no longer among the best {@code k} (by objective value in the study's
 * direction, ties to the lower trial number), in one transaction that first locks the study's
 * row ({@code SELECT ... FOR UPDATE}). Two workers finishing trials at once therefore trim one
 * after the other, and the study never holds more than {@code k} best-epoch models once a call
 * returns. Retrained models ({@link Kind#RETRAINED}) are kept one per trial until replaced.
 *
 * <h2>Trials that never complete</h2>
 * A trial keeps its model just before it is recorded COMPLETE (the network exists only while it
 * trains). If it is failed instead (its worker died in between, or recording the result failed),
 * its model no longer counts: only models of RUNNING and COMPLETE trials are ranked, and the next
 * keep of the study deletes those of FAIL and PRUNED trials.
 *
 * <pre>{@code
 * ModelStore models = ModelStore.of(storage);
 * if (models.wouldKeep(studyId, value, 3)) {
 *     models.keepIfAmongBest(trialId, value, bestEpoch, seed, ModelFile.toBytes(model), 3);
 * }
 * byte[] file = models.bytes(studyId, 7, Kind.BEST_EPOCH).orElseThrow();
 * }</pre>
 *
 * <p>Thread-safe, as the {@link JdbcStorage} it shares connections with.
 */
public final class ModelStore {

    /** Which network of a trial. */
    public enum Kind {
        /** The trial's own network, with the weights of its best epoch. */
        BEST_EPOCH,
        /** The trial's configuration retrained on training + validation data for its best epoch count. */
        RETRAINED
    }

    /** A kept model, without its bytes. */
    public record StoredModel(int trialNumber, Kind kind, double objectiveValue, int epochs, long seed, long sizeBytes,
                              String sha256, Instant createdAt) {
    }

    /** A model's score on the study's test data. */
    public record Evaluation(int trialNumber, Kind kind, String dataDescription, int examples, Double accuracy, Double loss,
                             String detailsJson, Instant evaluatedAt) {
    }

    /** The states of trials whose best-epoch models count: those that are or may still become COMPLETE. */
    private static final String CAN_COMPLETE = "('RUNNING', 'COMPLETE')";

    private final JdbcStorage storage;

    private ModelStore(JdbcStorage storage) {
        this.storage = storage;
    }

    /**
     * The model store of {@code storage}'s database.
     *
     * @throws IllegalArgumentException if {@code storage} is not a {@link JdbcStorage}
     */
    public static ModelStore of(Storage storage) {
        if (storage instanceof JdbcStorage jdbc) {
            return new ModelStore(jdbc);
        }
        throw new IllegalArgumentException("models are kept in a study database (JdbcStorage), but the storage is "
                + storage);
    }

    /**
     * Whether a trial of the study that completes with {@code value} would be among its best
     * {@code k} kept models now (so the caller can skip serializing a model that would not be kept).
     */
    public boolean wouldKeep(long studyId, double value, int k) {
        if (k < 1 || !Double.isFinite(value)) {
            return false;
        }
        return storage.reading(() -> "check whether a model with value " + value + " is among the best " + k
                + " of study id " + studyId, c -> {
            Direction direction = direction(c, studyId, false);
            String better = direction == Direction.MAXIMIZE ? ">=" : "<=";
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM trial_models m JOIN trials t ON t.trial_id = m.trial_id "
                    + "WHERE t.study_id = ? AND m.kind = 'BEST_EPOCH' AND t.state IN " + CAN_COMPLETE
                    + " AND m.objective_value " + better + " ?")) {
                p.setLong(1, studyId);
                p.setDouble(2, value);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1) < k;
                }
            }
        });
    }

    /**
     * Stores the best-epoch model of a trial and trims the study's best-epoch models to its best
     * {@code k}, atomically (see the class comment).
     *
     * @return the trial numbers whose models were removed (pushed out of the best {@code k}, or of
     *         trials that failed or were pruned); it contains this trial's number if the model did
     *         not make it into the best {@code k}
     * @throws IllegalArgumentException if {@code k < 1}, the value is not finite, or there is no such trial
     */
    public List<Integer> keepIfAmongBest(long trialId, double value, int epoch, long seed, byte[] bytes, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("keep_models must be >= 1 to keep a model, but got " + k);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a kept model needs a finite objective value, but got " + value);
        }
        Instant now = storage.now();
        return storage.replaying(() -> "keep the model of trial id " + trialId + " (" + bytes.length + " bytes)", c -> {
            long studyId = studyOf(c, trialId);
            Direction direction = direction(c, studyId, true); // serializes the keepers of this study
            put(c, trialId, Kind.BEST_EPOCH, value, epoch, seed, bytes, now);
            List<Integer> removed = new ArrayList<>();
            List<long[]> neverComplete = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT m.trial_id, t.number FROM trial_models m "
                    + "JOIN trials t ON t.trial_id = m.trial_id WHERE t.study_id = ? AND m.kind = 'BEST_EPOCH' "
                    + "AND t.state NOT IN " + CAN_COMPLETE + " ORDER BY t.number")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        neverComplete.add(new long[] {r.getLong(1), r.getInt(2)});
                    }
                }
            }
            String order = direction == Direction.MAXIMIZE ? "DESC" : "ASC";
            List<long[]> ranked = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT m.trial_id, t.number FROM trial_models m "
                    + "JOIN trials t ON t.trial_id = m.trial_id WHERE t.study_id = ? AND m.kind = 'BEST_EPOCH' "
                    + "AND t.state IN " + CAN_COMPLETE + " ORDER BY m.objective_value " + order + ", t.number ASC")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ranked.add(new long[] {r.getLong(1), r.getInt(2)});
                    }
                }
            }
            List<long[]> surplus = new ArrayList<>(neverComplete);
            surplus.addAll(ranked.subList(Math.min(k, ranked.size()), ranked.size()));
            try (PreparedStatement d = c.prepareStatement("DELETE FROM trial_models WHERE trial_id = ? AND kind = 'BEST_EPOCH'")) {
                for (long[] model : surplus) {
                    d.setLong(1, model[0]);
                    d.executeUpdate();
                    removed.add((int) model[1]);
                }
            }
            return removed;
        });
    }

    /** Stores (or replaces) the retrained model of a trial. */
    public void putRetrained(long trialId, double value, int epochs, long seed, byte[] bytes) {
        Instant now = storage.now();
        storage.replaying(() -> "store the retrained model of trial id " + trialId, c -> {
            studyOf(c, trialId);
            put(c, trialId, Kind.RETRAINED, value, epochs, seed, bytes, now);
            return null;
        });
    }

    /** The study's kept models, best-epoch ones first, each by trial number. */
    public List<StoredModel> models(long studyId) {
        return storage.reading(() -> "list the kept models of study id " + studyId, c -> {
            List<StoredModel> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT t.number, m.kind, m.objective_value, m.epochs, m.seed, "
                    + "m.size_bytes, m.sha256, m.created_at FROM trial_models m JOIN trials t ON t.trial_id = m.trial_id "
                    + "WHERE t.study_id = ? ORDER BY m.kind, t.number")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new StoredModel(r.getInt(1), Kind.valueOf(r.getString(2)), r.getDouble(3), r.getInt(4),
                                r.getLong(5), r.getLong(6), r.getString(7), Sql.getInstant(r, 8)));
                    }
                }
            }
            return out;
        });
    }

    /** The bytes of a kept model. */
    public Optional<byte[]> bytes(long studyId, int trialNumber, Kind kind) {
        return storage.reading(() -> "read the " + kind + " model of trial " + trialNumber + " of study id " + studyId, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT m.model_bytes FROM trial_models m "
                    + "JOIN trials t ON t.trial_id = m.trial_id WHERE t.study_id = ? AND t.number = ? AND m.kind = ?")) {
                p.setLong(1, studyId);
                p.setInt(2, trialNumber);
                p.setString(3, kind.name());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /** Bytes used by the study's kept models. */
    public long totalBytes(long studyId) {
        return models(studyId).stream().mapToLong(StoredModel::sizeBytes).sum();
    }

    /** Stores (or replaces) a model's score on the study's test data. */
    public void putEvaluation(long trialId, Kind kind, String dataDescription, int examples, double accuracy, double loss,
                              String detailsJson) {
        Instant now = storage.now();
        storage.replaying(() -> "store the test evaluation of the " + kind + " model of trial id " + trialId, c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM model_evaluations WHERE trial_id = ? AND kind = ? AND dataset = 'TEST'")) {
                d.setLong(1, trialId);
                d.setString(2, kind.name());
                d.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO model_evaluations (trial_id, kind, dataset, data_description, "
                    + "examples, accuracy, loss, details_json, evaluated_at) VALUES (?, ?, 'TEST', ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, trialId);
                p.setString(2, kind.name());
                p.setString(3, dataDescription);
                p.setInt(4, examples);
                Sql.setDouble(p, 5, Double.isFinite(accuracy) ? accuracy : null);
                Sql.setDouble(p, 6, Double.isFinite(loss) ? loss : null);
                p.setString(7, detailsJson);
                Sql.setInstant(p, 8, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores the study's selection verdict (table {@code selection_verdicts}, view
     * {@code selection_optimism}) so that SQL shows it as the leaderboard does; without evaluated
     * trials, removes it.
     */
    public void putSelection(long studyId, SelectionOptimism optimism) {
        Instant now = storage.now();
        storage.inTransaction(() -> "store the selection verdict of study id " + studyId, c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM selection_verdicts WHERE study_id = ?")) {
                d.setLong(1, studyId);
                d.executeUpdate();
            }
            if (optimism.chosen().isEmpty()) {
                return null;
            }
            SelectionOptimism.Row chosen = optimism.chosen().get();
            double se = optimism.accuracy() ? chosen.standardError() : Double.NaN;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO selection_verdicts (study_id, metric, chosen_trial, "
                    + "validation_value, test_value, optimism, standard_error, mean_gap, kept_trials, candidates, verdict, "
                    + "computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, studyId);
                p.setString(2, optimism.accuracy() ? "accuracy" : "loss");
                p.setInt(3, chosen.number());
                p.setDouble(4, chosen.validation());
                p.setDouble(5, chosen.test());
                p.setDouble(6, optimism.optimism());
                Sql.setDouble(p, 7, Double.isFinite(se) ? se : null);
                p.setDouble(8, optimism.meanGap());
                p.setInt(9, optimism.rows().size());
                p.setInt(10, optimism.trials());
                p.setString(11, optimism.verdict());
                Sql.setInstant(p, 12, now);
                p.executeUpdate();
            }
            return null;
        });
    }

    /** The study's test evaluations, by trial number and kind. */
    public List<Evaluation> evaluations(long studyId) {
        return storage.reading(() -> "read the test evaluations of study id " + studyId, c -> {
            List<Evaluation> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT t.number, e.kind, e.data_description, e.examples, e.accuracy, "
                    + "e.loss, e.details_json, e.evaluated_at FROM model_evaluations e JOIN trials t ON t.trial_id = e.trial_id "
                    + "WHERE t.study_id = ? ORDER BY t.number, e.kind")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new Evaluation(r.getInt(1), Kind.valueOf(r.getString(2)), r.getString(3), r.getInt(4),
                                Sql.getDouble(r, 5), Sql.getDouble(r, 6), r.getString(7), Sql.getInstant(r, 8)));
                    }
                }
            }
            return out;
        });
    }

    private static void put(Connection c, long trialId, Kind kind, double value, int epochs, long seed, byte[] bytes,
                            Instant now) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM trial_models WHERE trial_id = ? AND kind = ?")) {
            d.setLong(1, trialId);
            d.setString(2, kind.name());
            d.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO trial_models (trial_id, kind, objective_value, epochs, seed, "
                + "size_bytes, sha256, model_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setLong(1, trialId);
            p.setString(2, kind.name());
            p.setDouble(3, value);
            p.setInt(4, epochs);
            p.setLong(5, seed);
            p.setLong(6, bytes.length);
            p.setString(7, sha256(bytes));
            p.setBytes(8, bytes);
            Sql.setInstant(p, 9, now);
            p.executeUpdate();
        }
    }

    private static long studyOf(Connection c, long trialId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT study_id FROM trials WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalArgumentException("no trial with id " + trialId);
                }
                return r.getLong(1);
            }
        }
    }

    private static Direction direction(Connection c, long studyId, boolean lock) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT direction FROM studies WHERE study_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            p.setLong(1, studyId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw JdbcStorage.noStudy(studyId);
                }
                return Direction.valueOf(r.getString(1));
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

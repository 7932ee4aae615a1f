package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialRecord;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.storage.ParamValue;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StorageException;
import io.hpo4j.tuner.storage.StudyRecord;
import io.hpo4j.tuner.storage.StudySummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * A {@link Storage} in a relational database reached through JDBC: an embedded H2 file by
 * default, any {@link DataSource} whose database speaks standard SQL otherwise. The tables are
 * meant to be read by people too (see the README, section "Where studies live"); the schema is created and
 * upgraded by numbered migrations when the storage opens.
 *
 * <pre>{@code
 * try (JdbcStorage storage = JdbcStorage.open(StorageLocations.defaultUrl())) {
 *     Study study = Study.builder("mnist-mlp").storage(storage).direction(Direction.MAXIMIZE).build();
 *     study.optimize(objective, 50);
 * }
 * // elsewhere, even while the study runs:  SELECT * FROM trial_epochs WHERE trial_id = 42
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Every method is one transaction, committed before it returns: an epoch is in the database
 *       when {@link #addEpoch} returns. For H2 files {@link #open} sets {@code WRITE_DELAY=0}, so a
 *       process that dies right after a call has still written it.</li>
 *   <li>A transaction whose commit got no answer (the connection broke at that moment) is never
 *       written twice and, with retries on, never an error: see {@link OnUnknownCommit}; one that
 *       adds a trial or claims one is settled by the trial's id, which the database never hands
 *       out twice.</li>
 *   <li>Trial numbers are allocated by incrementing {@code studies.next_trial_number} in the
 *       transaction that inserts the trial: the row lock taken by that update serializes
 *       allocators in all threads and all processes, and {@code UNIQUE (study_id, number)} backs
 *       it up. An allocator never retries and never leaves a gap.</li>
 *   <li>Every write to a trial starts with an update of its row on the condition that it is
 *       RUNNING ({@code UPDATE trials ... WHERE trial_id = ? AND state = 'RUNNING'}, the finish
 *       itself for a finish): the update locks the row and the count says whether the trial was
 *       RUNNING, so a write cannot slip in after the trial finished.</li>
 *   <li>{@link #claimWaitingTrial} moves a trial with {@code UPDATE ... WHERE state = 'WAITING'}
 *       and checks the count, so two workers never claim the same trial.</li>
 *   <li>{@link #trials} reads a study with five queries (trials, parameters, intermediate values,
 *       user and system attributes), however many trials it has.</li>
 *   <li>Failures of the database become {@link StorageException}s naming the operation, the trial
 *       and the study, e.g. {@code could not add epoch 3 of trial 7 in study 'demo': ...}.</li>
 * </ul>
 *
 * <p>Times come from the injected {@link Clock}, truncated to microseconds (what
 * {@code TIMESTAMP WITH TIME ZONE} keeps). Thread-safe: share one instance between the threads of
 * a process; several processes may open the same database. Close it to release its connections.
 */
public final class JdbcStorage implements Storage {

    /** Connections in the pool that {@link #open} creates. */
    static final int MAX_CONNECTIONS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final String location;
    private final Runnable release;
    private final Runnable evictConnections;
    private final StorageUrls.Kind kind;
    private final RetryPolicy retry;
    private final HeartbeatPolicy heartbeat;
    private final TrialBeater beater;
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Whether a call waited out the whole retry window without an answer, and no call went through
     * since: further calls then try once instead of waiting as long again.
     */
    private volatile boolean gaveUp;
    /** Study names by id, for messages; names never change and ids are never reused. */
    private final Map<Long, String> studyNames = new ConcurrentHashMap<>();
    /** When each study was last swept for lost trials, so that a sweep runs at most once per beat interval. */
    private final Map<Long, Instant> lastSweep = new ConcurrentHashMap<>();
    /**
     * Snapshots of finished trials by id: they never change (the contract), so {@link #trials}
     * reads only their ids again. Ids are never reused, so a deleted study's entries are never hit.
     */
    private final Map<Long, FrozenTrial> finishedTrials = new ConcurrentHashMap<>();

    /**
     * A storage over a data source the caller owns (and closes). The schema is created or upgraded
     * now. No heartbeats, no retries: see {@link #builder(String)} for those.
     *
     * @throws StorageException if the database cannot be reached, or its schema is newer than this code
     */
    public JdbcStorage(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    /** As {@link #JdbcStorage(DataSource)}, with the clock that stamps trials and epochs. */
    public JdbcStorage(DataSource dataSource, Clock clock) {
        this(dataSource, clock, String.valueOf(dataSource), () -> { }, () -> { }, null, RetryPolicy.NONE, null);
    }

    /**
     * A storage over a caller's data source that retries as one opened by URL for a database of
     * {@code kind} does: for tests that make the database fail as a server would.
     */
    static JdbcStorage retryingAs(DataSource dataSource, StorageUrls.Kind kind, RetryPolicy retry) {
        return new JdbcStorage(dataSource, Clock.systemUTC(), String.valueOf(dataSource), () -> { }, () -> { }, kind, retry, null);
    }

    private JdbcStorage(DataSource dataSource, Clock clock, String location, Runnable release, Runnable evictConnections,
                        StorageUrls.Kind kind, RetryPolicy retry, HeartbeatPolicy heartbeat) {
        if (dataSource == null || clock == null) {
            throw new IllegalArgumentException("data source and clock must not be null, but got "
                    + dataSource + " and " + clock);
        }
        this.dataSource = dataSource;
        this.clock = clock;
        this.location = location;
        this.release = release;
        this.evictConnections = evictConnections;
        this.kind = kind;
        this.retry = retry;
        this.heartbeat = heartbeat;
        retrying(() -> "open the storage at " + location, () -> {
            Migrations.migrate(dataSource, clock, location);
            return null;
        });
        this.beater = heartbeat == null ? null
                : new TrialBeater(heartbeat.interval(), location.replaceAll("[^A-Za-z0-9:._-]", "_"), this::beat);
    }

    /** {@link #open(String, Clock)} with the system clock. */
    public static JdbcStorage open(String jdbcUrl) {
        return open(jdbcUrl, Clock.systemUTC());
    }

    /**
     * Opens the database at {@code jdbcUrl} with the credentials of the environment (see
     * {@link Credentials}), retrying for {@link RetryPolicy#DEFAULT}'s window when it cannot be
     * reached, without heartbeats. The same as {@code builder(jdbcUrl).clock(clock).build()}.
     *
     * @param jdbcUrl an H2 or PostgreSQL URL, e.g. {@code jdbc:h2:file:/data/hpo/studies},
     *                {@code jdbc:h2:tcp://127.0.0.1:9092/studies}, {@code jdbc:postgresql://db:5432/hpo}
     * @throws IllegalArgumentException if the URL is neither
     * @throws StorageException         if the directory cannot be created or the database cannot be opened
     */
    public static JdbcStorage open(String jdbcUrl, Clock clock) {
        return builder(jdbcUrl).clock(clock).build();
    }

    /** Settings for opening the database at {@code jdbcUrl}: credentials, clock, heartbeats, retries. */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /** Opens {@link StorageLocations#defaultUrl()}: {@code $HPO4J_STORAGE}, or {@code ~/.hpo4j/studies}. */
    public static JdbcStorage openDefault() {
        return open(StorageLocations.defaultUrl());
    }

    /**
     * How to open a storage. Only the URL is required: credentials default to
     * {@link Credentials#fromEnvironment}, the clock to UTC, retries to {@link RetryPolicy#DEFAULT},
     * heartbeats to off (turn them on for several workers: {@link HeartbeatPolicy#DEFAULT}).
     *
     * <pre>{@code
     * JdbcStorage storage = JdbcStorage.builder("jdbc:postgresql://db:5432/hpo")
     *         .credentials(Credentials.resolve(url, System.getenv(), Path.of("/run/secrets/hpo-db")))
     *         .heartbeat(HeartbeatPolicy.DEFAULT.withRetryFailed(1))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final String url;
        private Credentials credentials;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private HeartbeatPolicy heartbeat;
        private boolean mustExist;

        private Builder(String url) {
            this.url = url == null ? null : url.strip();
        }

        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        /** Beats for running trials and fails lost ones; null for none. */
        public Builder heartbeat(HeartbeatPolicy heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        /**
         * With {@code true}, an H2 file that does not exist is an error instead of being created:
         * for commands that only read.
         */
        public Builder mustExist(boolean mustExist) {
            this.mustExist = mustExist;
            return this;
        }

        /**
         * Opens the database and brings its schema up to date.
         *
         * @throws IllegalArgumentException if the URL is not one hpo4j opens, or the H2 file must
         *                                  exist and does not, or is empty (0 bytes)
         * @throws StorageException         if the database cannot be opened
         */
        public JdbcStorage build() {
            StorageUrls.Kind kind = StorageUrls.kind(url);
            if (clock == null || retry == null) {
                throw new IllegalArgumentException("clock and retry policy must not be null");
            }
            String full = kind == StorageUrls.Kind.POSTGRESQL ? url : H2Urls.withDefaults(url);
            String shown = StorageUrls.redacted(full);
            Optional<Path> file = kind == StorageUrls.Kind.H2_FILE ? H2Urls.databaseFile(full) : Optional.empty();
            if (file.isPresent()) {
                checkDatabaseFile(file.get(), shown, mustExist);
                createParentDirectory(file.get(), shown);
            }
            Credentials given = credentials != null ? credentials : Credentials.fromEnvironment(full);
            String connectUrl = full;
            if (kind != StorageUrls.Kind.POSTGRESQL) {
                // H2 refuses USER and PASSWORD both in the URL and as arguments: the URL's win.
                given = new Credentials(H2Urls.settings(full).getOrDefault("USER", given.user()),
                        H2Urls.settings(full).containsKey("PASSWORD") ? H2Urls.password(full) : given.password());
                connectUrl = H2Urls.withoutCredentials(full);
            }
            ConnectionPools.Pool pool = ConnectionPools.open(connectUrl, kind, given, MAX_CONNECTIONS);
            try {
                return new JdbcStorage(pool.dataSource(), clock, shown, pool.close(), pool.evictConnections(), kind,
                        kind == StorageUrls.Kind.H2_MEMORY ? RetryPolicy.NONE : retry, heartbeat);
            } catch (RuntimeException e) {
                pool.close().run();
                throw e;
            }
        }
    }

    /** The curve analyses of this storage's trials, in its {@code trial_analysis} table. */
    public AnalysisStore analyses() {
        return new JdbcAnalysisStore(this);
    }

    /** The database this storage writes to: its URL (password masked) or its data source. */
    public String location() {
        return location;
    }

    // ---------------------------------------------------------------- studies

    @Override
    public StudyRecord createStudy(String name, Direction direction) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("study name must not be blank, but got '" + name + "'");
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException("study name must be at most 255 characters, but got " + name.length());
        }
        if (direction == null) {
            throw new IllegalArgumentException("study '" + name + "': direction must not be null");
        }
        Instant now = now();
        // Settled by the study's id: generated in the transaction, never handed out twice.
        StudyRecord record = settling(() -> "create study '" + name + "'", c -> {
            if (findStudy(c, name).isPresent()) {
                throw new IllegalArgumentException("study '" + name + "' already exists");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO studies (name, direction, created_at, next_trial_number) VALUES (?, ?, ?, 0)",
                    new String[] {"study_id"})) {
                p.setString(1, name);
                p.setString(2, direction.name());
                Sql.setInstant(p, 3, now);
                p.executeUpdate();
                return new StudyRecord(Sql.generatedKey(p), name, direction, now);
            } catch (SQLException e) {
                if (Sql.isUniqueViolation(e)) {
                    throw new IllegalArgumentException("study '" + name + "' already exists", e);
                }
                throw e;
            }
        }, created -> findStudy(name).map(StudyRecord::id).equals(Optional.of(created.id())));
        studyNames.put(record.id(), name);
        return record;
    }

    @Override
    public Optional<StudyRecord> findStudy(String name) {
        return reading(() -> "find study '" + name + "'", c -> findStudy(c, name));
    }

    @Override
    public List<StudySummary> studies() {
        return reading(() -> "list the studies", StudySummaryQuery::run);
    }

    @Override
    public boolean deleteStudy(String name) {
        finishedTrials.clear(); // the cache does not know studies; rebuilding it costs one read per trial
        boolean deleted = inTransaction(() -> "delete study '" + name + "'", c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM studies WHERE name = ?")) {
                p.setString(1, name);
                return p.executeUpdate() > 0;
            }
        });
        studyNames.values().removeIf(name::equals);
        return deleted;
    }

    @Override
    public void setStudyAttr(long studyId, String key, Object value) {
        requireKey(key);
        String json = Json.write(value);
        replaying(() -> "set attribute '" + key + "' of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, true);
            new TrialWriter(c).putAttr(TrialWriter.AttrTable.STUDY, studyId, key, json);
            return null;
        });
    }

    @Override
    public Map<String, Object> studyAttrs(long studyId) {
        return reading(() -> "read the attributes of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            Map<String, Object> attrs = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT attr_key, value_json FROM study_attrs WHERE study_id = ? ORDER BY attr_key")) {
                p.setLong(1, studyId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        attrs.put(r.getString(1), Json.parse(r.getString(2)));
                    }
                }
            }
            return Collections.unmodifiableMap(attrs);
        });
    }

    // ---------------------------------------------------------------- new trials

    @Override
    public FrozenTrial createTrial(long studyId) {
        sweepLostTrials(studyId);
        Instant now = now();
        return beating(settling(() -> "create a trial in " + studyLabel(studyId), c -> insertRunning(c, studyId, now),
                this::startedHere));
    }

    /** Claims a waiting trial or else creates one, in one transaction (one commit per new trial). */
    @Override
    public FrozenTrial claimOrCreateTrial(long studyId) {
        sweepLostTrials(studyId);
        Instant now = now();
        return beating(settling(() -> "start a trial in " + studyLabel(studyId), c -> {
            if (!studyNames.containsKey(studyId)) {
                requireStudy(c, studyId, false); // for messages; an unknown study fails when it numbers the trial
            }
            Optional<FrozenTrial> claimed = claim(c, studyId, now);
            return claimed.isPresent() ? claimed.get() : insertRunning(c, studyId, now);
        }, this::startedHere));
    }

    /**
     * Whether {@code trial}, as a transaction whose commit got no answer started it, is stored
     * started by that transaction: its id (generated in the transaction, never handed out twice)
     * with its start time (a claim of a waiting trial by another worker would have another).
     */
    private boolean startedHere(FrozenTrial trial) {
        return readTrial(trial.id()).filter(t -> java.util.Objects.equals(t.start(), trial.start())).isPresent();
    }

    private Optional<FrozenTrial> readTrial(long trialId) {
        return reading(() -> "read trial id " + trialId, c -> new TrialReader(c).byId(trialId));
    }

    private static FrozenTrial insertRunning(Connection c, long studyId, Instant now) throws SQLException {
        TrialWriter writer = new TrialWriter(c);
        int number = writer.nextTrialNumber(studyId);
        long id = writer.insertTrial(studyId, number, TrialState.RUNNING, now, null);
        return new FrozenTrial(id, number, TrialState.RUNNING, null, Map.of(), Map.of(), new TreeMap<>(),
                Map.of(), Map.of(), now, null, null);
    }

    @Override
    public FrozenTrial enqueueTrial(long studyId, Map<String, Object> fixedParams) {
        return settling(() -> "enqueue a trial in " + studyLabel(studyId), c -> enqueue(c, studyId, fixedParams, Map.of()),
                enqueued -> readTrial(enqueued.id()).isPresent());
    }

    /** Inserts a WAITING trial with its enqueued parameters and other system attributes. */
    private static FrozenTrial enqueue(Connection c, long studyId, Map<String, Object> fixedParams,
                                       Map<String, Object> otherAttrs) throws SQLException {
        String json = Json.write(fixedParams);
        TrialWriter writer = new TrialWriter(c);
        int number = writer.nextTrialNumber(studyId);
        long id = writer.insertTrial(studyId, number, TrialState.WAITING, null, json);
        Map<String, Object> systemAttrs = new LinkedHashMap<>();
        for (Map.Entry<String, Object> a : otherAttrs.entrySet()) {
            String attr = Json.write(a.getValue());
            writer.putAttr(TrialWriter.AttrTable.TRIAL_SYSTEM, id, a.getKey(), attr);
            systemAttrs.put(a.getKey(), Json.parse(attr));
        }
        return new FrozenTrial(id, number, TrialState.WAITING, null, Map.of(), Map.of(), new TreeMap<>(),
                Map.of(), systemAttrs, null, null, null, TrialRecord.EMPTY.withEnqueuedParams(Json.parseObject(json)));
    }

    @Override
    public Optional<FrozenTrial> claimWaitingTrial(long studyId) {
        sweepLostTrials(studyId);
        Instant now = now();
        return beatingIfClaimed(settling(() -> "claim a waiting trial of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            return claim(c, studyId, now);
        }, claimed -> claimed.isEmpty() || startedHere(claimed.get())));
    }

    private static Optional<FrozenTrial> claim(Connection c, long studyId, Instant now) throws SQLException {
        TrialWriter writer = new TrialWriter(c);
        Optional<Long> candidate;
        while ((candidate = writer.firstWaitingTrial(studyId)).isPresent()) {
            // Another worker may claim the same trial first; then look for the next one.
            if (writer.claim(candidate.get(), now)) {
                return new TrialReader(c).byId(candidate.get());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- heartbeats

    private FrozenTrial beating(FrozenTrial trial) {
        if (beater != null) {
            beater.add(trial.id());
        }
        return trial;
    }

    private Optional<FrozenTrial> beatingIfClaimed(Optional<FrozenTrial> trial) {
        trial.ifPresent(this::beating);
        return trial;
    }

    /**
     * The beater's work, every interval while this storage runs trials: refreshes the heartbeats
     * of the given trials that are still RUNNING (one UPDATE), then sweeps the studies this storage
     * starts trials in for lost ones, so that a lost trial is failed (and retried) within grace +
     * interval even while every worker is in the middle of a long trial.
     */
    private void beat(Set<Long> trialIds) {
        Instant now = now();
        replaying(() -> "beat for trials " + trialIds, c -> {
            new TrialWriter(c).heartbeat(trialIds, now);
            return null;
        });
        for (Long studyId : lastSweep.keySet()) {
            try {
                sweepLostTrials(studyId);
            } catch (IllegalArgumentException deleted) {
                lastSweep.remove(studyId); // the study was deleted meanwhile
            }
        }
    }

    /**
     * With heartbeats on, fails the study's RUNNING trials whose heartbeat is older than the grace
     * period and, if asked, enqueues their parameters again, in one transaction: of several workers
     * that sweep at once, each lost trial is failed (and retried) by exactly one. At most once per
     * beat interval per study; before a trial starts, and from the beater while trials run.
     */
    private void sweepLostTrials(long studyId) {
        if (heartbeat == null) {
            return;
        }
        Instant now = now();
        Instant last = lastSweep.get(studyId);
        if (last != null && now.isBefore(last.plus(heartbeat.interval()))) {
            return;
        }
        lastSweep.put(studyId, now);
        Instant before = now.minus(heartbeat.grace());
        List<FrozenTrial> lost = replaying(() -> "fail the lost trials of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            TrialReader reader = new TrialReader(c);
            List<FrozenTrial> failed = new ArrayList<>();
            for (long id : new TrialWriter(c).failStale(studyId, before, heartbeat.lostReason(), now)) {
                FrozenTrial trial = reader.byId(id).orElseThrow();
                failed.add(trial);
                int retries = trial.systemAttrs().get(HeartbeatPolicy.RETRY_COUNT) instanceof Number n ? n.intValue() : 0;
                if (retries < heartbeat.retryFailed()) {
                    Map<String, Object> attrs = new LinkedHashMap<>();
                    attrs.put(HeartbeatPolicy.RETRY_OF, trial.number());
                    attrs.put(HeartbeatPolicy.RETRY_COUNT, retries + 1);
                    enqueue(c, studyId, new LinkedHashMap<>(trial.params()), attrs);
                }
            }
            return failed;
        });
        for (FrozenTrial t : lost) {
            LOG.warn("study '{}': trial {} marked FAIL: {}", studyNames.getOrDefault(studyId, String.valueOf(studyId)),
                    t.number(), heartbeat.lostReason());
        }
    }

    // ---------------------------------------------------------------- trial writes

    @Override
    public void setTrialParam(long trialId, String name, Distribution distribution, Object value) {
        if (name == null || name.isBlank() || distribution == null) {
            throw new IllegalArgumentException("a parameter needs a name and a distribution, but got name '" + name
                    + "' and distribution " + distribution);
        }
        updateRunningTrial(trialId, "set parameter '" + name + "' of {trial}", false, paramsStored(trialId, Set.of(name)), (c, trial) -> {
            TrialWriter writer = new TrialWriter(c);
            Optional<String> existing = writer.paramJson(trialId, name);
            if (existing.isPresent()) {
                throw new IllegalStateException("trial " + trial.number() + ": parameter " + name
                        + " is already set to " + existing.get());
            }
            if (!distribution.contains(value)) {
                throw new IllegalArgumentException(name + ": value " + value + " is outside " + distribution.describe());
            }
            writer.insertParam(trialId, name, distribution, distribution.canonical(value));
        });
    }

    @Override
    public void setIntermediateValue(long trialId, int step, double value) {
        updateRunningTrial(trialId, "report step " + step + " of {trial}", true, null,
                (c, trial) -> new TrialWriter(c).putIntermediateValue(trialId, step, value));
    }

    @Override
    public void addEpoch(long trialId, EpochMetrics epoch) {
        if (epoch == null) {
            throw new IllegalArgumentException("epoch metrics must not be null");
        }
        Instant now = now();
        updateRunningTrial(trialId, "add epoch " + epoch.epoch() + " of {trial}", true, null,
                (c, trial) -> new TrialWriter(c).putEpoch(trialId, epoch, now));
    }

    @Override
    public void setTrialUserAttr(long trialId, String key, Object value) {
        requireKey(key);
        String json = Json.write(value);
        updateRunningTrial(trialId, "set user attribute '" + key + "' of {trial}", false, null,
                (c, trial) -> new TrialWriter(c).putAttr(TrialWriter.AttrTable.TRIAL_USER, trialId, key, json));
    }

    @Override
    public void setTrialSystemAttr(long trialId, String key, Object value) {
        requireKey(key);
        String json = Json.write(value);
        updateRunningTrial(trialId, "set system attribute '" + key + "' of {trial}", false, null,
                (c, trial) -> new TrialWriter(c).putAttr(TrialWriter.AttrTable.TRIAL_SYSTEM, trialId, key, json));
    }

    // ---------------------------------------------------------------- typed trial records (issue 8)

    @Override
    public FrozenTrial recordTrialEnd(long trialId, TrialState state, Double value, TrialOutcome outcome) {
        if (state == null || !state.isFinished()) {
            throw new IllegalArgumentException("a trial finishes as COMPLETE, PRUNED or FAIL, but got " + state);
        }
        if (outcome == null) {
            throw new IllegalArgumentException("finishing a trial needs its outcome, but got null");
        }
        Instant now = now();
        // A finish whose commit got no answer stands if the trial is stored finished as asked; if
        // it is still RUNNING, the finish runs again (and fails if another worker finished it meanwhile).
        FrozenTrial finished = writeRunningTrial(trialId, "finish {trial} as " + state,
                writer -> writer.finish(trialId, state, value, outcome, now),
                (c, trial) -> new TrialReader(c).byId(trialId).orElseThrow(),
                result -> {
                    FrozenTrial stored = trial(trialId);
                    return stored.state() == state && java.util.Objects.equals(stored.value(), value);
                });
        if (beater != null) {
            beater.remove(trialId);
        }
        finishedTrials.put(trialId, finished);
        return finished;
    }

    @Override
    public void recordTrialStart(long trialId, long seed, Map<String, Object> systemAttrs, Map<String, ParamValue> params) {
        Map<String, String> json = new LinkedHashMap<>();
        systemAttrs.forEach((key, value) -> {
            requireKey(key);
            json.put(key, Json.write(value));
        });
        Map<String, ParamValue> canonical = canonicalParams(params);
        // The seed is written with the rest, and by nobody else: stored, the start was committed.
        writeRunningTrial(trialId, "record the start of {trial}", writer -> writer.setSeedIfRunning(trialId, seed),
                (c, trial) -> {
                    new TrialWriter(c).putAttrs(TrialWriter.AttrTable.TRIAL_SYSTEM, trialId, json);
                    insertNewParams(c, trial, canonical);
                    return null;
                },
                result -> java.util.Objects.equals(trial(trialId).record().seed(), seed));
    }

    @Override
    public void setTrialParams(long trialId, Map<String, ParamValue> params) {
        if (params.isEmpty()) {
            return;
        }
        Map<String, ParamValue> canonical = canonicalParams(params);
        updateRunningTrial(trialId, "set parameters " + params.keySet() + " of {trial}", false, paramsStored(trialId, params.keySet()),
                (c, trial) -> insertNewParams(c, trial, canonical));
    }

    /** The parameters with their canonical values; throws naming the first one without a valid value. */
    private static Map<String, ParamValue> canonicalParams(Map<String, ParamValue> params) {
        Map<String, ParamValue> canonical = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            if (name == null || name.isBlank() || p == null) {
                throw new IllegalArgumentException("a parameter needs a name and a value with its distribution, but got name '"
                        + name + "' and " + p);
            }
            if (!p.distribution().contains(p.value())) {
                throw new IllegalArgumentException(name + ": value " + p.value() + " is outside " + p.distribution().describe());
            }
            canonical.put(name, new ParamValue(p.distribution(), p.distribution().canonical(p.value())));
        });
        return canonical;
    }

    /** Adds parameters after the trial's others, in one batch; throws if the trial has one of them. */
    private static void insertNewParams(Connection c, TrialKey trial, Map<String, ParamValue> canonical) throws SQLException {
        if (canonical.isEmpty()) {
            return;
        }
        TrialWriter writer = new TrialWriter(c);
        Map<String, String> existing = writer.paramJsons(trial.id());
        for (String name : canonical.keySet()) {
            if (existing.containsKey(name)) {
                throw new IllegalStateException("trial " + trial.number() + ": parameter " + name
                        + " is already set to " + existing.get(name));
            }
        }
        writer.insertParams(trial.id(), canonical, existing.size());
    }

    // ---------------------------------------------------------------- reads

    @Override
    public FrozenTrial trial(long trialId) {
        return readTrial(trialId).orElseThrow(() -> noTrial(trialId));
    }

    @Override
    public Optional<FrozenTrial> trial(long studyId, int number) {
        return reading(() -> "read trial " + number + " of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT trial_id FROM trials WHERE study_id = ? AND number = ?")) {
                p.setLong(1, studyId);
                p.setInt(2, number);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<FrozenTrial>empty();
                    }
                    return new TrialReader(c).byId(r.getLong(1));
                }
            }
        });
    }

    @Override
    public List<FrozenTrial> trials(long studyId, Set<TrialState> states) {
        if (states == null) {
            throw new IllegalArgumentException("states must not be null; pass EnumSet.allOf(TrialState.class) for all");
        }
        return reading(() -> "read the trials of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            return new TrialReader(c).ofStudy(studyId, states, finishedTrials);
        });
    }

    @Override
    public List<EpochMetrics> epochs(long trialId) {
        return reading(() -> "read the epochs of trial id " + trialId, c -> {
            List<EpochMetrics> epochs = new TrialReader(c).epochs(trialId);
            if (epochs.isEmpty()) {
                readTrialKey(c, trialId);
            }
            return epochs;
        });
    }

    @Override
    public List<FrozenTrial> failStaleTrials(long studyId, Instant heartbeatBefore, String reason) {
        if (heartbeatBefore == null) {
            throw new IllegalArgumentException("heartbeatBefore must not be null");
        }
        Instant now = now();
        return replaying(() -> "fail the stale trials of " + studyLabel(studyId), c -> {
            requireStudy(c, studyId, false);
            TrialReader reader = new TrialReader(c);
            List<FrozenTrial> failed = new ArrayList<>();
            for (long id : new TrialWriter(c).failStale(studyId, heartbeatBefore, reason, now)) {
                reader.byId(id).ifPresent(failed::add);
            }
            return failed;
        });
    }

    /** Releases the connection pool that {@link #open} created; a caller's data source is left open. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (beater != null) {
                beater.close();
            }
            release.run();
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + location + "]";
    }

    // ---------------------------------------------------------------- transactions

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface TrialWork<T> {
        T run(Connection c, TrialKey trial) throws SQLException;
    }

    @FunctionalInterface
    private interface TrialUpdate {
        void run(Connection c, TrialKey trial) throws SQLException;
    }

    /** A trial's identity, as locked for a write. */
    private record TrialKey(long id, long studyId, int number, TrialState state, String studyName) {

        String label() {
            return "trial " + number + " in study '" + studyName + "'";
        }
    }

    /**
     * What a transaction does when its commit got no answer (the connection broke at that moment,
     * as when a database server restarts or the process serving an H2 file exits): whether it
     * happened is unknown until the storage answers again.
     */
    enum OnUnknownCommit {
        /** It only read: what it read stands, a commit changes nothing. */
        KEEP_RESULT,
        /** It records or replaces rows, so running it again writes the same: it runs again. */
        RUN_AGAIN,
        /**
         * It adds rows that running it again would add twice: a {@link StorageException} caused by
         * {@link CommitUnknown} (which carries the result) is thrown, for the caller to settle.
         */
        FAIL
    }

    /**
     * Runs {@code work} in one transaction on one connection: commits if it returns, rolls back if
     * it throws. An {@link SQLException} becomes a {@link StorageException} whose message starts
     * with "could not " and the operation; other exceptions pass unchanged. A commit that gets no
     * answer is an error (see {@link OnUnknownCommit#FAIL}).
     */
    <T> T inTransaction(Supplier<String> operation, Work<T> work) {
        return inTransaction(operation, OnUnknownCommit.FAIL, work);
    }

    /** As {@link #inTransaction(Supplier, Work)} for a transaction that only reads. */
    <T> T reading(Supplier<String> operation, Work<T> work) {
        return inTransaction(operation, OnUnknownCommit.KEEP_RESULT, work);
    }

    /**
     * As {@link #inTransaction(Supplier, Work)} for a transaction that records or replaces rows,
     * so that running it twice writes the same: tried again also when its commit got no answer.
     */
    <T> T replaying(Supplier<String> operation, Work<T> work) {
        return inTransaction(operation, OnUnknownCommit.RUN_AGAIN, work);
    }

    private <T> T inTransaction(Supplier<String> operation, OnUnknownCommit onUnknownCommit, Work<T> work) {
        if (closed.get()) {
            throw new IllegalStateException("cannot " + operation.get() + ": the storage at " + location + " is closed");
        }
        return retrying(operation, () -> {
            Connection c = dataSource.getConnection();
            T result;
            try {
                c.setAutoCommit(false);
                result = work.run(c);
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                closeQuietly(c, e);
                throw e;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                closeQuietly(c, e);
                switch (onUnknownCommit) {
                    case KEEP_RESULT -> {
                        LOG.debug("{}: the commit of a read got no answer from {} ({}); what was read stands",
                                operation.get(), location, e.getMessage());
                        return result;
                    }
                    case RUN_AGAIN -> throw e;
                    default -> throw new CommitUnknown(e, result);
                }
            }
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing a connection of {} after a commit failed: {}", location, e.getMessage());
            }
            return result;
        });
    }

    /** Whether a transaction whose commit got no answer happened, judged from its result by reading back. */
    @FunctionalInterface
    private interface CommitCheck<T> {
        boolean committed(T result);
    }

    /** How many times a transaction whose commits get no answer is settled and run again before its error stands. */
    private static final int SETTLE_ATTEMPTS = 5;

    /**
     * Runs a transaction that adds rows (a trial, a study), settling a commit that got no answer
     * by reading back, once the storage answers, whether it happened: if it did ({@code check}),
     * its result stands; if not, it runs again. Never an error, never written twice.
     */
    private <T> T settling(Supplier<String> operation, Work<T> work, CommitCheck<T> check) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(operation, OnUnknownCommit.FAIL, work);
            } catch (StorageException e) {
                if (!(e.getCause() instanceof CommitUnknown unknown) || attempt == SETTLE_ATTEMPTS) {
                    throw e;
                }
                @SuppressWarnings("unchecked")
                T result = (T) unknown.result;
                if (check.committed(result)) {
                    LOG.info("{}: had been committed when the storage at {} stopped answering", operation.get(), location);
                    return result;
                }
                LOG.info("{}: was lost when the storage at {} stopped answering; doing it again", operation.get(), location);
            }
        }
    }

    /** A commit that got no answer: it may have happened, so the transaction is not simply retried. */
    private static final class CommitUnknown extends SQLException {
        private final transient Object result;

        CommitUnknown(SQLException cause, Object result) {
            super("the commit got no answer, so whether it happened is unknown: " + cause.getMessage(), cause.getSQLState(), cause);
            this.result = result;
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code attempt}, trying again on a fresh connection while it fails with a
     * {@linkplain TransientFailures transient} error, for at most the retry window (once only if a
     * call already waited out the window and none went through since, so that a worker whose
     * database stays away stops after one window, not one per call). An
     * {@link SQLException} becomes a {@link StorageException} whose message starts with
     * "could not " and the operation; other exceptions pass unchanged.
     */
    private <T> T retrying(Supplier<String> operation, Attempt<T> attempt) {
        long firstFailure = 0;
        Duration backoff = retry.firstBackoff();
        int failures = 0;
        while (true) {
            try {
                T result = attempt.run();
                gaveUp = false;
                if (failures > 0) {
                    LOG.warn("the storage at {} answers again: {} went through after {} failed tries", location, operation.get(), failures);
                }
                return result;
            } catch (StorageException e) {
                throw e;
            } catch (SQLException thrown) {
                SQLException e = TransientFailures.underlying(thrown);
                boolean retryable = !(e instanceof CommitUnknown) && kind != null && TransientFailures.isTransient(e, kind);
                long now = System.nanoTime();
                if (failures == 0) {
                    firstFailure = now;
                }
                failures++;
                Duration waited = Duration.ofNanos(now - firstFailure);
                if (!retryable) {
                    String op = operation.get();
                    throw new StorageException("could not " + op + ": " + reason(e)
                            + (op.contains(location) ? "" : " [storage " + location + "]")
                            + (kind != null && TransientFailures.isLoginFailure(e) ? " (" + Credentials.sources(kind) + ")" : ""), e);
                }
                if (jvmShuttingDown()) {
                    // Ctrl-C, SIGTERM or System.exit: H2 closes an embedded database in its own
                    // shutdown hook, and nothing that waits for it would outlive the process.
                    throw new StorageException("could not " + operation.get() + ": this process is shutting down ("
                            + reason(e) + ")", e);
                }
                String where = operation.get().contains(location) ? "it" : "the storage at " + location;
                if (gaveUp) {
                    // A call already waited out the whole window and nothing answered since: the
                    // process is on its way out, and each further call would wait as long again.
                    throw new StorageUnavailableException("could not " + operation.get() + ": " + where
                            + " still does not answer (a retry window of " + HeartbeatPolicy.describe(retry.window())
                            + " ran out before): " + reason(e), e);
                }
                if (closed.get() || waited.plus(backoff).compareTo(retry.window()) > 0) {
                    gaveUp = true;
                    throw new StorageUnavailableException("could not " + operation.get() + ": " + where
                            + " did not answer for " + HeartbeatPolicy.describe(Duration.ofMillis(waited.toMillis()))
                            + " (" + failures + (failures == 1 ? " try" : " tries") + "): " + reason(e), e);
                }
                if (failures == 1) {
                    LOG.warn("the storage at {} does not answer ({}); retrying for up to {}", location, reason(e),
                            HeartbeatPolicy.describe(retry.window()));
                }
                evictConnections.run();
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("could not " + operation.get() + ": interrupted while waiting for the storage at "
                            + location + " (" + reason(e) + ")", e);
                }
                backoff = retry.next(backoff);
            }
        }
    }

    /**
     * The database error's message, with the cause that explains it when the driver's own words do
     * not (pgjdbc says "The connection attempt failed." for a host name that does not resolve).
     */
    private static String reason(SQLException e) {
        String message = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause == null || cause instanceof SQLException || cause.getMessage() == null || message.contains(cause.getMessage())) {
            return message;
        }
        return message + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    }

    /** Whether this JVM is shutting down: it then refuses new shutdown hooks. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { }, "hpo-shutdown-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    /**
     * A write to a RUNNING trial; {@code heartbeat} also refreshes its heartbeat. With a null
     * {@code settle} the write records or replaces rows of a trial this worker runs (an epoch, an
     * attribute), so one whose commit got no answer runs again and writes the same.
     */
    private void updateRunningTrial(long trialId, String action, boolean heartbeat, CommitCheck<Void> settle,
                                    TrialUpdate update) {
        Instant now = heartbeat ? now() : null;
        writeRunningTrial(trialId, action, writer -> writer.lockRunning(trialId, now),
                (TrialWork<Void>) (c, trial) -> {
                    update.run(c, trial);
                    return null;
                }, settle);
    }

    /** Whether the trial has the named parameters: written once, by its own worker, they show that a write was committed. */
    private CommitCheck<Void> paramsStored(long trialId, Set<String> names) {
        return result -> trial(trialId).params().keySet().containsAll(names);
    }

    /**
     * The first statement of a write to a trial: an update of the trial's row on the condition
     * that it is RUNNING, which locks the row until the transaction ends (so no other write slips
     * in, nor a finish) and checks the state in one round trip; returns whether it matched.
     */
    @FunctionalInterface
    private interface Guard {
        boolean lock(TrialWriter writer) throws SQLException;
    }

    /**
     * Runs {@code guard} and, if the trial is RUNNING, the write, in one transaction. A commit
     * without answer is settled with {@code settle}, or, if it is null, the write runs again (it
     * records or replaces rows). {@code action} names the operation with {@code {trial}} where the
     * trial goes, as in {@code "add epoch 3 of {trial}"}.
     *
     * @throws IllegalArgumentException if there is no such trial
     * @throws IllegalStateException    if it is not RUNNING
     */
    private <T> T writeRunningTrial(long trialId, String action, Guard guard, TrialWork<T> work, CommitCheck<T> settle) {
        TrialKey[] locked = new TrialKey[1];
        Supplier<String> operation = () -> action.replace("{trial}",
                locked[0] == null ? "trial id " + trialId : locked[0].label());
        Work<T> write = c -> {
            boolean running = guard.lock(new TrialWriter(c));
            TrialKey trial = readTrialKey(c, trialId);
            locked[0] = trial;
            if (!running) {
                throw new IllegalStateException("cannot " + action.replace("{trial}", trial.label()) + ": it is "
                        + trial.state() + ", not RUNNING");
            }
            return work.run(c, trial);
        };
        return settle == null ? replaying(operation, write) : settling(operation, write, settle);
    }

    /**
     * Reads the trial's study, number and state (a write locked the row before).
     *
     * @throws IllegalArgumentException if there is no such trial
     */
    private TrialKey readTrialKey(Connection c, long trialId) throws SQLException {
        long studyId;
        int number;
        TrialState state;
        try (PreparedStatement p = c.prepareStatement("SELECT study_id, number, state FROM trials WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw noTrial(trialId);
                }
                studyId = r.getLong(1);
                number = r.getInt(2);
                state = TrialState.valueOf(r.getString(3));
            }
        }
        String studyName = studyNames.get(studyId);
        return new TrialKey(trialId, studyId, number, state, studyName != null ? studyName : requireStudy(c, studyId, false));
    }

    private static void closeQuietly(Connection c, Throwable cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Optional<StudyRecord> findStudy(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT study_id, name, direction, created_at FROM studies WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(studyRecord(r)) : Optional.empty();
            }
        }
    }

    static StudyRecord studyRecord(ResultSet r) throws SQLException {
        return new StudyRecord(r.getLong(1), r.getString(2), Direction.valueOf(r.getString(3)), Sql.getInstant(r, 4));
    }

    /**
     * The study's name; with {@code forUpdate}, also locks its row until the end of the transaction.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    private String requireStudy(Connection c, long studyId, boolean forUpdate) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM studies WHERE study_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            p.setLong(1, studyId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw noStudy(studyId);
                }
                String name = r.getString(1);
                studyNames.put(studyId, name);
                return name;
            }
        }
    }

    private String studyLabel(long studyId) {
        String name = studyNames.get(studyId);
        return name == null ? "study id " + studyId : "study '" + name + "'";
    }

    private static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("attribute key must not be empty, but got " + (key == null ? "null" : "''"));
        }
    }

    static IllegalArgumentException noStudy(long studyId) {
        return new IllegalArgumentException("no study with id " + studyId);
    }

    private static IllegalArgumentException noTrial(long trialId) {
        return new IllegalArgumentException("no trial with id " + trialId);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Refuses an empty (0-byte) H2 file, which H2 would silently initialise as a new database,
     * and, with {@code mustExist}, a missing one.
     */
    private static void checkDatabaseFile(Path file, String url, boolean mustExist) {
        Path data = file.resolveSibling(file.getFileName() + ".mv.db");
        try {
            if (Files.exists(data) && Files.size(data) == 0) {
                throw new IllegalArgumentException("the storage file " + data + " is empty (0 bytes), so it is not an H2"
                        + " database; it was left as it is: move it away, or restore it from a backup");
            }
        } catch (IOException e) {
            throw new StorageException("could not read the storage file " + data + ": " + e.getMessage(), e);
        }
        if (mustExist && !Files.exists(data)) {
            throw new IllegalArgumentException("no storage at " + StorageUrls.shown(url) + " (the file " + data + " does not exist);"
                    + " check --storage, or run a study first: 'hpo run' creates it");
        }
    }

    private static void createParentDirectory(Path file, String url) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new StorageException("could not create the directory " + parent + " for the storage at " + url
                    + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        if (!Files.isWritable(parent)) {
            throw new StorageException("the directory " + parent + " for the storage at " + url + " is not writable");
        }
    }
}

package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Brings a database's schema up to the version this code knows, one numbered script at a time.
 *
 * <p>The scripts are the resources {@code migrations/V<n>__<description>.sql} next to this class,
 * listed in {@link #SCRIPTS} in order of strictly increasing versions (gaps allowed, so that
 * branches developed side by side can number their scripts apart, e.g. V3 and V10). Each is
 * applied in one transaction together with its row in {@code schema_version}, so a database
 * records exactly the scripts that ran on it, and opening it applies every listed script it has
 * not recorded, in list order, even one numbered below a script it already has. (H2 commits
 * DDL statements as it runs them; PostgreSQL rolls them back with the transaction.) Opening a
 * database that is already up to date runs nothing; opening one that records a version this code
 * does not list fails, so an old hpo4j never writes to a schema it does not know.
 *
 * <p>Processes that open a database at the same moment migrate it one after the other: on
 * PostgreSQL under a session advisory lock; elsewhere (H2 commits each DDL statement, so no
 * transaction can hold a lock across a script) under a lock row in {@code schema_lock}, inserted
 * before the first script and deleted after the last, and taken over when it is older than
 * {@link #STALE_LOCK} (its process died mid-migration). The others wait, then find the scripts
 * applied. On H2 a database that is already up to date takes no lock.
 */
final class Migrations {

    /** The scripts, in the order they are applied. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__trial_analysis.sql", "V3__trial_records.sql",
            "V10__models.sql", "V11__one_trial_row.sql", "V20__selection_verdicts.sql");

    /** Steps in Java that run after a version's script, in its transaction: data moves that SQL cannot do portably. */
    private static final java.util.Map<Integer, JavaStep> JAVA_STEPS = java.util.Map.of(3, TrialRecordsBackfill::run);

    @FunctionalInterface
    interface JavaStep {
        void run(Connection c) throws SQLException;
    }

    static final String RESOURCE_DIRECTORY = "migrations/";

    private static final Pattern SCRIPT_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    private static final String CREATE_SCHEMA_VERSION = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER NOT NULL PRIMARY KEY,
                description VARCHAR(255) NOT NULL,
                script      VARCHAR(255) NOT NULL,
                applied_at  TIMESTAMP WITH TIME ZONE NOT NULL
            )""";

    private Migrations() {
    }

    /** The schema version this code writes. */
    static int latestVersion() {
        return migrations().get(migrations().size() - 1).version();
    }

    /**
     * Applies the scripts the database lacks.
     *
     * @param location the database's URL or name, for messages
     * @throws StorageException if a script fails, or the database's schema is newer than this code
     * @throws SQLException     if the database cannot be reached (the caller may retry)
     */
    static void migrate(DataSource dataSource, Clock clock, String location) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            if (!postgres && upToDate(c, location)) {
                return;
            }
            // PostgreSQL: concurrent CREATE TABLE IF NOT EXISTS of the same table fails there, so
            // even schema_version is created under the lock; the session lock is released below,
            // or with the connection.
            if (postgres) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
                try {
                    migrate(c, clock, location);
                } finally {
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            } else {
                LockRow lock = LockRow.acquire(c, clock, location);
                try {
                    migrate(c, clock, location);
                } finally {
                    lock.release(c);
                }
            }
        }
    }

    /** The key of PostgreSQL's advisory lock that serialises hpo4j's migrations of one database. */
    private static final long MIGRATION_LOCK = 0x6870_6f34_6a4dL;   // "hpo4jM"

    /** How old a lock row may be before another process takes it over: its owner died migrating. */
    static final Duration STALE_LOCK = Duration.ofMinutes(5);

    /** How often a process waiting for another one's migration looks again, and how many times. */
    private static final long LOCK_POLL_MILLIS = 50;
    private static final int LOCK_POLLS = (int) (STALE_LOCK.toMillis() * 2 / LOCK_POLL_MILLIS);

    /** Creates {@code schema_version} if needed and says whether every listed script is recorded. */
    private static boolean upToDate(Connection c, String location) throws SQLException {
        createIfMissing(c, CREATE_SCHEMA_VERSION);
        Set<Integer> applied = appliedVersions(c);
        checkKnown(applied, location);
        return migrations().stream().allMatch(m -> applied.contains(m.version()));
    }

    /**
     * Runs a {@code CREATE ... IF NOT EXISTS} and commits it. H2 can still fail one that races with
     * the same statement of another session ("object already exists"); then the object exists and
     * a second try is a no-op.
     */
    private static void createIfMissing(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        for (int attempt = 1; ; attempt++) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                c.commit();
                return;
            } catch (SQLException e) {
                rollback(c, e);
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    /**
     * The row in {@code schema_lock} that a migrating process holds (committed, so that other
     * processes see it), for databases without advisory locks.
     */
    record LockRow(String owner) {

        private static final String CREATE = """
                CREATE TABLE IF NOT EXISTS schema_lock (
                    id        INTEGER NOT NULL PRIMARY KEY,
                    owner     VARCHAR(255) NOT NULL,
                    locked_at TIMESTAMP WITH TIME ZONE NOT NULL
                )""";

        /** Inserts the lock row, waiting while another process holds a row younger than {@link #STALE_LOCK}. */
        static LockRow acquire(Connection c, Clock clock, String location) throws SQLException {
            createIfMissing(c, CREATE);
            String owner = HOST + " " + ProcessHandle.current().pid() + " " + UUID.randomUUID();
            for (int poll = 0; poll < LOCK_POLLS; poll++) {
                OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_lock (id, owner, locked_at) VALUES (1, ?, ?)")) {
                    p.setString(1, owner);
                    p.setObject(2, now);
                    p.executeUpdate();
                    c.commit();
                    return new LockRow(owner);
                } catch (SQLException e) {
                    rollback(c, e);
                    if (!Sql.isUniqueViolation(e)) {
                        throw e;
                    }
                }
                takeOverIfStale(c, now);
                try {
                    Thread.sleep(LOCK_POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while waiting for another process to migrate " + location, e);
                }
            }
            throw new StorageException("another process has held the schema migration lock of " + location + " for over "
                    + STALE_LOCK.multipliedBy(2).toMinutes() + " minutes: if no hpo4j process is running, delete the row of schema_lock");
        }

        /** This machine's name, as lock rows record it (empty if unknown). */
        private static final String HOST = hostName();

        /**
         * Deletes the lock row if it is older than {@link #STALE_LOCK} or its owner was a process on
         * this machine that no longer runs; the takers then race to insert theirs.
         */
        private static void takeOverIfStale(Connection c, OffsetDateTime now) throws SQLException {
            String owner = null;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT owner FROM schema_lock WHERE id = 1")) {
                if (r.next()) {
                    owner = r.getString(1);
                }
            }
            if (owner != null && ownerIsGone(owner)) {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM schema_lock WHERE id = 1 AND owner = ?")) {
                    p.setString(1, owner);
                    p.executeUpdate();
                }
            } else {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM schema_lock WHERE id = 1 AND locked_at < ?")) {
                    p.setObject(1, now.minus(STALE_LOCK));
                    p.executeUpdate();
                }
            }
            c.commit();
        }

        /** Whether {@code owner} ("host pid id") names a process of this machine that has ended. */
        static boolean ownerIsGone(String owner) {
            String[] parts = owner.split(" ");
            if (parts.length != 3 || HOST.isEmpty() || !parts[0].equals(HOST)) {
                return false;
            }
            try {
                return ProcessHandle.of(Long.parseLong(parts[1])).isEmpty();
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static String hostName() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
            } catch (java.net.UnknownHostException e) {
                return "";
            }
        }

        void release(Connection c) throws SQLException {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schema_lock WHERE id = 1 AND owner = ?")) {
                p.setString(1, owner);
                p.executeUpdate();
            }
            c.commit();
        }
    }

    private static void migrate(Connection c, Clock clock, String location) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(CREATE_SCHEMA_VERSION);
        }
        c.commit();
        Set<Integer> applied = appliedVersions(c);
        checkKnown(applied, location);
        for (Migration m : migrations()) {
            if (applied.contains(m.version())) {
                continue;
            }
            try {
                apply(c, m, clock);
            } catch (SQLException e) {
                rollback(c, e);
                if (!appliedVersions(c).contains(m.version())) {
                    throw new StorageException("could not apply schema migration " + m.script() + " to "
                            + location + ": " + e.getMessage(), e);
                }
                // another process applied it meanwhile
            }
        }
    }

    /** The highest version recorded in {@code schema_version}, or 0 for a new database. */
    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            int version = r.getInt(1);
            c.commit();
            return version;
        }
    }

    /** The versions recorded in {@code schema_version}. */
    static Set<Integer> appliedVersions(Connection c) throws SQLException {
        Set<Integer> versions = new TreeSet<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            while (r.next()) {
                versions.add(r.getInt(1));
            }
        }
        c.commit();
        return versions;
    }

    private static void checkKnown(Set<Integer> applied, String location) {
        List<Integer> known = migrations().stream().map(Migration::version).toList();
        for (int version : applied) {
            if (!known.contains(version)) {
                throw new StorageException("the storage at " + location + " has schema version " + version
                        + ", which this hpo4j does not know (it knows versions " + known.toString().replaceAll("[\\[\\]]", "")
                        + "): open it with the newer hpo4j that wrote it");
            }
        }
    }

    private static void apply(Connection c, Migration m, Clock clock) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements(m.sql())) {
                s.execute(sql);
            }
        }
        JavaStep step = JAVA_STEPS.get(m.version());
        if (step != null) {
            step.run(c);
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO schema_version (version, description, script, applied_at) VALUES (?, ?, ?, ?)")) {
            p.setInt(1, m.version());
            p.setString(2, m.description());
            p.setString(3, m.script());
            p.setObject(4, OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
            p.executeUpdate();
        }
        c.commit();
    }

    private static void rollback(Connection c, SQLException cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static List<Migration> migrations() {
        List<Migration> list = new ArrayList<>();
        for (String script : SCRIPTS) {
            Matcher m = SCRIPT_NAME.matcher(script);
            if (!m.matches()) {
                throw new IllegalStateException("migration script names look like V2__add_column.sql, but got " + script);
            }
            int version = Integer.parseInt(m.group(1));
            int previous = list.isEmpty() ? 0 : list.get(list.size() - 1).version();
            if (version <= previous) {
                throw new IllegalStateException("migration versions must increase strictly, but " + script
                        + " comes after version " + previous);
            }
            list.add(new Migration(version, m.group(2).replace('_', ' '), script));
        }
        return list;
    }

    /**
     * Splits a script into statements at semicolons outside quotes, dropping {@code --} comments
     * and blank statements.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < script.length(); i++) {
            char ch = script.charAt(i);
            if (!quoted && ch == '-' && i + 1 < script.length() && script.charAt(i + 1) == '-') {
                while (i < script.length() && script.charAt(i) != '\n') {
                    i++;
                }
                current.append('\n');
            } else if (!quoted && ch == ';') {
                add(out, current);
            } else {
                if (ch == '\'') {
                    quoted = !quoted; // a doubled '' toggles twice
                }
                current.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalStateException("unterminated quote in migration script near: " + current.toString().strip());
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String sql = statement.toString().strip();
        if (!sql.isEmpty()) {
            out.add(sql);
        }
        statement.setLength(0);
    }

    /** One numbered script. */
    record Migration(int version, String description, String script) {

        String sql() {
            String resource = RESOURCE_DIRECTORY + script;
            try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("migration script " + resource + " is missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("could not read migration script " + resource + ": " + e.getMessage(), e);
            }
        }
    }
}

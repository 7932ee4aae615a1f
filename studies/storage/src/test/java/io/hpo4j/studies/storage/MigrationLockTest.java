package io.hpo4j.studies.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes that open one H2 database at the same moment migrate it one after the other, under
 * the lock row of {@code schema_lock}; a lock left by a process that died is taken over.
 */
@Timeout(120) // a lock that is never taken over would wait ten minutes; fail sooner
class MigrationLockTest {

    private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("studies").toAbsolutePath();
    }

    @Test
    void storagesOpenedTogetherOnANewDatabaseApplyEachScriptOnce() throws Exception {
        int openers = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<?>> opened = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                opened.add(pool.submit(() -> {
                    start.await();
                    try (JdbcStorage storage = JdbcStorage.open(url())) {
                        storage.createStudy("s" + Thread.currentThread().getId(), io.hpo4j.tuner.Direction.MINIMIZE);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : opened) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = connect()) {
            assertThat(versions(c)).containsExactlyElementsOf(Migrations.migrations().stream().map(Migrations.Migration::version).toList());
            assertThat(lockRows(c)).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM studies")).isEqualTo(openers);
        }
    }

    @Test
    void aLockLeftByAProcessOfThisMachineThatEndedIsTakenOver() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName().replace(' ', '_');
        assertThat(Migrations.LockRow.ownerIsGone(host + " " + ended.pid() + " id")).isTrue();
        assertThat(Migrations.LockRow.ownerIsGone(host + " " + ProcessHandle.current().pid() + " id")).isFalse();
        assertThat(Migrations.LockRow.ownerIsGone("another-host " + ended.pid() + " id")).isFalse();
        leaveLockRow(host + " " + ended.pid() + " id", OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));

        opensMigratesAndReleasesTheLock();
    }

    @Test
    void aLockOlderThanTheStaleLimitIsTakenOver() throws Exception {
        leaveLockRow("another-host 12345 id", OffsetDateTime.ofInstant(T0.minus(Migrations.STALE_LOCK).minusSeconds(1), ZoneOffset.UTC));

        opensMigratesAndReleasesTheLock();
    }

    @Test
    void anUpToDateDatabaseOpensWithoutTouchingTheLock() throws Exception {
        JdbcStorage.open(url()).close();
        // a live lock of another machine: opening must not wait for it
        leaveLockRow("another-host 12345 id", OffsetDateTime.ofInstant(T0, ZoneOffset.UTC));
        try (JdbcStorage storage = JdbcStorage.open(url(), Clock.fixed(T0, ZoneOffset.UTC))) {
            assertThat(storage.studies()).isEmpty();
        }
        try (Connection c = connect()) {
            assertThat(lockRows(c)).isEqualTo(1);
        }
    }

    /** Opening the database (at T0) migrates it fully and leaves no lock row behind. */
    private void opensMigratesAndReleasesTheLock() throws SQLException {
        try (JdbcStorage storage = JdbcStorage.open(url(), Clock.fixed(T0, ZoneOffset.UTC))) {
            storage.createStudy("after", io.hpo4j.tuner.Direction.MAXIMIZE);
        }
        try (Connection c = connect()) {
            assertThat(versions(c)).hasSize(Migrations.migrations().size());
            assertThat(lockRows(c)).isZero();
        }
    }

    /** A row in schema_lock as a migrating process leaves it, on a database it had just created. */
    private void leaveLockRow(String owner, OffsetDateTime lockedAt) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_lock (id INTEGER NOT NULL PRIMARY KEY, owner VARCHAR(255) NOT NULL,"
                    + " locked_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_lock (id, owner, locked_at) VALUES (1, ?, ?)")) {
                p.setString(1, owner);
                p.setObject(2, lockedAt);
                p.executeUpdate();
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(H2Urls.withDefaults(url()), "sa", "");
    }

    private static List<Integer> versions(Connection c) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (r.next()) {
                versions.add(r.getInt(1));
            }
        }
        return versions;
    }

    private static int lockRows(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM schema_lock");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}

package io.hpo4j.studies.storage;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rewrites an embedded H2 database file compactly when the last storage that has it open closes.
 *
 * <p>hpo4j opens H2 files with {@code WRITE_DELAY=0}, so that a commit is on disk when it returns.
 * With that setting H2's store runs no background writer, and the background writer is what
 * compacts the file while it is in use: every commit appends a chunk, old chunks are only reused
 * after H2's retention time (45 s), and the compaction H2 does when it closes a file cannot free
 * chunks that young. 1,000 quick trials left a file of 4 MB that {@code SHUTDOWN COMPACT} turns
 * into 1 MB. So when a storage closes a file whose chunks are less than {@value #MAX_FILL_RATE} %
 * full and no other connection (another storage, another process through {@code AUTO_SERVER}) is
 * open on it, it runs {@code SHUTDOWN COMPACT}. It changes how the data is laid out in the file,
 * never the data.
 */
final class H2FileCompaction {

    private static final Logger LOG = LoggerFactory.getLogger(H2FileCompaction.class);

    /** Compact only a file whose chunks are on average less full than this, in percent. */
    static final int MAX_FILL_RATE = 50;

    private H2FileCompaction() {
    }

    /**
     * Closes {@code dataSource}, the pool of one storage on an H2 file, and then compacts the file
     * if that pool held every session on it and its chunks are sparse; says whether it compacted.
     * The compaction runs on a connection of its own after the pool is closed, so that no pooled
     * connection reopens the database while H2 rewrites the file. A failure (no admin rights, the
     * database went away, another process connected meanwhile) only skips the compaction, with the
     * reason at debug level: the file stays as H2 left it.
     */
    static boolean closeAndCompactIfAlone(HikariDataSource dataSource, String url, Credentials credentials, String location) {
        boolean sparse;
        try {
            sparse = aloneAndSparse(dataSource);
        } finally {
            dataSource.close();
        }
        if (!sparse) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(url, credentials.user(),
                credentials.password() == null ? "" : credentials.password());
             Statement s = c.createStatement()) {
            if (intOf(s, SESSIONS) > 1) {
                return false;
            }
            s.execute("SHUTDOWN COMPACT");
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("did not compact {} on close: {}", location, e.toString());
            return false;
        }
    }

    private static final String SESSIONS = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS";

    /** Whether the pool holds every session on its database and the file's chunks are less than {@link #MAX_FILL_RATE} % full. */
    static boolean aloneAndSparse(HikariDataSource dataSource) {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            boolean alone = intOf(s, SESSIONS) <= pool.getTotalConnections();
            int fill = intOf(s, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'");
            c.commit();
            return alone && fill < MAX_FILL_RATE;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("could not tell whether the file behind {} needs compacting: {}", dataSource.getPoolName(), e.toString());
            return false;
        }
    }

    private static int intOf(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            if (!r.next()) {
                throw new SQLException("no row for " + sql);
            }
            return Integer.parseInt(r.getString(1).strip());
        }
    }
}

package io.hpo4j.studies.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.jdbcx.JdbcConnectionPool;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The connection pool behind a storage URL: HikariCP for H2 files and servers and PostgreSQL
 * (it validates connections before handing them out and can drop them all when the database went
 * away), H2's own small pool for in-memory databases (which live as long as a connection does).
 */
final class ConnectionPools {

    private static final AtomicInteger POOLS = new AtomicInteger();

    /** An open pool: its data source, how to drop its connections after an outage, how to close it. */
    record Pool(DataSource dataSource, Runnable evictConnections, Runnable close) {
    }

    private ConnectionPools() {
    }

    /**
     * @param url         the URL with hpo4j's defaults applied and without credentials
     * @param credentials the user and password to log in with
     */
    static Pool open(String url, StorageUrls.Kind kind, Credentials credentials, int maxConnections) {
        if (kind == StorageUrls.Kind.H2_MEMORY) {
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, credentials.user(),
                    credentials.password() == null ? "" : credentials.password());
            pool.setMaxConnections(maxConnections);
            return new Pool(pool, () -> { }, pool::dispose);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("hpo4j-" + POOLS.incrementAndGet());
        config.setJdbcUrl(url);
        config.setUsername(credentials.user());
        config.setPassword(credentials.password() == null && kind != StorageUrls.Kind.POSTGRESQL ? "" : credentials.password());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        // Fail a connection attempt after 5 s, so that the storage's own retry loop decides how long to wait.
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        // Don't fail when the database is down at this moment: the first call retries (see RetryPolicy).
        config.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(config);
        return new Pool(dataSource, () -> {
            if (dataSource.getHikariPoolMXBean() != null) {
                dataSource.getHikariPoolMXBean().softEvictConnections();
            }
        }, kind == StorageUrls.Kind.H2_FILE
                ? () -> H2FileCompaction.closeAndCompactIfAlone(dataSource, url, credentials, StorageUrls.redacted(url))
                : dataSource::close);
    }
}

package io.hpo4j.studies.storage;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server databases tests run against. PostgreSQL comes from the environment that
 * {@code .ci/run} sets ({@code HPO_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}): on CI
 * ({@code CI=true}) a missing one fails the test; elsewhere the test is skipped with a message on
 * standard error saying how to run it.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL_VARIABLE = "HPO_TEST_POSTGRES_URL";

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestDatabases() {
    }

    /** A PostgreSQL database for tests: its URL and credentials. */
    public record Postgres(String url, Credentials credentials) {

        /**
         * A new, empty schema in the test database, and a URL whose connections use it; each test
         * gets its own, so tests never see each other's studies.
         */
        public String newSchemaUrl() {
            String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet() + "_"
                    + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toLowerCase(Locale.ROOT);
            try (Connection c = DriverManager.getConnection(url, credentials.user(), credentials.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new AssertionError("could not create schema " + schema + " in " + url + ": " + e.getMessage(), e);
            }
            return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        /**
         * Restarts the test server in the middle of a test, as a database server restarts: its
         * connections are cut, and it comes back on the same port ({@code .ci/postgres restart}).
         * Fails on CI and skips elsewhere when the server was not started by {@code .ci/postgres}.
         */
        public void restart() throws IOException, InterruptedException {
            String dir = System.getenv("HPO_TEST_POSTGRES_DIR");
            Path script = null;
            for (Path d = Path.of("").toAbsolutePath(); d != null && script == null; d = d.getParent()) {
                if (Files.isExecutable(d.resolve(".ci/postgres"))) {
                    script = d.resolve(".ci/postgres");
                }
            }
            if (dir == null || dir.isBlank() || script == null) {
                unavailable("HPO_TEST_POSTGRES_DIR is not set or .ci/postgres was not found: the test PostgreSQL cannot"
                        + " be restarted. Start it with eval \"$(.ci/postgres start)\"");
            }
            Process p = new ProcessBuilder(script.toString(), "restart", dir).redirectErrorStream(true).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            String output = new String(p.getInputStream().readAllBytes());
            if (!ended || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("could not restart the test PostgreSQL in " + dir + ": " + output);
            }
        }

        /** The environment a worker process needs to log in (credentials as variables, never in the URL). */
        public Map<String, String> environment() {
            return Map.of(Credentials.USER_VARIABLE, credentials.user(), Credentials.PASSWORD_VARIABLE, credentials.password());
        }
    }

    /** The test PostgreSQL; fails on CI and skips elsewhere when none is configured. */
    public static Postgres postgres() {
        String url = System.getenv(POSTGRES_URL_VARIABLE);
        if (url == null || url.isBlank()) {
            unavailable(POSTGRES_URL_VARIABLE + " is not set: no PostgreSQL to test against."
                    + " .ci/run starts one; locally: eval \"$(.ci/postgres start)\" before ./mvnw verify");
        }
        return new Postgres(url, new Credentials(System.getenv().getOrDefault("HPO_TEST_POSTGRES_USER", "hpo4j"),
                System.getenv("HPO_TEST_POSTGRES_PASSWORD")));
    }

    /** Fails on CI ({@code CI=true}); elsewhere skips the test, saying why on standard error. */
    private static void unavailable(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + " (CI=true, so this is a failure, not a skip)");
        }
        System.err.println("SKIPPED (PostgreSQL): " + why);
        Assumptions.abort(why);
    }
}

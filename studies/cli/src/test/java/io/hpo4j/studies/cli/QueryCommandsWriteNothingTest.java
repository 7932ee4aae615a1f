package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The query commands read: they analyze what a study lacks on read and store nothing. */
class QueryCommandsWriteNothingTest {

    @TempDir
    Path dir;

    @Test
    void leaderboardReportCurvesExportAndSqlLeaveTheDatabaseAsTheyFoundIt() throws SQLException {
        CliTestSupport cli = new CliTestSupport(dir);
        try (JdbcStorage storage = JdbcStorage.open(cli.url())) {
            SyntheticStudies.run(storage, 8, 2);
        }
        String before = fingerprint(cli.url());

        assertThat(cli.run("leaderboard", SyntheticStudies.NAME).exitCode()).isZero();
        assertThat(cli.run("report", SyntheticStudies.NAME, "--out", dir.resolve("r.html").toString()).exitCode()).isZero();
        assertThat(cli.run("curves", SyntheticStudies.NAME, "0", "--out", dir.resolve("charts").toString()).exitCode()).isZero();
        assertThat(cli.run("export", SyntheticStudies.NAME).exitCode()).isZero();
        assertThat(cli.run("sql", SyntheticStudies.NAME, "SELECT COUNT(*) FROM trial_overview").exitCode()).isZero();
        assertThat(cli.run("trial", SyntheticStudies.NAME, "0").exitCode()).isZero();

        assertThat(fingerprint(cli.url())).isEqualTo(before);
        assertThat(before).startsWith("analyses=0;");
    }

    /** What a write would change: row counts, the analysis table, the users, the trials' state. */
    private static String fingerprint(String url) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            for (String[] q : new String[][] {
                    {"analyses", "SELECT COUNT(*) FROM trial_analysis"},
                    {"users", "SELECT COUNT(*) FROM information_schema.users"},
                    {"trials", "SELECT COUNT(*) FROM trials"},
                    {"attrs", "SELECT COUNT(*) FROM trial_user_attrs"},
                    {"study_attrs", "SELECT COUNT(*) FROM study_attrs"},
                    {"states", "SELECT LISTAGG(state || ':' || COALESCE(CAST(completed_at AS VARCHAR), '-'), ',')"
                            + " WITHIN GROUP (ORDER BY trial_id) FROM trials"}}) {
                try (ResultSet r = s.executeQuery(q[1])) {
                    r.next();
                    sb.append(q[0]).append('=').append(r.getString(1)).append(';');
                }
            }
        }
        return sb.toString();
    }
}

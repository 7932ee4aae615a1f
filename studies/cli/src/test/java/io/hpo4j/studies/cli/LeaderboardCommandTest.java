package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.studies.storage.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardCommandTest {

    @TempDir
    static Path dir;
    static CliTestSupport cli;

    @BeforeAll
    static void study() {
        cli = new CliTestSupport(dir);
        String url = cli.url();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            SyntheticStudies.run(storage, 14, 11);
        }
    }

    @Test
    void theLeaderboardShowsTheGapAtTheBestEpochAndTheVerdict() {
        CliTestSupport.Result r = cli.run("leaderboard", SyntheticStudies.NAME, "--top", "20", "--wide");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String header = r.out().lines().findFirst().orElseThrow();
        assertThat(header).contains("best_epoch", "gap", "verdict");
        assertThat(header.indexOf("gap")).isLessThan(header.indexOf("verdict"));
        assertThat(r.out()).contains("GOOD_FIT").contains("OVERFIT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonRowsCarryTheGapAsANumberAndTheVerdict() {
        CliTestSupport.Result r = cli.run("leaderboard", SyntheticStudies.NAME, "--top", "20", "--format", "json");

        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parse(r.out());
        Map<String, Object> first = rows.get(0);
        assertThat(first.get("state")).isEqualTo("COMPLETE");
        assertThat(first.get("gap")).isInstanceOf(Double.class);
        assertThat((Double) first.get("gap")).isBetween(0.0, 0.2);
        assertThat(first.get("verdict")).isIn("GOOD_FIT", "OVERFIT");
        assertThat(rows).filteredOn(row -> "FAIL".equals(row.get("state")))
                .allSatisfy(row -> assertThat(row.get("verdict")).isEqualTo("DIVERGED"));
    }

    @Test
    void thresholdOptionsChangeTheVerdictsShown() {
        CliTestSupport.Result strict = cli.run("leaderboard", SyntheticStudies.NAME, "--top", "20", "--format", "csv",
                "--underfit-accuracy", "1.0");
        CliTestSupport.Result lenient = cli.run("leaderboard", SyntheticStudies.NAME, "--top", "20", "--format", "csv");

        assertThat(strict.out()).contains("UNDERFIT").doesNotContain("GOOD_FIT");
        assertThat(lenient.out()).contains("GOOD_FIT");
    }

    @Test
    void aBadThresholdIsInvalidInputNamingTheOption() {
        CliTestSupport.Result r = cli.run("leaderboard", SyntheticStudies.NAME, "--overfit-gap", "2");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("--overfit-gap must be in [0.0, 1.0], but got 2.0");
    }
}

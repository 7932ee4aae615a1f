package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCommandTest {

    @TempDir
    static Path dir;
    static CliTestSupport cli;
    static List<FrozenTrial> trials;

    @BeforeAll
    static void study() {
        cli = new CliTestSupport(dir);
        String url = cli.url();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            SyntheticStudies.run(storage, 24, 5); // trial 10 diverges
            trials = storage.trials(storage.findStudy(SyntheticStudies.NAME).orElseThrow().id(), EnumSet.allOf(TrialState.class));
            // what `hpo run` stores as trials finish
            TrialAnalyses analyses = TrialAnalyses.of(storage, storage.analyses(), OverfitThresholds.defaults());
            trials.forEach(analyses::analyze);
            storage.createStudy("another", io.hpo4j.tuner.Direction.MINIMIZE);
            SyntheticStudies.run(storage, "unanalyzed", 3, 1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> json(String study, String query) {
        CliTestSupport.Result r = cli.run("sql", study, query, "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return (List<Map<String, Object>>) Json.parse(r.out());
    }

    private static long count(String study, String query) {
        return ((Number) json(study, query).get(0).get("n")).longValue();
    }

    @Test
    void aQueryPrintsItsRowsAndTheStudyIsInTheStudyVariable() {
        CliTestSupport.Result r = cli.run("sql", SyntheticStudies.NAME,
                "SELECT number, state, verdict FROM trial_overview WHERE study = @study ORDER BY number");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("number", "state", "verdict");
        assertThat(r.out()).contains("(24 rows)");
        assertThat(count("another", "SELECT COUNT(*) AS n FROM trial_overview WHERE study = @study")).isZero();
        assertThat(json(SyntheticStudies.NAME, "SELECT name FROM studies WHERE study_id = @study_id"))
                .containsExactly(Map.of("name", SyntheticStudies.NAME));
    }

    @Test
    void theAnalysesThatHpoRunStoredAreThereForSql() {
        List<Map<String, Object>> rows = json(SyntheticStudies.NAME,
                "SELECT verdict, COUNT(*) AS n FROM trial_overview WHERE study = @study GROUP BY verdict ORDER BY verdict");

        assertThat(rows).extracting(m -> m.get("verdict")).contains("GOOD_FIT", "OVERFIT", "UNDERFIT", "DIVERGED")
                .doesNotContainNull();
    }

    @Test
    void aQueryWritesNothingNotEvenTheAnalysesAStudyLacks() throws Exception {
        Path file = dir.resolve("studies.mv.db");
        long users = count("unanalyzed", "SELECT COUNT(*) AS n FROM information_schema.users");
        assertThat(count("unanalyzed", "SELECT COUNT(*) AS n FROM trial_overview WHERE study = @study AND verdict IS NULL"))
                .isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            count("unanalyzed", "SELECT COUNT(*) AS n FROM trial_overview WHERE study = @study");
        }
        assertThat(count("unanalyzed", "SELECT COUNT(*) AS n FROM trial_analysis a JOIN trials t ON t.trial_id = a.trial_id"
                + " WHERE t.study_id = @study_id")).as("hpo sql analyzes and stores nothing").isZero();
        assertThat(count("unanalyzed", "SELECT COUNT(*) AS n FROM information_schema.users")).isEqualTo(users);
        assertThat(java.nio.file.Files.exists(file)).isTrue();
    }

    @Test
    void writesAreRefusedWithExitCode2AndChangeNothing() {
        for (String sql : List.of("UPDATE trials SET objective_value = 0", "DELETE FROM trial_analysis",
                "DROP TABLE trials", "SELECT * FROM OLD TABLE (DELETE FROM trials)")) {
            CliTestSupport.Result r = cli.run("sql", SyntheticStudies.NAME, sql);
            assertThat(r.exitCode()).as(sql).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith("hpo sql: ").as("one prefix").doesNotContain("hpo sql: hpo sql");
        }
        assertThat(count(SyntheticStudies.NAME, "SELECT COUNT(*) AS n FROM trials t JOIN studies s ON s.study_id = t.study_id "
                + "WHERE s.name = @study AND t.objective_value IS NOT NULL"))
                .isEqualTo(trials.stream().filter(t -> t.value() != null).count());
        assertThat(count(SyntheticStudies.NAME, "SELECT COUNT(*) AS n FROM trial_analysis")).isEqualTo(trials.size());
    }

    @Test
    void aSyntaxErrorIsOneLineAndExitCode2() {
        CliTestSupport.Result r = cli.run("sql", SyntheticStudies.NAME, "SELECT number FROM trial_overwiev");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("hpo sql: Table \"TRIAL_OVERWIEV\" not found" + System.lineSeparator());
    }

    @Test
    void anUnknownStudyIsExitCode2() {
        CliTestSupport.Result r = cli.run("sql", "nope", "SELECT 1");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("no study named 'nope'");
    }

    @Test
    void maxRowsCutsTheOutputAndSaysSo() {
        CliTestSupport.Result r = cli.run("sql", SyntheticStudies.NAME, "SELECT number FROM trials", "--max-rows", "5");

        assertThat(r.out()).contains("(5 rows; more rows were left out, see --max-rows)");
    }

    // ---------------------------------------------------------------- the README's queries

    /** The ```sql blocks of the README's section on overfitting and SQL, for study mnist-demo. */
    static List<String> documentedQueries() throws IOException {
        String readme = io.hpo4j.examples.ReadmeSnippets.readme();
        int from = readme.indexOf("## Did it overfit?");
        assertThat(from).as("the README's section on overfitting").isNotNegative();
        int to = readme.indexOf("\n## ", from + 3);
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        Matcher m = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String> queries = new ArrayList<>();
        while (m.find()) {
            queries.add(m.group(1).strip());
        }
        return queries;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentedQueriesRunAndAnswerTheirQuestions() throws IOException {
        List<String> queries = documentedQueries();
        assertThat(queries).hasSize(3);
        List<List<Map<String, Object>>> answers = new ArrayList<>();
        for (String q : queries) {
            assertThat(q).contains("'mnist-demo'");
            answers.add(json(SyntheticStudies.NAME, q.replace("'mnist-demo'", "@study")));
        }

        // 1: the trials that overfit; in the synthetic study those are the ones with dropout < 0.15 that did not fail
        List<Map<String, Object>> overfit = answers.get(0);
        assertThat(overfit).isNotEmpty();
        assertThat(overfit).allSatisfy(row -> assertThat(row.get("verdict_reason")).asString().isNotEmpty());
        for (Map<String, Object> row : overfit) {
            FrozenTrial t = trials.get(((Number) row.get("number")).intValue());
            assertThat((Double) t.params().get("dropout")).isLessThan(0.15);
        }

        // 2: one row per optimizer, with its best completed value
        Map<String, Double> best = new TreeMap<>();
        trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                .forEach(t -> best.merge((String) t.params().get("optimizer"), t.value(), Math::max));
        Map<String, Double> answered = new TreeMap<>();
        answers.get(1).forEach(row -> answered.put((String) row.get("optimizer"), (Double) row.get("objective_value")));
        assertThat(answered).isEqualTo(best);

        // 3: dropout buckets; the overfitting ones (below 0.15) have the larger mean gap
        Map<Double, Double> gapByBucket = new TreeMap<>();
        answers.get(2).forEach(row -> gapByBucket.put(((Number) row.get("dropout_from")).doubleValue(),
                ((Number) row.get("mean_gap_last")).doubleValue()));
        assertThat(gapByBucket).containsKey(0.0).containsKey(0.4);
        assertThat(gapByBucket.get(0.0)).isGreaterThan(gapByBucket.get(0.4));
    }
}

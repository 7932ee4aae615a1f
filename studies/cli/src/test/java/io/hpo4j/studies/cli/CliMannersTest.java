package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Mistakes get one line in the CLI's words, with a suggestion; notes and deleting a study. */
class CliMannersTest {

    @TempDir
    Path dir;
    CliTestSupport hpo;
    private final InputStream stdin = System.in;

    @BeforeEach
    void writeStudy() {
        hpo = new CliTestSupport(dir);
        try (JdbcStorage s = JdbcStorage.open(hpo.url())) {
            SyntheticStudies.run(s, 7, 3);
        }
    }

    @AfterEach
    void restoreStdin() {
        System.setIn(stdin);
    }

    @Test
    void aMistypedCommandGetsOnePrefixAndADidYouMean() {
        CliTestSupport.Result r = hpo.run("leaderbord", "synthetic");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo("hpo: unknown command 'leaderbord'; did you mean 'hpo leaderboard'?");
        assertThat(r.err()).doesNotContain("hpo hpo");
        assertThat(CliTestSupport.runRaw("xyzzy").err()).startsWith("hpo: unknown command 'xyzzy'; the commands are run, enqueue");
    }

    @Test
    void aMistypedOptionGetsADidYouMean() {
        CliTestSupport.Result r = CliTestSupport.runRaw("leaderboard", "synthetic", "--stoarge", hpo.url());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo("hpo leaderboard: unknown option '--stoarge'; did you mean '--storage'?");
        assertThat(CliTestSupport.runRaw("run", "x.yaml", "--trails=3").err()).startsWith("hpo run: unknown option '--trails'; did you mean '--trials'?");
        assertThat(CliTestSupport.runRaw("leaderboard", "synthetic", "-x").err().lines().findFirst().orElseThrow())
                .as("a one-letter option is as close to -h as to anything").isEqualTo("hpo leaderboard: unknown option '-x'");
    }

    @Test
    void aNestedCommandIsNamedWholeAndItsMistypedCommandsGetADidYouMean() {
        CliTestSupport.Result typo = CliTestSupport.runRaw("model", "exprot", "synthetic");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(typo.err().lines().toList()).containsExactly(
                "hpo model: unknown command 'exprot'; did you mean 'hpo model export'?", "Try 'hpo model --help' for usage.");
        CliTestSupport.Result missing = CliTestSupport.runRaw("model", "export");
        assertThat(missing.err().lines().toList()).as("not 'hpo export', which is another command").containsExactly(
                "hpo model export: Missing required parameter: 'STUDY'", "Try 'hpo model export --help' for usage.");
        CliTestSupport.Result failed = hpo.run("model", "export", "nope", "-o", dir.resolve("m.zip").toString());
        assertThat(failed.err().strip()).isEqualTo("hpo model export: no study named 'nope'; studies in this storage: synthetic");
    }

    @Test
    void aStoragePathInsteadOfAUrlIsExplainedInTheCliTerms() {
        Path path = dir.resolve("elsewhere");
        CliTestSupport.Result r = CliTestSupport.runRaw("studies", "--storage", path.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip()).isEqualTo("hpo studies: --storage must be a JDBC URL, e.g. jdbc:h2:file:" + path
                + " for an H2 database file at that path, but got '" + path + "'");
        assertThat(r.err()).doesNotContain("JdbcStorage", "DataSource");
        assertThat(Files.exists(path)).isFalse();
        assertThat(CliTestSupport.runRaw("studies", "--storage", "").err().strip()).as("an unset variable, say")
                .isEqualTo("hpo studies: --storage is empty; give a JDBC URL, e.g. jdbc:h2:file:/data/studies, "
                        + "or leave the option out for the default storage");
    }

    @Test
    void notesOnAStudyAndATrialShowInNoteTrialAndLeaderboard() {
        assertThat(hpo.run("note", "synthetic", "first", "look").out()).contains("noted on study synthetic: first look");
        assertThat(hpo.run("note", "synthetic", "2", "3 layers", "overfit").out()).contains("noted on trial 2 of study synthetic: 3 layers overfit");
        assertThat(hpo.run("note", "synthetic").out()).contains("study synthetic: first look", "trial 2: 3 layers overfit");
        assertThat(hpo.run("trial", "synthetic", "2").out()).contains("note: 3 layers overfit");
        assertThat(hpo.run("leaderboard", "synthetic", "--wide").out()).contains("3 layers overfit");
        assertThat(hpo.run("note", "synthetic", "2", "").out()).contains("removed the note of trial 2");
        assertThat(hpo.run("note", "synthetic").out()).doesNotContain("3 layers");
        CliTestSupport.Result missing = hpo.run("note", "synthetic", "99", "no such trial");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.err().strip()).isEqualTo("hpo note: study 'synthetic' has no trial 99");
    }

    @Test
    void deleteStudyAsksAndDeletesNothingWithoutAYes() {
        System.setIn(new ByteArrayInputStream(new byte[0]));
        CliTestSupport.Result closed = hpo.run("delete-study", "synthetic");
        assertThat(closed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(closed.err()).contains("Delete study 'synthetic' and its 7 trials? This cannot be undone. [y/N]",
                "not deleted (no answer: standard input is closed; pass --yes");
        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(hpo.run("delete-study", "synthetic").err()).contains("hpo delete-study: not deleted");
        assertThat(hpo.run("studies").out()).contains("synthetic");

        System.setIn(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)));
        CliTestSupport.Result yes = hpo.run("delete-study", "synthetic");
        assertThat(yes.exitCode()).isZero();
        assertThat(yes.out()).contains("deleted study synthetic (7 trials)");
        assertThat(hpo.run("studies").out()).doesNotContain("synthetic");
    }

    @Test
    void deleteStudyWithYesDoesNotAskAndAnUnknownStudyIsNamed() {
        assertThat(hpo.run("delete-study", "synthetic", "--yes").out()).contains("deleted study synthetic");
        CliTestSupport.Result again = hpo.run("delete-study", "synthetic", "--yes");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(again.err().strip()).isEqualTo("hpo delete-study: no study named 'synthetic' (the storage has no studies yet)");
    }

    @Test
    void sqlSaysWhenAQueryIsNotScopedToItsStudy() {
        CliTestSupport.Result all = hpo.run("sql", "synthetic", "SELECT COUNT(*) AS n FROM trial_overview");
        assertThat(all.exitCode()).isZero();
        assertThat(all.err()).contains("hpo sql: note: the query does not use @study or @study_id, so its rows are not limited "
                + "to study 'synthetic'");
        CliTestSupport.Result scoped = hpo.run("sql", "synthetic", "SELECT COUNT(*) AS n FROM trial_overview WHERE study = @study");
        assertThat(scoped.err()).isEmpty();
        assertThat(SqlCommand.mentionsStudy("where s.id = @STUDY_ID")).isTrue();
        assertThat(SqlCommand.mentionsStudy("where name = 'x@studyx'")).isFalse();
    }
}

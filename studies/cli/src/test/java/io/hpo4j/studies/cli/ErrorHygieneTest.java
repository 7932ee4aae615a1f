package io.hpo4j.studies.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input and broken environments end in one line, the documented exit code, no stack trace and
 * nothing written: options are checked before the study file's data is loaded or the storage opened.
 */
class ErrorHygieneTest {

    private static final String STUDY = """
            name: hygiene
            dataset: {source: mnist-10k, validation_split: 0.05, train_limit: 100}
            search_space:
              hidden_units: {type: int, low: 16, high: 32}
            fixed_params: {epochs: 1, layers: 1, batch_size: 64}
            budget: {trials: 1}
            """;

    @TempDir
    Path dir;

    private Path studyFile(String text) throws Exception {
        return Files.writeString(dir.resolve("study.yaml"), text);
    }

    private void assertOneLineNothingWritten(CliTestSupport.Result r, int exitCode, String expected) {
        assertThat(r.exitCode()).isEqualTo(exitCode);
        assertThat(r.err()).isEqualTo(expected + "\n");
        assertThat(dir.resolve("studies.mv.db")).doesNotExist();
    }

    @Test
    void aNegativeTopIsRejectedBeforeTheStudyRuns() throws Exception {
        CliTestSupport.Result r = new CliTestSupport(dir).run("run", studyFile(STUDY).toString(), "--top", "-1");
        assertOneLineNothingWritten(r, ExitCodes.INVALID_INPUT, "hpo run: --top must be >= 0 leaderboard rows, but got -1");
    }

    @Test
    void aZeroOrNegativeHeartbeatGraceIsRejectedWithOneLine() throws Exception {
        Path file = studyFile(STUDY);
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--heartbeat-grace", "0"),
                ExitCodes.INVALID_INPUT, "hpo run: --heartbeat-grace must be > 0 and at most 86400 seconds (a day), but got 0.0");
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--heartbeat-grace", "-1"),
                ExitCodes.INVALID_INPUT, "hpo run: --heartbeat-grace must be > 0 and at most 86400 seconds (a day), but got -1.0");
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--heartbeat-grace", "6"),
                ExitCodes.INVALID_INPUT, "hpo run: --heartbeat-grace: heartbeat grace must be at least twice the heartbeat"
                        + " interval (5 s), so that a live worker is never taken for a lost one, but got 6 s");
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--heartbeat-grace", "Infinity"),
                ExitCodes.INVALID_INPUT, "hpo run: --heartbeat-grace must be > 0 and at most 86400 seconds (a day), but got Infinity");
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--heartbeat-grace", "1e300"),
                ExitCodes.INVALID_INPUT, "hpo run: --heartbeat-grace must be > 0 and at most 86400 seconds (a day), but got 1.0E300");
        assertOneLineNothingWritten(new CliTestSupport(dir).run("run", file.toString(), "--retry-failed", "-2"),
                ExitCodes.INVALID_INPUT, "hpo run: --retry-failed must be >= 0, but got -2");
    }

    @Test
    void aHeartbeatInTheStudyFileIsCheckedWithItsLine() throws Exception {
        Path file = studyFile(STUDY + "heartbeat: {interval: 10s, grace: 15s}\n");
        CliTestSupport.Result r = new CliTestSupport(dir).run("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo run: " + file + ", line 7: heartbeat: heartbeat grace must be at least twice")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("studies.mv.db")).doesNotExist();
    }

    @Test
    void aDataFileThatCannotBeLoadedIsInvalidInputNamedInOneLineAndCreatesNoDatabase() throws Exception {
        // scikit-learn's raw wine_data.csv: a preamble line, then 13 features and the class
        Files.writeString(dir.resolve("wine_data.csv"), """
                178,13,class_0,class_1,class_2
                14.23,1.71,2.43,15.6,127,2.8,3.06,.28,2.29,5.64,1.04,3.92,1065,0
                13.2,1.78,2.14,11.2,100,2.65,2.76,.26,1.28,4.38,1.05,3.4,1050,0
                12.37,.94,1.36,10.6,88,1.98,.57,.28,.42,1.95,1.05,1.82,520,1
                """);
        Path file = studyFile("""
                name: wine
                dataset: {source: csv, path: wine_data.csv, label_column: 13}
                search_space:
                  hidden_units: {type: int, low: 16, high: 32}
                budget: {trials: 1}
                """);
        CliTestSupport.Result r = new CliTestSupport(dir).run("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo run: cannot load the data of study 'wine'")
                .contains("line 2 has 14").contains("skip_rows: 1").doesNotContain("\tat ").hasLineCount(1);
        assertThat(dir.resolve("studies.mv.db")).doesNotExist();
    }

    @Test
    void aReadCommandOnAMissingStorageSaysSoAndCreatesNothing() {
        CliTestSupport.Result r = new CliTestSupport(dir).run("studies");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo studies: no storage at jdbc:h2:file:" + dir.resolve("studies") + " (the file ")
                .contains("does not exist").doesNotContain("\tat ", "AUTO_SERVER");
        assertThat(dir.resolve("studies.mv.db")).doesNotExist();
    }

    @Test
    void aNestedCommandNamesItselfWholeInItsErrors() {
        CliTestSupport.Result r = new CliTestSupport(dir).run("model", "list", "hygiene");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo model list: no storage at ");
        CliTestSupport.Result option = new CliTestSupport(dir).run("model", "list", "hygiene", "--nope");
        assertThat(option.err()).startsWith("hpo model list: unknown option '--nope'")
                .endsWith("Try 'hpo model list --help' for usage.\n");
    }

    @Test
    void aZeroByteDatabaseFileIsAnErrorAndIsLeftAsItIs() throws Exception {
        Path empty = Files.createFile(dir.resolve("studies.mv.db"));
        for (String command : new String[]{"studies", "leaderboard"}) {
            CliTestSupport.Result r = command.equals("studies") ? new CliTestSupport(dir).run(command)
                    : new CliTestSupport(dir).run(command, "hygiene");
            assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(r.err()).isEqualTo("hpo " + command + ": the storage file " + empty + " is empty (0 bytes), so it is not"
                    + " an H2 database; it was left as it is: move it away, or restore it from a backup\n");
        }
        assertThat(Files.size(empty)).isZero();
    }

    @Test
    void aPasswordInAStorageUrlIsMaskedInEveryMessage() {
        CliTestSupport.Result r = CliTestSupport.runRaw("studies", "--storage",
                "jdbc:h2:file:" + dir.resolve("nothing-here") + ";USER=sa;PASSWORD=hunter2");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("PASSWORD=***").doesNotContain("hunter2");
        CliTestSupport.Result pg = CliTestSupport.runRaw("studies", "--storage",
                "jdbc:mysql://db/hpo?user=u&password=hunter2");
        assertThat(pg.err()).contains("password=***").doesNotContain("hunter2");
    }

    @Test
    void theServerRefusesToStartWithoutAPassword() {
        CliTestSupport.Result r = CliTestSupport.runRaw("server", "--dir", dir.toString(), "--port", "0",
                "--password-file", dir.resolve("missing").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo server: --password-file: cannot read the password file " + dir.resolve("missing"))
                .doesNotContain("\tat ");
    }

    @Test
    void aStorageThatStaysDownExitsWithItsOwnCode() {
        assertThat(Hpo.exitCode(new io.hpo4j.studies.storage.StorageUnavailableException("down", null)))
                .isEqualTo(ExitCodes.STORAGE_UNAVAILABLE).isEqualTo(3);
        assertThat(Hpo.exitCode(new io.hpo4j.studies.run.DataFileException("bad data", null))).isEqualTo(ExitCodes.INVALID_INPUT);
    }
}

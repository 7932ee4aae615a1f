package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C (SIGINT) and SIGTERM on a real {@code hpo run} process in the middle of a trial: the
 * documented exit code, the running trial FAIL "interrupted" with its epochs kept, no stack trace,
 * and no warning about a storage that "does not answer" (the embedded database closes as the JVM exits).
 */
class SignalsTest {

    private static final String STUDY = """
            name: signals
            dataset: {source: mnist-10k, validation_split: 0.05, train_limit: 200}
            search_space:
              hidden_units: {type: int, low: 16, high: 32}
            fixed_params: {epochs: 20000, layers: 1, batch_size: 50}   # far more than the test waits for: the signal always comes mid-trial
            jobs: 1
            budget: {trials: 1}
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} exits {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalMidTrialMarksItInterruptedKeepsItsEpochsAndExitsWithTheDocumentedCode(String signal, int exitCode)
            throws Exception {
        assumeSignalReachesChildren(signal);
        Path file = Files.writeString(dir.resolve("study.yaml"), STUDY);
        String url = "jdbc:h2:file:" + dir.resolve("studies");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Hpo.class.getName(),
                "run", file.toString(), "--storage", url));
        Process hpo = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            awaitEpochs(url, hpo, 2);
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(hpo.pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(hpo.waitFor(60, TimeUnit.SECONDS)).as("hpo run ends after SIG%s", signal).isTrue();
        } finally {
            hpo.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(hpo.exitValue()).as("exit code; errors: %s", err).isEqualTo(exitCode);
        assertThat(err).doesNotContain("\tat ").doesNotContain("Exception")
                .as("no storage retries while the process exits").doesNotContain("does not answer").doesNotContain("retrying");
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("interrupted: 1 running trial(s) marked FAIL");
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            long study = storage.findStudy("signals").orElseThrow().id();
            FrozenTrial trial = storage.trials(study, EnumSet.allOf(TrialState.class)).get(0);
            assertThat(trial.state()).isEqualTo(TrialState.FAIL);
            assertThat(trial.failReason()).startsWith("interrupted");
            assertThat(storage.epochs(trial.id())).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /**
     * A process started in the background by a non-interactive shell ({@code mvn verify &},
     * {@code nohup}) ignores SIGINT, and so does every process it starts: hpo run would then
     * rightly never see the signal. Under CI=true that is an error, elsewhere the case is skipped,
     * with the reason.
     */
    private static void assumeSignalReachesChildren(String signal) throws java.io.IOException {
        int number = signal.equals("INT") ? 2 : 15;
        String mask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
        boolean ignored = (new java.math.BigInteger(mask, 16).testBit(number - 1));
        String why = "SIG" + signal + " is ignored by this test process (inherited from a shell that started the build in the"
                + " background), so hpo run would inherit that too";
        if (ignored && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(why);
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(ignored, why);
    }

    /** Polls the database (bounded) until the running trial has stored {@code count} epochs. */
    private static void awaitEpochs(String url, Process hpo, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path db = Path.of(url.substring("jdbc:h2:file:".length()) + ".mv.db");
        while (System.nanoTime() < deadline && hpo.isAlive()) {
            // Only once hpo run has opened (and migrated) the storage: it prints the study's header then.
            Path out = db.resolveSibling("out.txt");
            if (Files.exists(db) && Files.exists(out) && Files.readString(out).contains("study signals")) {
                try (JdbcStorage storage = JdbcStorage.builder(url).mustExist(true).build()) {
                    var study = storage.findStudy("signals");
                    if (study.isPresent()) {
                        var trials = storage.trials(study.get().id(), EnumSet.of(TrialState.RUNNING));
                        if (!trials.isEmpty() && storage.epochs(trials.get(0).id()).size() >= count) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        Path err = db.resolveSibling("err.txt");
        throw new AssertionError("hpo run did not store " + count + " epochs within 120 s (alive: " + hpo.isAlive()
                + "); its errors: " + (Files.exists(err) ? Files.readString(err) : "none"));
    }
}

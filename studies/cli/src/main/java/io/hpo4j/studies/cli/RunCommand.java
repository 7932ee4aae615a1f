package io.hpo4j.studies.cli;

import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.config.StudyFileParser;
import io.hpo4j.studies.run.Components;
import io.hpo4j.studies.run.HeldOutEvaluation;
import io.hpo4j.studies.run.StoredModelKeeper;
import io.hpo4j.studies.run.ProgressReporter;
import io.hpo4j.studies.run.StudyRunner;
import io.hpo4j.studies.run.TerminalInfo;
import io.hpo4j.studies.run.TrainerObjectives;
import io.hpo4j.studies.run.Verbosity;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.HeartbeatPolicy;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hpo run}: start or resume the study a YAML file describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the study described by a YAML study file. Running the same study again adds trials "
                + "to it (resume); trial numbers continue.",
                "The file is checked completely before any trial starts."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY_FILE", description = "The study file (YAML), e.g. examples/mnist-demo.yaml.")
    Path file;
    @Option(names = "--trials", paramLabel = "N", description = "Trials to run now (overrides budget.trials).")
    Integer trials;
    @Option(names = "--jobs", paramLabel = "J", description = "Trials at once (default: the file's jobs, else one per core).")
    Integer jobs;
    @Option(names = "--seed", paramLabel = "S", description = "The study's seed (overrides seed).")
    Long seed;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Start no trial after this many seconds (overrides budget.timeout).")
    Long timeoutSeconds;
    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Leaderboard rows printed at the end (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = {"-q", "--quiet"}, description = "Print only the study's header and the final leaderboard.")
    boolean quiet;
    @Option(names = {"-v", "--verbose"}, description = "Also print a line per epoch of every trial.")
    boolean verbose;
    @Mixin
    WidthOption width;
    @Option(names = "--heartbeat-grace", paramLabel = "SECONDS",
            description = "A RUNNING trial without a heartbeat for this long belongs to a lost worker and is marked FAIL "
                    + "(default: the file's heartbeat.grace, else 60; at least twice the beat interval, 5 s).")
    Double graceSeconds;
    @Option(names = "--heartbeat-interval", paramLabel = "SECONDS", hidden = true,
            description = "How often a running trial beats (default: the file's heartbeat.interval, else 5).")
    Double intervalSeconds;
    @Option(names = "--retry-failed", paramLabel = "K",
            description = "Run the parameters of a trial lost with its worker again, up to K times (default: the file's retry_failed, else 0).")
    Integer retryFailed;
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (trials != null && trials < 1) {
            throw new IllegalArgumentException("--trials must be >= 1, but got " + trials);
        }
        if (jobs != null && jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, but got " + jobs);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be >= 1 second, but got " + timeoutSeconds);
        }
        if (top < 0) {
            throw new IllegalArgumentException("--top must be >= 0 leaderboard rows, but got " + top);
        }
        if (retryFailed != null && retryFailed < 0) {
            throw new IllegalArgumentException("--retry-failed must be >= 0, but got " + retryFailed);
        }
        long maxGrace = HeartbeatPolicy.MAX_GRACE.toSeconds();
        if (graceSeconds != null && !(graceSeconds > 0 && graceSeconds <= maxGrace)) {
            throw new IllegalArgumentException("--heartbeat-grace must be > 0 and at most " + maxGrace
                    + " seconds (a day), but got " + graceSeconds);
        }
        if (intervalSeconds != null && !(intervalSeconds > 0 && Double.isFinite(intervalSeconds))) {
            throw new IllegalArgumentException("--heartbeat-interval must be a finite number of seconds > 0, but got "
                    + intervalSeconds);
        }
        if (quiet && verbose) {
            throw new IllegalArgumentException("--quiet and --verbose contradict each other: give one of them");
        }
        TerminalInfo terminal = width.terminal();
        StudyFile parsed = new StudyFileParser(Components::sampler, Components::pruner).parse(file);
        StudyFile study = parsed.withOverrides(trials, jobs, seed, null,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
        study = study.withHeartbeat(heartbeat(study.heartbeat()));
        storage.resolve(study.storage()); // checks --storage
        // Loads and checks the data and the parameters against the trainer before the storage is
        // opened (or created): a bad data file writes nothing. The run reuses the loaded data.
        TrainerObjectives.forStudy(study);
        PrintWriter out = spec.commandLine().getOut();
        out.println("storage: " + storage.shown(study.storage()));
        try (JdbcStorage s = storage.builder(study.storage()).heartbeat(study.heartbeat()).build()) {
            StudyRunner.Result result = new StudyRunner(s, s.analyses(), out, Clock.systemUTC(), System.getenv(),
                    Runtime.getRuntime().availableProcessors(),
                    f -> TrainerObjectives.forStudy(f, StoredModelKeeper.of(s, f.name(), f.keepModels())),
                    terminal, quiet ? Verbosity.QUIET : verbose ? Verbosity.VERBOSE : Verbosity.NORMAL).run(study);
            out.printf("%nran %d trials in %s%n", result.trialsRun(), ProgressReporter.clockTime(result.elapsed()));
            out.flush();
            HeldOutEvaluation.afterRun(s, study, out, terminal.columns());
            out.println();
            out.println("leaderboard of " + study.name() + ":");
            out.print(LeaderboardCommand.render(s, study.name(), top, OutputFormat.TABLE, terminal.columns()));
            if (result.best() != null) {
                out.printf("%nbest: trial %d, %s %.4f. Details: hpo trial %s %d%n", result.best().number(),
                        study.metric().key(), result.best().value(), study.name(), result.best().number());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The file's heartbeat settings with the command line's over them, checked together. */
    private HeartbeatPolicy heartbeat(HeartbeatPolicy fromFile) {
        try {
            return new HeartbeatPolicy(intervalSeconds == null ? fromFile.interval() : seconds(intervalSeconds),
                    graceSeconds == null ? fromFile.grace() : seconds(graceSeconds),
                    retryFailed == null ? fromFile.retryFailed() : retryFailed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((graceSeconds != null ? "--heartbeat-grace: " : "") + e.getMessage(), e);
        }
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}

package io.hpo4j.studies.cli;

import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.config.StudyFileParser;
import io.hpo4j.studies.run.Components;
import io.hpo4j.studies.run.ProgressReporter;
import io.hpo4j.studies.run.StudyRunner;
import io.hpo4j.studies.run.TrainerObjectives;
import io.hpo4j.studies.storage.JdbcStorage;
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
    @Option(names = "--stale-after", paramLabel = "MINUTES", defaultValue = "30",
            description = "A RUNNING trial with no heartbeat for this long belongs to a dead process and is marked FAIL (default: ${DEFAULT-VALUE}).")
    long staleAfterMinutes;
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
        StudyFile parsed = new StudyFileParser(Components::sampler, Components::pruner).parse(file);
        StudyFile study = parsed.withOverrides(trials, jobs, seed, null,
                timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds));
        String url = storage.resolve(study.storage());
        PrintWriter out = spec.commandLine().getOut();
        out.println("storage: " + url);
        try (JdbcStorage s = JdbcStorage.open(url)) {
            StudyRunner.Result result = new StudyRunner(s, s.analyses(), out, Clock.systemUTC(), System.getenv(),
                    Runtime.getRuntime().availableProcessors(), TrainerObjectives::forStudy,
                    Duration.ofMinutes(staleAfterMinutes)).run(study);
            out.printf("%nran %d trials in %s%n%n", result.trialsRun(), ProgressReporter.clockTime(result.elapsed()));
            out.flush();
            out.println("leaderboard of " + study.name() + ":");
            out.print(LeaderboardCommand.render(s, study.name(), top, OutputFormat.TABLE));
            if (result.best() != null) {
                out.printf("%nbest: trial %d, %s %.4f. Details: hpo trial %s %d%n", result.best().number(),
                        study.metric().key(), result.best().value(), study.name(), result.best().number());
            }
            out.flush();
        }
        return ExitCodes.OK;
    }
}

package io.hpo4j.studies.run;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.AnalysisStore;
import io.hpo4j.tuner.storage.Storage;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The study manager's run loop: turns a validated {@link StudyFile} into a {@link Study} in a
 * storage, resumes it if it exists, dispatches trials on {@link ThreadLayout#jobs()} workers, and
 * reports progress.
 *
 * <p>Resuming: trials left RUNNING by a process that died without a trace (kill -9, power loss)
 * are marked FAIL once their heartbeat is older than {@code staleAfter}; everything they wrote
 * stays. A run interrupted by Ctrl-C or SIGTERM marks its own running trials FAIL ("interrupted")
 * from a signal handler (see {@link Interrupts}), so no trial is left RUNNING, and every finished
 * trial and epoch is kept.
 */
public final class StudyRunner {

    private final Storage storage;
    private final PrintWriter out;
    private final Clock clock;
    private final Map<String, String> env;
    private final int cores;
    private final Function<StudyFile, Objective> objectives;
    private final Duration staleAfter;
    private final AnalysisStore analyses;

    /** As the full constructor, with the curve analyses kept in memory. */
    public StudyRunner(Storage storage, PrintWriter out, Clock clock, Map<String, String> env, int cores,
                       Function<StudyFile, Objective> objectives, Duration staleAfter) {
        this(storage, AnalysisStore.inMemory(storage), out, clock, env, cores, objectives, staleAfter);
    }

    /**
     * @param analyses   where each finished trial's curve analysis is stored
     * @param objectives builds the objective of a study file (the DL4J trainer, by default)
     * @param staleAfter a RUNNING trial silent for longer than this belongs to a dead process
     */
    public StudyRunner(Storage storage, AnalysisStore analyses, PrintWriter out, Clock clock, Map<String, String> env,
                       int cores, Function<StudyFile, Objective> objectives, Duration staleAfter) {
        this.analyses = analyses;
        this.storage = storage;
        this.out = out;
        this.clock = clock;
        this.env = env;
        this.cores = cores;
        this.objectives = objectives;
        this.staleAfter = staleAfter;
    }

    /** What a run did. */
    public record Result(Study study, int trialsRun, FrozenTrial best, Duration elapsed) {
    }

    /** Creates or resumes the study of {@code file} and runs its budget. */
    public Result run(StudyFile file) {
        ThreadLayout layout = ThreadLayout.of(file.jobs(), env, cores);
        Objective objective = objectives.apply(file);   // loads and checks everything before the study is touched
        Study study = Study.builder(file.name())
                .storage(storage)
                .direction(file.direction())
                .searchSpace(file.searchSpace())
                .sampler(Components.sampler(file.sampler()))
                .pruner(Components.pruner(file.pruner()))
                .seed(file.seed() != null ? file.seed() : new java.security.SecureRandom().nextLong())
                .clock(clock)
                .build();
        List<FrozenTrial> abandoned = storage.failStaleTrials(study.id(), clock.instant().minus(staleAfter),
                "abandoned: its process stopped without finishing it (no heartbeat for " + staleAfter.toMinutes() + " min)");
        int before = study.trials(EnumSet.complementOf(EnumSet.of(TrialState.WAITING))).size();

        out.printf("study %s: %s, %s, %s%n", file.name(), file.direction().name().toLowerCase(Locale.ROOT) + " " + file.metric().key(),
                "sampler " + file.sampler().type(), "pruner " + file.pruner().type());
        out.printf("data: %s%n", file.dataset().describe());
        if (file.earlyStopping().enabled()) {
            out.printf("early stopping: on %s, patience %d epochs, min_delta %s%n", file.earlyStopping().monitor().key(),
                    file.earlyStopping().patience(), file.earlyStopping().minDelta());
        }
        out.printf("budget: %s%s; %s%n", file.trials() > 0 ? file.trials() + " trials" : "no trial limit",
                file.timeout() == null ? "" : ", " + ProgressReporter.clockTime(file.timeout()) + " max", layout.describe());
        if (before > 0) {
            out.printf("resuming: %d trials already in the study (best %s)%n", before,
                    study.view().bestTrial().map(t -> String.format(Locale.ROOT, "%.4f, trial %d", t.value(), t.number())).orElse("-"));
        }
        abandoned.forEach(t -> out.printf("trial %d was left RUNNING by a stopped process: marked FAIL%n", t.number()));
        if (layout.oversubscribed()) {
            out.printf("warning: %d trials x %d threads exceed %d cores; trials will slow each other down. "
                    + "Lower --jobs or OMP_NUM_THREADS.%n", layout.jobs(), layout.threadsPerTrial(), layout.cores());
        }
        out.flush();

        Instant started = clock.instant();
        OptimizeOptions options = new OptimizeOptions(file.trials(), layout.jobs(), file.timeout(), List.of(
                new ProgressReporter(out, clock, file.direction(), file.trials(), file.timeout()),
                new AnalysisListener(TrialAnalyses.of(storage, analyses, OverfitThresholds.defaults()), out)));
        try (Interrupts ignored = Interrupts.onInterrupt(() -> {
            int failed = study.failRunningTrials("interrupted: the run was stopped (Ctrl-C or a signal) during this trial");
            out.printf("%ninterrupted: %d running trial(s) marked FAIL; finished trials and epochs are kept. "
                    + "Run the same command again to resume.%n", failed);
            out.flush();
            storage.close();
        })) {
            study.optimize(objective, options);
        }
        Duration elapsed = Duration.between(started, clock.instant());
        int after = study.trials(EnumSet.complementOf(EnumSet.of(TrialState.WAITING))).size();
        FrozenTrial best = study.view().bestTrial().orElse(null);
        return new Result(study, after - before, best, elapsed);
    }
}

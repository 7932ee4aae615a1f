package io.hpo4j.studies.run;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.config.StoredStudyFile;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialListener;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.StudyView;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The study manager's run loop: turns a validated {@link StudyFile} into a {@link Study} in a
 * storage, resumes it if it exists, dispatches trials on {@link ThreadLayout#jobs()} workers, and
 * reports progress. A trial that throws (see {@link #TRIAL_FAILURES}) is recorded FAIL with its
 * reason and the run goes on.
 *
 * <p>Resuming: trials left RUNNING by a process that died without a trace (kill -9, power loss)
 * are marked FAIL ("worker lost") by the storage, before it starts a trial, once their heartbeat is
 * older than the grace period (see {@code HeartbeatPolicy}); everything they wrote stays. A run interrupted by Ctrl-C or SIGTERM marks its own running trials FAIL ("interrupted")
 * from a signal handler (see {@link Interrupts}), so no trial is left RUNNING, and every finished
 * trial and epoch is kept.
 */
public final class StudyRunner {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StudyRunner.class);

    /**
     * What fails a trial of a study file without stopping the run: a training that diverged
     * (NaN loss) or any other exception of the trainer (out of memory of the native backend, a
     * bad combination of parameters). Errors of the JVM still stop it.
     */
    public static final List<Class<? extends Throwable>> TRIAL_FAILURES = List.of(Exception.class);

    private final Storage storage;
    private final PrintWriter out;
    private final Clock clock;
    private final Map<String, String> env;
    private final int cores;
    private final Function<StudyFile, Objective> objectives;
    private final TerminalInfo terminal;
    private final Verbosity verbosity;
    private final AnalysisStore analyses;

    /**
     * @param analyses   where each finished trial's curve analysis is stored
     * @param objectives builds the objective of a study file (the DL4J trainer, by default)
     */
    public StudyRunner(Storage storage, PrintWriter out, Clock clock, Map<String, String> env, int cores,
                       Function<StudyFile, Objective> objectives) {
        this(storage, AnalysisStore.inMemory(storage), out, clock, env, cores, objectives,
                TerminalInfo.plain(TerminalInfo.DEFAULT_COLUMNS), Verbosity.NORMAL);
    }

    /**
     * As above, printing for {@code terminal} (its width; a status block redrawn in place if it is
     * interactive) as much as {@code verbosity} says, storing each finished trial's curve analysis
     * in {@code analyses}.
     */
    public StudyRunner(Storage storage, AnalysisStore analyses, PrintWriter out, Clock clock, Map<String, String> env,
                       int cores, Function<StudyFile, Objective> objectives, TerminalInfo terminal, Verbosity verbosity) {
        this.analyses = analyses;
        this.terminal = terminal;
        this.verbosity = verbosity;
        this.storage = storage;
        this.out = out;
        this.clock = clock;
        this.env = env;
        this.cores = cores;
        this.objectives = objectives;
    }

    /** What a run did; {@code trialsRun} counts the trials this process finished, not other workers'. */
    public record Result(Study study, int trialsRun, FrozenTrial best, Duration elapsed) {
    }

    /** A line of the run's header, wrapped to the terminal's width (continuation lines indented). */
    private void header(String line, int width) {
        out.println(TextFit.paragraph(line, width, 6));
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
                .ifExists(IfExists.RESUME)      // `hpo run` again resumes the study (documented)
                .build();
        StoredStudyFile.remember(storage, study.id(), file);   // hpo retrain / evaluate read the data from it
        int before = study.trials(EnumSet.complementOf(EnumSet.of(TrialState.WAITING))).size();

        int width = terminal.columns();
        header(String.format("study %s: %s, %s, %s", file.name(), file.direction().name().toLowerCase(Locale.ROOT) + " "
                + file.metric().key(), "sampler " + file.sampler().type(), "pruner " + file.pruner().type()), width);
        header("data: " + file.dataset().describe(), width);
        if (file.earlyStopping().enabled()) {
            header(String.format("early stopping: on %s, patience %d epochs, min_delta %s", file.earlyStopping().monitor().key(),
                    file.earlyStopping().patience(), file.earlyStopping().minDelta()), width);
        }
        header(String.format("budget: %s%s; %s", file.trials() > 0 ? file.trials() + " trials" : "no trial limit",
                file.timeout() == null ? "" : ", " + ProgressReporter.clockTime(file.timeout()) + " max", layout.describe()), width);
        if (before > 0) {
            header(String.format("resuming: %d trials already in the study (best %s)", before,
                    study.view().bestTrial().map(t -> String.format(Locale.ROOT, "%.4f, trial %d", t.value(), t.number())).orElse("-")), width);
        }
        if (layout.oversubscribed()) {
            header(String.format("warning: %d trials x %d threads exceed %d cores; trials will slow each other down. "
                    + "Lower --jobs or OMP_NUM_THREADS.", layout.jobs(), layout.threadsPerTrial(), layout.cores()), width);
        }
        out.flush();

        Instant started = clock.instant();
        AtomicInteger finishedHere = new AtomicInteger(); // other workers of the study finish trials too
        TrialListener counter = new TrialListener() {
            @Override
            public void onTrialFinished(StudyView view, FrozenTrial trial) {
                finishedHere.incrementAndGet();
            }
        };
        LiveConsole console = new LiveConsole(out, terminal.interactive());
        PrintWriter shown = new PrintWriter(console, true);
        ProgressReporter progress = new ProgressReporter(console, storage, study.id(), clock, file.direction(),
                file.metric().key(), file.trials(), file.timeout(), verbosity, terminal.columns());
        OptimizeOptions options = new OptimizeOptions(file.trials(), layout.jobs(), file.timeout(), List.of(counter,
                progress, new AnalysisListener(TrialAnalyses.of(storage, analyses, OverfitThresholds.defaults()), shown)), TRIAL_FAILURES);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hpo-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                progress.tick();
            } catch (RuntimeException e) {
                LOG.debug("progress: could not read the running trials: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        try (console; Interrupts ignored = Interrupts.onInterrupt(() -> {
            ticker.shutdownNow();
            progress.finish();
            int failed = study.failRunningTrials("interrupted: the run was stopped (Ctrl-C or a signal) during this trial");
            shown.printf("%ninterrupted: %d running trial(s) marked FAIL; finished trials and epochs are kept.%n"
                    + "Run the same command again to resume.%n", failed);
            shown.flush();
        })) {
            study.optimize(objective, options);
        } finally {
            ticker.shutdownNow();
            progress.finish();
        }
        Duration elapsed = Duration.between(started, clock.instant());
        FrozenTrial best = study.view().bestTrial().orElse(null);
        return new Result(study, finishedHere.get(), best, elapsed);
    }
}

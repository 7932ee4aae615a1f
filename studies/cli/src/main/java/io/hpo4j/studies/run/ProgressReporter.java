package io.hpo4j.studies.run;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialListener;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code hpo run} shows while trials run, every line at most the terminal's width:
 * <ul>
 *   <li>a line when a trial starts, with its parameters (wrapped), as soon as it has them;</li>
 *   <li>a line when it finishes: state, value, epochs, time, and why it was pruned or failed;</li>
 *   <li>on an interactive terminal, a {@link StatusBlock} redrawn in place below them: each
 *       running trial's epoch k/N, current metric and time, then done/total, the study's best
 *       (read from storage, so across resumes and other workers), elapsed time and an ETA from the
 *       measured throughput; elsewhere, that summary as a line after each finished trial;</li>
 *   <li>{@link Verbosity#VERBOSE}: a line per epoch; {@link Verbosity#QUIET}: nothing.</li>
 * </ul>
 *
 * <pre>
 * trial 2 started: epochs=8 batch_size=64 learning_rate=3.20e-03 hidden_units=256
 *          layers=2 dropout=0.1 activation=relu optimizer=adam
 * [  3/24] trial 2   COMPLETE 0.9415  8 epochs  21.4 s
 *          done 3/24 | best 0.9415 (#2) | elapsed 0:48 | ETA ~5:20
 * </pre>
 *
 * Running trials are read from storage by {@link #tick()}, which the run calls every second (tests
 * call it directly). Thread-safe.
 */
public final class ProgressReporter implements TrialListener {

    private static final int INDENT = 9;

    private final LiveConsole console;
    private final PrintWriter lines;
    private final Storage storage;
    private final long studyId;
    private final Clock clock;
    private final Direction direction;
    private final String metric;
    private final int total;
    private final Duration timeout;
    private final Verbosity verbosity;
    private final int columns;
    private final Instant started;
    private final Set<Integer> mine = new LinkedHashSet<>();
    private final Set<Integer> announced = new LinkedHashSet<>();
    private final Map<Integer, Integer> epochsShown = new TreeMap<>();
    private int done;

    /**
     * @param metric  the objective metric's key, e.g. {@code validation_accuracy}
     * @param total   trials this run will start (0 if only a time-out bounds it)
     * @param timeout the run's time budget, or null
     */
    public ProgressReporter(LiveConsole console, Storage storage, long studyId, Clock clock, Direction direction,
                            String metric, int total, Duration timeout, Verbosity verbosity, int columns) {
        this.console = console;
        this.lines = new PrintWriter(console, true);
        this.storage = storage;
        this.studyId = studyId;
        this.clock = clock;
        this.direction = direction;
        this.metric = shortMetric(metric);
        this.total = total;
        this.timeout = timeout;
        this.verbosity = verbosity;
        this.columns = columns;
        this.started = clock.instant();
    }

    @Override
    public synchronized void onTrialStarted(StudyView study, FrozenTrial trial) {
        mine.add(trial.number());
        if (!trial.params().isEmpty()) {
            announce(trial); // an enqueued trial has its parameters from the start
        }
    }

    @Override
    public synchronized void onTrialFinished(StudyView study, FrozenTrial trial) {
        done++;
        if (!announced.contains(trial.number()) && !trial.params().isEmpty()) {
            announce(trial);
        }
        showEpochs(trial, storage.epochs(trial.id()));
        mine.remove(trial.number());
        epochsShown.remove(trial.number());
        if (verbosity == Verbosity.QUIET) {
            return;
        }
        String count = total > 0 ? String.format(Locale.ROOT, "[%3d/%d]", done, total) : String.format(Locale.ROOT, "[%3d]", done);
        StringBuilder line = new StringBuilder(count)
                .append(String.format(Locale.ROOT, " trial %-3d %-8s %s", trial.number(), trial.state(),
                        trial.value() == null ? "  -   " : String.format(Locale.ROOT, "%.4f", trial.value())))
                .append(String.format(Locale.ROOT, " %2d epochs", trial.intermediateValues().size()))
                .append(trial.duration().map(d -> String.format(Locale.ROOT, " %6.1f s", d.toMillis() / 1000.0)).orElse(""));
        emit(List.of(TextFit.fit(line.toString(), columns)));
        if (trial.failReason() != null && !trial.failReason().isEmpty()) {
            String why = switch (trial.state()) {
                case FAIL -> "failed:";
                case PRUNED -> "pruned:";
                default -> "stopped early:";   // a COMPLETE trial that early stopping ended before its last epoch
            };
            emit(TextFit.wrap(" ".repeat(INDENT) + why, List.of(trial.failReason().split(" ")), columns, INDENT + 2));
        }
        RunStatus status = status();
        if (console.interactive()) {
            console.block(StatusBlock.lines(status, columns));
        } else {
            emit(StatusBlock.summary(status, " ".repeat(INDENT), columns));
        }
    }

    /** Reads this run's running trials from storage: announces new ones, prints new epochs (verbose), redraws the block. */
    public synchronized void tick() {
        if (verbosity == Verbosity.QUIET || mine.isEmpty() && !console.interactive()) {
            return;
        }
        for (FrozenTrial t : runningTrials()) {
            if (!announced.contains(t.number()) && !t.params().isEmpty()) {
                announce(t);
            }
            if (verbosity == Verbosity.VERBOSE) {
                showEpochs(t, storage.epochs(t.id()));
            }
        }
        if (console.interactive()) {
            console.block(StatusBlock.lines(status(), columns));
        }
    }

    /** Removes the status block, at the end of the run. */
    public synchronized void finish() {
        console.clearBlock();
    }

    /** The run's status now. */
    public synchronized RunStatus status() {
        Instant now = clock.instant();
        List<RunStatus.Running> running = new ArrayList<>();
        for (FrozenTrial t : runningTrials()) {
            Map.Entry<Integer, Double> last = t.intermediateValues().isEmpty() ? null
                    : t.intermediateValues().entrySet().stream().reduce((a, b) -> b).orElse(null);
            Object planned = t.params().get("epochs");
            running.add(new RunStatus.Running(t.number(), last == null ? 0 : last.getKey(),
                    planned instanceof Number n ? n.intValue() : null, last == null ? null : last.getValue(),
                    t.start() == null ? Duration.ZERO : Duration.between(t.start(), now)));
        }
        Optional<FrozenTrial> best = storage.trials(studyId, EnumSet.of(TrialState.COMPLETE)).stream()
                .filter(t -> t.value() != null && Double.isFinite(t.value()))
                .reduce((a, b) -> direction.isBetter(b.value(), a.value()) ? b : a);
        Duration elapsed = Duration.between(started, now);
        Duration eta = null;
        if (done > 0 && total > 0 && done < total) {
            eta = elapsed.multipliedBy(total - done).dividedBy(done);   // measured: trials per second of this run
        }
        return new RunStatus(running, done, total, best.map(FrozenTrial::value).orElse(null),
                best.map(FrozenTrial::number).orElse(null), metric, elapsed, eta, timeout == null ? null : timeout.minus(elapsed));
    }

    private List<FrozenTrial> runningTrials() {
        return storage.trials(studyId, EnumSet.of(TrialState.RUNNING)).stream().filter(t -> mine.contains(t.number())).toList();
    }

    private void announce(FrozenTrial t) {
        announced.add(t.number());
        if (verbosity == Verbosity.QUIET) {
            return;
        }
        Object retryOf = t.systemAttrs().get(io.hpo4j.studies.storage.HeartbeatPolicy.RETRY_OF);
        emit(TextFit.wrap("trial " + t.number() + " started" + (retryOf == null ? "" : " (retry of trial " + retryOf + ")") + ":",
                TextFit.params(t.params()), columns, INDENT));
    }

    private void showEpochs(FrozenTrial t, List<EpochMetrics> epochs) {
        if (verbosity != Verbosity.VERBOSE) {
            return;
        }
        int shown = epochsShown.getOrDefault(t.number(), 0);
        Object planned = t.params().get("epochs");
        for (EpochMetrics e : epochs) {
            if (e.epoch() <= shown) {
                continue;
            }
            emit(List.of(TextFit.fit(String.format(Locale.ROOT,
                    "  trial %-3d epoch %2d%s  train loss %s acc %s | val loss %s acc %s  %.1f s", t.number(), e.epoch(),
                    planned instanceof Number n ? "/" + n : "", TextFit.number(e.trainLoss()),
                    TextFit.number(e.trainAccuracy()), TextFit.number(e.validationLoss()),
                    TextFit.number(e.validationAccuracy()), e.seconds()), columns)));
            shown = e.epoch();
        }
        epochsShown.put(t.number(), shown);
    }

    private void emit(List<String> text) {
        text.forEach(lines::println);
    }

    /** {@code val_acc} for {@code validation_accuracy}, and so on. */
    static String shortMetric(String key) {
        return key.replace("validation_", "val_").replace("accuracy", "acc");
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clockTime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

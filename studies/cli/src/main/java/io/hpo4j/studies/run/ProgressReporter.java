package io.hpo4j.studies.run;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialListener;
import io.hpo4j.tuner.TrialState;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints a line per finished trial and the run's progress: trials done / total, the best value
 * so far and an estimate of the time left. Thread-safe; output lines are never interleaved.
 *
 * <pre>
 * [  3/24] trial 2   COMPLETE  0.9415  8 epochs  21.4s  epochs=8 batch_size=64 ...
 *          best 0.9415 (trial 2) | elapsed 0:48 | ETA ~5:20
 * </pre>
 */
public final class ProgressReporter implements TrialListener {

    private final PrintWriter out;
    private final Clock clock;
    private final int total;
    private final Duration timeout;
    private final Instant started;
    private final AtomicInteger done = new AtomicInteger();
    private final Direction direction;
    private Double best;
    private Integer bestNumber;

    /**
     * @param total   trials this run will start (0 if only a timeout bounds it)
     * @param timeout the run's time budget, or null
     */
    public ProgressReporter(PrintWriter out, Clock clock, Direction direction, int total, Duration timeout) {
        this.out = out;
        this.clock = clock;
        this.direction = direction;
        this.total = total;
        this.timeout = timeout;
        this.started = clock.instant();
    }

    @Override
    public synchronized void onTrialFinished(StudyView study, FrozenTrial trial) {
        int n = done.incrementAndGet();
        if (trial.state() == TrialState.COMPLETE && trial.value() != null
                && (best == null || direction.isBetter(trial.value(), best))) {
            best = trial.value();
            bestNumber = trial.number();
        }
        Duration elapsed = Duration.between(started, clock.instant());
        String count = total > 0 ? String.format(Locale.ROOT, "[%3d/%d]", n, total) : String.format(Locale.ROOT, "[%3d]", n);
        StringBuilder line = new StringBuilder(count)
                .append(String.format(Locale.ROOT, " trial %-3d %-8s %s", trial.number(), trial.state(),
                        trial.value() == null ? "   -   " : String.format(Locale.ROOT, "%.4f", trial.value())))
                .append(String.format(Locale.ROOT, " %2d epochs", trial.intermediateValues().size()))
                .append(trial.duration().map(d -> String.format(Locale.ROOT, " %6.1fs", d.toMillis() / 1000.0)).orElse(""))
                .append("  ").append(params(trial.params()));
        if (trial.failReason() != null && !trial.failReason().isEmpty()) {
            line.append("\n          ").append(trial.state() == TrialState.FAIL ? "failed: " : "pruned: ").append(trial.failReason());
        }
        out.println(line);
        out.println("          best " + (best == null ? "-" : String.format(Locale.ROOT, "%.4f (trial %d)", best, bestNumber))
                + " | elapsed " + clockTime(elapsed) + eta(n, elapsed));
        out.flush();
    }

    private String eta(int n, Duration elapsed) {
        Duration byTrials = total > 0 && n < total ? elapsed.multipliedBy(total - n).dividedBy(n) : null;
        Duration byTime = timeout == null ? null : timeout.minus(elapsed);
        Duration eta = byTrials == null ? byTime : byTime == null ? byTrials : (byTrials.compareTo(byTime) < 0 ? byTrials : byTime);
        if (total > 0 && n >= total) {
            return " | done";
        }
        return eta == null || eta.isNegative() ? "" : " | ETA ~" + clockTime(eta);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    public static String clockTime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private static String params(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, d != 0 && Math.abs(d) < 1e-2 ? "%.2e" : "%.3f", d) : v));
        return sb.toString();
    }
}

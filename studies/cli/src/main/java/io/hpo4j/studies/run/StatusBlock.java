package io.hpo4j.studies.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays a {@link RunStatus} out as the lines of the status block that {@code hpo run} redraws in
 * place on a terminal, each at most {@code columns} wide:
 *
 * <pre>
 *   trial 12  epoch  7/12  val_acc 0.9431  1:12
 *   trial 13  epoch  2/10  val_acc 0.8120  0:15
 * done 5/24 | best 0.9455 (#3) | elapsed 4:10 | ETA ~12:30 | time-out in 0:47
 * </pre>
 *
 * At most {@value #MAX_TRIAL_LINES} running trials get a line each; the others are counted.
 * Stateless.
 */
public final class StatusBlock {

    static final int MAX_TRIAL_LINES = 8;

    private StatusBlock() {
    }

    public static List<String> lines(RunStatus s, int columns) {
        List<String> out = new ArrayList<>();
        List<RunStatus.Running> running = s.running();
        for (int i = 0; i < running.size() && i < MAX_TRIAL_LINES; i++) {
            out.add(TextFit.fit(trialLine(running.get(i), s.metric()), columns));
        }
        if (running.size() > MAX_TRIAL_LINES) {
            out.add("  ... and " + (running.size() - MAX_TRIAL_LINES) + " more running");
        }
        out.addAll(summary(s, "", columns));
        return out;
    }

    static String trialLine(RunStatus.Running r, String metric) {
        String epoch = r.planned() == null ? String.format(Locale.ROOT, "%2d", r.epoch())
                : String.format(Locale.ROOT, "%2d/%d", r.epoch(), r.planned());
        return String.format(Locale.ROOT, "  trial %-3d epoch %-6s %s %-7s %s", r.number(), epoch, metric,
                r.value() == null ? "-" : String.format(Locale.ROOT, "%.4f", r.value()), ProgressReporter.clockTime(r.elapsed()));
    }

    /**
     * {@code done 5/24 | best 0.9455 (#3) | elapsed 4:10 | ETA ~12:30 | time-out in 0:47}, after
     * {@code indent}, wrapped at the bars to {@code columns}.
     */
    static List<String> summary(RunStatus s, String indent, int columns) {
        List<String> parts = new ArrayList<>();
        parts.add("done " + s.done() + (s.total() > 0 ? "/" + s.total() : ""));
        parts.add("best " + (s.best() == null ? "-" : String.format(Locale.ROOT, "%.4f (#%d)", s.best(), s.bestTrial())));
        parts.add("elapsed " + ProgressReporter.clockTime(s.elapsed()));
        boolean finished = s.total() > 0 && s.done() >= s.total();
        boolean timedOut = s.timeLeft() != null && (s.timeLeft().isNegative() || s.timeLeft().isZero());
        if (finished) {
            return wrap(parts, indent, columns);   // "done N/N" says it all: no ETA, no time-out
        }
        if (timedOut) {   // no new trial starts: what is left is the running ones
            parts.add("time-out reached" + (s.running().isEmpty() ? "" : ", finishing " + s.running().size() + " running"));
        } else {
            if (s.eta() != null) {
                parts.add("ETA ~" + ProgressReporter.clockTime(s.eta()));
            }
            if (s.timeLeft() != null) {
                parts.add("time-out in " + ProgressReporter.clockTime(s.timeLeft()));
            }
        }
        return wrap(parts, indent, columns);
    }

    /** The parts joined by bars, after {@code indent}, wrapped at the bars to {@code columns}. */
    private static List<String> wrap(List<String> parts, String indent, int columns) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            words.add(parts.get(i) + (i < parts.size() - 1 ? " |" : ""));
        }
        return TextFit.wrap(indent, words, columns, indent.length() + 2);
    }
}

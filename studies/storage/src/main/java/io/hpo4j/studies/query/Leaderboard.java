package io.hpo4j.studies.query;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Ranks a study's trials: COMPLETE trials by value in the study's direction, RUNNING trials among
 * them by their best value so far (provisional: {@link LeaderboardRow#value()} stays null for
 * them), then PRUNED trials by their last value (they are shown apart: their value is not
 * comparable with a finished trial's), then FAIL trials by number. Reads through the
 * {@link Storage} contract, so it works on any storage. {@link LeaderboardTable} prints rows with
 * the trials' own parameters.
 */
public final class Leaderboard {

    private final Storage storage;
    private final Clock clock;

    /** A leaderboard on the system clock (the running time of RUNNING trials is measured to now). */
    public Leaderboard(Storage storage) {
        this(storage, Clock.systemUTC());
    }

    public Leaderboard(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * The top {@code limit} rows of the named study.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public List<LeaderboardRow> rows(String studyName, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("--top must be >= 1, but got " + limit);
        }
        StudyRecord study = Queries.study(storage, studyName);
        List<FrozenTrial> trials = new ArrayList<>(storage.trials(study.id(),
                EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL, TrialState.RUNNING)));
        trials.sort(order(study.direction()));
        List<LeaderboardRow> rows = new ArrayList<>();
        for (FrozenTrial t : trials.subList(0, Math.min(limit, trials.size()))) {
            rows.add(row(rows.size() + 1, t, study.direction()));
        }
        return rows;
    }

    static Comparator<FrozenTrial> order(Direction direction) {
        Comparator<FrozenTrial> byGroup = Comparator.comparingInt(t -> switch (t.state()) {
            case COMPLETE, RUNNING -> 0;
            case PRUNED -> 1;
            default -> 2;
        });
        Comparator<FrozenTrial> byValue = Comparator.comparing(t -> rankValue(t, direction));
        if (direction == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        return byGroup.thenComparing(byValue).thenComparingInt(FrozenTrial::number);
    }

    /** The value a trial ranks by: its value, a running trial's best so far, else the worst value. */
    static double rankValue(FrozenTrial t, Direction direction) {
        if (t.value() != null && !t.value().isNaN()) {
            return t.value();
        }
        if (t.state() == TrialState.RUNNING) {
            return bestSoFar(t, direction).orElse(direction.worst());
        }
        return direction.worst();
    }

    /** The best finite intermediate value of {@code t} in {@code direction}. */
    public static java.util.Optional<Double> bestSoFar(FrozenTrial t, Direction direction) {
        return t.intermediateValues().values().stream().filter(Double::isFinite)
                .reduce((a, b) -> direction.isBetter(b, a) ? b : a);
    }

    private LeaderboardRow row(int rank, FrozenTrial t, Direction direction) {
        Integer bestEpoch = null;
        double best = Double.NaN;
        for (Map.Entry<Integer, Double> e : t.intermediateValues().entrySet()) {
            if (bestEpoch == null || direction.isBetter(e.getValue(), best)) {
                bestEpoch = e.getKey();
                best = e.getValue();
            }
        }
        Duration duration = t.start() == null ? null
                : Duration.between(t.start(), t.complete() != null ? t.complete() : clock.instant());
        String note = t.failReason();
        if ((note == null || note.isEmpty()) && Boolean.TRUE.equals(t.userAttrs().get("stopped_early"))) {
            note = String.valueOf(t.userAttrs().get("stop_reason"));
        }
        return new LeaderboardRow(rank, t.number(), t.state(), t.value(), t.params(), t.intermediateValues().size(),
                bestEpoch, duration, note);
    }
}

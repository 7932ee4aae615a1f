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

/**
 * Ranks a study's trials: COMPLETE trials by value in the study's direction, then PRUNED trials
 * by their last value (they are shown apart: their value is not comparable with a finished
 * trial's), then RUNNING and FAIL trials by number. Reads through the {@link Storage} contract,
 * so it works on any storage.
 */
public final class Leaderboard {

    private final Storage storage;
    private final Clock clock;

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
            rows.add(row(rows.size() + 1, t));
        }
        return rows;
    }

    static Comparator<FrozenTrial> order(Direction direction) {
        Comparator<FrozenTrial> byGroup = Comparator.comparingInt(t -> switch (t.state()) {
            case COMPLETE -> 0;
            case PRUNED -> 1;
            case RUNNING -> 2;
            default -> 3;
        });
        Comparator<FrozenTrial> byValue = Comparator.comparing(t -> t.value() == null ? direction.worst() : t.value());
        if (direction == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        return byGroup.thenComparing(byValue).thenComparingInt(FrozenTrial::number);
    }

    private LeaderboardRow row(int rank, FrozenTrial t) {
        Duration duration = t.start() == null ? null
                : Duration.between(t.start(), t.complete() != null ? t.complete() : clock.instant());
        // The trial's own record: its best epoch, and the detail of why it stopped (failed, pruned, stopped early).
        return new LeaderboardRow(rank, t.number(), t.state(), t.value(), t.params(), t.intermediateValues().size(),
                t.record().bestEpoch(), duration, t.failReason());
    }
}

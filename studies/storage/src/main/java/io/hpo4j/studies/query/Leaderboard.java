package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.tuner.BestEpoch;
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
import java.util.Set;

/**
 * Ranks a study's trials: COMPLETE trials by value in the study's direction, RUNNING trials among
 * them by their best value so far (provisional: {@link LeaderboardRow#value()} stays null for
 * them), then PRUNED trials by their last value (they are shown apart: their value is not
 * comparable with a finished trial's), then FAIL and (for {@link #allByNumber}) WAITING trials by
 * number. It is the one place where a trial's row is assembled ({@link LeaderboardRow}, with the
 * columns {@link TrialColumn} names), for the leaderboard, the report and {@code hpo export}; the
 * SQL view {@code trial_overview} has the same columns. Reads through the {@link Storage} contract, so
 * it works on any storage; analyses come from a {@link TrialAnalyses} (stored ones, the rest
 * computed on read). {@link LeaderboardTable} prints rows with the trials' own parameters.
 */
public final class Leaderboard {

    private final Storage storage;
    private final TrialAnalyses analyses;
    private final Clock clock;

    /** A leaderboard on the system clock (the running time of RUNNING trials is measured to now). */
    public Leaderboard(Storage storage) {
        this(storage, Clock.systemUTC());
    }

    /** A leaderboard whose curve analyses are computed on read, with the default thresholds. */
    public Leaderboard(Storage storage, Clock clock) {
        this(storage, TrialAnalyses.of(storage, OverfitThresholds.defaults()), clock);
    }

    /** A leaderboard that takes its curve analyses from {@code analyses} (stored ones, or computed on read). */
    public Leaderboard(Storage storage, TrialAnalyses analyses, Clock clock) {
        this.storage = storage;
        this.analyses = analyses;
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
        List<LeaderboardRow> ranked = ranked(studyName,
                EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL, TrialState.RUNNING));
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /**
     * Every trial of the named study, WAITING ones included, by number (with their ranks), as
     * {@code hpo export} writes them.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public List<LeaderboardRow> allByNumber(String studyName) {
        List<LeaderboardRow> rows = new ArrayList<>(ranked(studyName, EnumSet.allOf(TrialState.class)));
        rows.sort(Comparator.comparingInt(LeaderboardRow::number));
        return rows;
    }

    /**
     * Every trial of a snapshot, by number (with their ranks), with the snapshot's analyses: the
     * rows {@link #allByNumber(String)} reads, without reading the storage again.
     */
    public static List<LeaderboardRow> allByNumber(StudySnapshot snapshot, Clock clock) {
        List<LeaderboardRow> rows = new ArrayList<>(ranked(snapshot.study(), snapshot.trials(), snapshot.analyses(), clock));
        rows.sort(Comparator.comparingInt(LeaderboardRow::number));
        return rows;
    }

    private List<LeaderboardRow> ranked(String studyName, Set<TrialState> states) {
        StudyRecord study = StudyLookup.require(storage, studyName);
        List<FrozenTrial> trials = storage.trials(study.id(), states);
        return ranked(study, trials, analyses.ofTrials(study, trials), clock);
    }

    private static List<LeaderboardRow> ranked(StudyRecord study, List<FrozenTrial> trials,
                                               Map<Integer, CurveAnalysis> analysed, Clock clock) {
        List<FrozenTrial> sorted = new ArrayList<>(trials);
        sorted.sort(order(study.direction()));
        List<LeaderboardRow> rows = new ArrayList<>();
        for (FrozenTrial t : sorted) {
            rows.add(row(rows.size() + 1, t, analysed.get(t.number()), study.direction(), clock));
        }
        return rows;
    }

    static Comparator<FrozenTrial> order(Direction direction) {
        Comparator<FrozenTrial> byGroup = Comparator.comparingInt(t -> switch (t.state()) {
            case COMPLETE, RUNNING -> 0;
            case PRUNED -> 1;
            case FAIL -> 2;
            default -> 3;
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
        Integer best = BestEpoch.of(t.intermediateValues(), direction);
        return best == null ? java.util.Optional.empty() : java.util.Optional.of(t.intermediateValues().get(best));
    }

    /** The one place a trial row is assembled. */
    private static LeaderboardRow row(int rank, FrozenTrial t, CurveAnalysis analysis, Direction direction, Clock clock) {
        // A finished trial's own record; a running one's best epoch so far, by the same definition.
        Integer bestEpoch = t.record().bestEpoch() != null || t.state() != TrialState.RUNNING ? t.record().bestEpoch()
                : BestEpoch.of(t.intermediateValues(), direction);
        Duration duration = t.start() == null ? null
                : Duration.between(t.start(), t.complete() != null ? t.complete() : clock.instant());
        int epochs = analysis != null ? analysis.epochs() : t.intermediateValues().size();
        // The trial's own record: its best epoch, and the detail of why it stopped (failed, pruned, stopped early).
        return new LeaderboardRow(rank, t.number(), t.state(), t.value(), t.params(), epochs, bestEpoch,
                duration, t.failReason(), t.record().objective(), t.record().stopReason(), t.record().seed(), t.start(), t.complete(),
                analysis);
    }
}

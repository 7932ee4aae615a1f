package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The columns of the trial row, in order: the one list of what a trial row holds and what each
 * column is called. {@code hpo export} writes these columns (the trial's parameters between
 * {@link #COMPLETED_AT} and {@link #EPOCHS_RUN}), the report embeds them for every trial, and the
 * SQL view {@code trial_overview} has exactly these columns between {@code study} and its keys
 * {@code trial_id}, {@code study_id} (migration {@code V11__one_trial_row.sql}; a test compares
 * the view with {@link LeaderboardRow} column by column on H2 and PostgreSQL).
 *
 * <p>A column's name is its constant in lower case; {@link #of(LeaderboardRow)} is its value as
 * JSON and CSV write it: numbers, strings (enum names, ISO-8601 instants) or null.
 */
public enum TrialColumn {
    NUMBER(LeaderboardRow::number),
    STATE(r -> r.state().name()),
    /** The trial's value (a PRUNED one's last reported value); null if none. */
    OBJECTIVE_VALUE(LeaderboardRow::value),
    /** Start to finish in seconds; null until the trial has finished. */
    DURATION_SECONDS(r -> r.complete() == null || r.start() == null ? null
            : java.time.Duration.between(r.start(), r.complete()).toNanos() / 1e9),
    STARTED_AT(r -> iso(r.start())),
    COMPLETED_AT(r -> iso(r.complete())),
    /** Epochs in the analyzed curve; steps reported, for a trial without an analysis. */
    EPOCHS_RUN(LeaderboardRow::epochsRun),
    OBJECTIVE_METRIC(r -> r.objective() == null ? null : r.objective().name()),
    /** The recorded best epoch; a RUNNING trial's best so far. */
    BEST_EPOCH(LeaderboardRow::bestEpoch),
    STOP_REASON(r -> r.stopReason() == null ? null : r.stopReason().kind()),
    STOP_EPOCH(r -> r.stopReason() == null ? null : r.stopReason().epoch()),
    TRIAL_SEED(LeaderboardRow::seed),
    GAP_ACCURACY_BEST(analysis(CurveAnalysis::gapAccuracyBest)),
    GAP_ACCURACY_LAST(analysis(CurveAnalysis::gapAccuracyLast)),
    GAP_LOSS_BEST(analysis(CurveAnalysis::gapLossBest)),
    GAP_LOSS_LAST(analysis(CurveAnalysis::gapLossLast)),
    OVERFIT_ONSET_EPOCH(analysis(CurveAnalysis::overfitOnsetEpoch)),
    VERDICT(analysis(a -> a.verdict().name())),
    VERDICT_REASON(analysis(CurveAnalysis::reason)),
    /** The detail of why it stopped (failed, pruned, diverged, stopped early); null otherwise. */
    FAIL_REASON(r -> r.note().isEmpty() ? null : r.note());

    /** The columns an export writes before the trial's parameters; the others come after them. */
    public static final Set<TrialColumn> BEFORE_PARAMETERS = EnumSet.range(NUMBER, COMPLETED_AT);

    private final Function<LeaderboardRow, Object> value;

    TrialColumn(Function<LeaderboardRow, Object> value) {
        this.value = value;
    }

    /** The column's name: {@code objective_value}, {@code verdict_reason}, ... */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This column's value in {@code row}: a number, a string or null. */
    public Object of(LeaderboardRow row) {
        return value.apply(row);
    }

    /** Every column's name, in order. */
    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(TrialColumn::column).toList();
    }

    /** The row's columns by name, in order (null values included). */
    public static Map<String, Object> valuesOf(LeaderboardRow row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TrialColumn c : values()) {
            m.put(c.column(), c.of(row));
        }
        return m;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Function<LeaderboardRow, Object> analysis(Function<CurveAnalysis, Object> f) {
        return r -> r.analysis() == null ? null : f.apply(r.analysis());
    }
}

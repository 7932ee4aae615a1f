package io.hpo4j.studies.query;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialState;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial as every trial table shows it — the leaderboard, {@code hpo export}, the report's
 * table and embedded data, and the SQL view {@code trial_overview}: assembled in one place,
 * {@link Leaderboard}; {@link TrialColumn} names its columns, once, for all of them.
 *
 * @param rank       1 for the best trial; COMPLETE and RUNNING trials first (a running one by its
 *                   best value so far), then PRUNED, then FAIL (then WAITING, in an export)
 * @param number     the trial's number
 * @param state      its state
 * @param value      the trial's value (for PRUNED, its last reported value); null if none
 * @param params     its parameters
 * @param epochsRun  epochs in its learning curve (steps it reported, for a trial without an analysis)
 * @param bestEpoch  its recorded best epoch (a running trial's best so far), or null
 * @param duration   start to finish (to now for a running trial), or null
 * @param note       the detail of why it stopped (failed, pruned, stopped early); empty otherwise
 * @param objective  what its value measures, or null if not recorded
 * @param stopReason why it stopped, or null while it has not finished
 * @param seed       the seed the objective ran with, or null if not recorded (WAITING, older releases)
 * @param start      when it started, or null
 * @param complete   when it finished, or null
 * @param analysis   the analysis of its learning curve, or null if it has not finished
 */
public record LeaderboardRow(int rank, int number, TrialState state, Double value, Map<String, Object> params,
                             int epochsRun, Integer bestEpoch, Duration duration, String note,
                             ObjectiveMetric objective, StopReason stopReason, Long seed, Instant start, Instant complete,
                             CurveAnalysis analysis) {

    public LeaderboardRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        note = note == null ? "" : note;
    }
}

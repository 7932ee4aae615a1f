package io.hpo4j.studies.query;

import io.hpo4j.tuner.TrialState;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial on a study's leaderboard.
 *
 * @param rank      1 for the best trial; COMPLETE and RUNNING trials first (a running one by its best
 *                  value so far), then PRUNED, then FAIL
 * @param number    the trial's number
 * @param state     COMPLETE, PRUNED, FAIL or RUNNING
 * @param value     the trial's value (for PRUNED, its last reported value); null if none
 * @param params    its parameters
 * @param epochsRun epochs (steps) it reported
 * @param bestEpoch the epoch with the best value, or null
 * @param duration  start to finish (to now for a running trial), or null
 * @param note      why it failed, was pruned or stopped early; empty otherwise
 */
public record LeaderboardRow(int rank, int number, TrialState state, Double value, Map<String, Object> params,
                             int epochsRun, Integer bestEpoch, Duration duration, String note) {

    public LeaderboardRow {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        note = note == null ? "" : note;
    }
}

package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.TrialState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A study with its trial counts by state and its best completed trial, as {@code hpo studies}
 * lists it.
 *
 * @param study           the study
 * @param countsByState   number of trials in each state (every state present, zero included)
 * @param bestValue       the best COMPLETE value, or null
 * @param bestTrialNumber the number of the trial with the best value, or null
 */
public record StudySummary(StudyRecord study, Map<TrialState, Integer> countsByState, Double bestValue,
                           Integer bestTrialNumber) {

    public StudySummary {
        EnumMap<TrialState, Integer> counts = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) {
            counts.put(s, countsByState.getOrDefault(s, 0));
        }
        countsByState = Collections.unmodifiableMap(counts);
    }

    public int total() {
        return countsByState.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(TrialState state) {
        return countsByState.get(state);
    }
}

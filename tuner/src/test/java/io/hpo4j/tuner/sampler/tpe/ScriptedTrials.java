package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** A study view over trials scripted by hand, numbered 0, 1, 2, ... in the order they are added. */
final class ScriptedTrials implements StudyView {

    private final Direction direction;
    private final SearchSpace space;
    private final List<FrozenTrial> trials = new ArrayList<>();

    ScriptedTrials(Direction direction, SearchSpace space) {
        this.direction = direction;
        this.space = space;
    }

    FrozenTrial complete(Map<String, Object> params, double value) {
        return add(TrialState.COMPLETE, params, value, new TreeMap<>(), Map.of());
    }

    FrozenTrial add(TrialState state, Map<String, Object> params, Double value, SortedMap<Integer, Double> curve,
                    Map<String, Object> systemAttrs) {
        int number = trials.size();
        FrozenTrial t = new FrozenTrial(number, number, state, value, params, space.distributions(), curve, Map.of(),
                systemAttrs, Instant.EPOCH, state == TrialState.RUNNING ? null : Instant.EPOCH, null);
        trials.add(t);
        return t;
    }

    /** The next trial, RUNNING without parameters, as a study passes it to a sampler. */
    FrozenTrial next() {
        int number = trials.size();
        return new FrozenTrial(number, number, TrialState.RUNNING, null, Map.of(), Map.of(), new TreeMap<>(), Map.of(),
                Map.of(), Instant.EPOCH, null, null);
    }

    static SortedMap<Integer, Double> curve(double... values) {
        SortedMap<Integer, Double> curve = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            curve.put(i, values[i]);
        }
        return curve;
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public SearchSpace searchSpace() {
        return space;
    }

    @Override
    public List<FrozenTrial> trials(Set<TrialState> states) {
        return trials.stream().filter(t -> states.contains(t.state())).toList();
    }
}

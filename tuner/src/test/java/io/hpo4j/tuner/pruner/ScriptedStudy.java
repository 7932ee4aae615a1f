package io.hpo4j.tuner.pruner;

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

/**
 * A study view over trials built by hand from scripted learning curves, for calling
 * {@link Pruner#decide} directly. Trials get numbers 0, 1, 2, ... in the order they are added.
 */
final class ScriptedStudy implements StudyView {

    private final String name;
    private final Direction direction;
    private final List<FrozenTrial> trials = new ArrayList<>();

    ScriptedStudy(String name, Direction direction) {
        this.name = name;
        this.direction = direction;
    }

    static ScriptedStudy minimizing() {
        return new ScriptedStudy("scripted", Direction.MINIMIZE);
    }

    static ScriptedStudy maximizing() {
        return new ScriptedStudy("scripted", Direction.MAXIMIZE);
    }

    /** A curve with values at steps 0, 1, 2, ... */
    static SortedMap<Integer, Double> curve(double... values) {
        SortedMap<Integer, Double> curve = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            curve.put(i, values[i]);
        }
        return curve;
    }

    /** A COMPLETE trial with values at steps 0, 1, 2, ...; its value is the last one. */
    FrozenTrial complete(double... values) {
        return add(TrialState.COMPLETE, curve(values));
    }

    /** A RUNNING trial with values at steps 0, 1, 2, ... */
    FrozenTrial running(double... values) {
        return add(TrialState.RUNNING, curve(values));
    }

    /** A trial in {@code state} with the given curve. */
    synchronized FrozenTrial add(TrialState state, Map<Integer, Double> curve) {
        SortedMap<Integer, Double> values = new TreeMap<>(curve);
        Double value = state == TrialState.RUNNING || state == TrialState.FAIL || values.isEmpty()
                ? null : values.get(values.lastKey());
        FrozenTrial t = new FrozenTrial(trials.size() + 1000L, trials.size(), state, value, Map.of(), Map.of(), values,
                Map.of(), Map.of(), Instant.EPOCH, state.isFinished() ? Instant.EPOCH : null, null);
        trials.add(t);
        return t;
    }

    /** Records {@code value} at {@code step} for {@code trial}; returns the new snapshot. */
    synchronized FrozenTrial report(FrozenTrial trial, int step, double value) {
        SortedMap<Integer, Double> values = new TreeMap<>(trials.get(trial.number()).intermediateValues());
        values.put(step, value);
        FrozenTrial t = new FrozenTrial(trial.id(), trial.number(), trial.state(), trial.value(), Map.of(), Map.of(),
                values, Map.of(), Map.of(), trial.start(), trial.complete(), null);
        trials.set(trial.number(), t);
        return t;
    }

    /** Ends {@code trial} in {@code state}; returns the new snapshot. */
    synchronized FrozenTrial finish(FrozenTrial trial, TrialState state) {
        FrozenTrial current = trials.get(trial.number());
        FrozenTrial t = current.finished(state, current.lastStep().map(s -> current.intermediateValues().get(s))
                .orElse(null), Instant.EPOCH, null);
        trials.set(trial.number(), t);
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Direction direction() {
        return direction;
    }

    @Override
    public SearchSpace searchSpace() {
        return SearchSpace.empty();
    }

    @Override
    public synchronized List<FrozenTrial> trials(Set<TrialState> states) {
        return trials.stream().filter(t -> states.contains(t.state())).toList();
    }
}

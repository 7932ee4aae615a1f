package io.hpo4j.tuner;

import io.hpo4j.tuner.space.SearchSpace;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of a study, as samplers, pruners and listeners see it. Every call reads the
 * study's storage, so a view shared by several workers (or processes) sees their trials too.
 */
public interface StudyView {

    String name();

    Direction direction();

    /** The declared search space; empty when the objective defines its parameters as it runs. */
    SearchSpace searchSpace();

    /** Snapshots of the study's trials in the given states, by number. */
    List<FrozenTrial> trials(Set<TrialState> states);

    /** Snapshots of all the study's trials, by number. */
    default List<FrozenTrial> trials() {
        return trials(EnumSet.allOf(TrialState.class));
    }

    /** The completed trial with the best value, if any. */
    default Optional<FrozenTrial> bestTrial() {
        Direction direction = direction();
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
        return trials(EnumSet.of(TrialState.COMPLETE)).stream()
                .filter(t -> t.value() != null && !t.value().isNaN())
                .min(direction == Direction.MINIMIZE ? byValue : byValue.reversed());
    }
}

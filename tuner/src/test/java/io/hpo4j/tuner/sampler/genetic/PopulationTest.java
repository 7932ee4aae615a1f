package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class PopulationTest {

    private static final SearchSpace SPACE = SearchSpace.builder().addFloat("x", 0, 10).build();

    @Test
    void completedTrialsRankAboveEveryPrunedOneAndFailedOnesNeverEnter() {
        List<FrozenTrial> trials = List.of(
                trial(0, TrialState.COMPLETE, 5.0),
                trial(1, TrialState.PRUNED, -100.0),   // the best value, but pruned
                trial(2, TrialState.FAIL, null),
                trial(3, TrialState.COMPLETE, 3.0),
                trial(4, TrialState.PRUNED, null),     // reported nothing
                trial(5, TrialState.PRUNED, 1.0),
                trial(6, TrialState.RUNNING, null));
        List<Member> all = Population.select(trials, SPACE, Direction.MINIMIZE, 10, 10);
        assertThat(all).extracting(Member::number).containsExactly(0, 1, 3, 5);
        assertThat(all.stream().sorted(Population.BEST_FIRST).map(Member::number)).containsExactly(3, 0, 1, 5);

        List<Member> two = Population.select(trials, SPACE, Direction.MINIMIZE, 2, 2);
        assertThat(two).extracting(Member::number).containsExactly(0, 3);
        List<Member> three = Population.select(trials, SPACE, Direction.MINIMIZE, 3, 3);
        assertThat(three).extracting(Member::number).as("a pruned trial fills in only behind the completed ones")
                .containsExactly(0, 1, 3);
    }

    @Test
    void maximizingPrefersLargeValues() {
        List<FrozenTrial> trials = List.of(trial(0, TrialState.COMPLETE, 5.0), trial(1, TrialState.COMPLETE, 7.0),
                trial(2, TrialState.COMPLETE, 1.0));
        assertThat(Population.select(trials, SPACE, Direction.MAXIMIZE, 2, 2)).extracting(Member::number).containsExactly(0, 1);
        assertThat(Population.select(trials, SPACE, Direction.MINIMIZE, 2, 2)).extracting(Member::number).containsExactly(0, 2);
    }

    @Test
    void elitesStayAndTheOtherPlacesGoToTheMostRecentTrials() {
        List<FrozenTrial> trials = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            trials.add(trial(i, TrialState.COMPLETE, (double) i));   // trial 0 is the best
        }
        assertThat(Population.select(trials, SPACE, Direction.MINIMIZE, 4, 1)).extracting(Member::number)
                .containsExactly(0, 7, 8, 9);
        assertThat(Population.select(trials, SPACE, Direction.MINIMIZE, 4, 0)).extracting(Member::number)
                .containsExactly(6, 7, 8, 9);
        assertThat(Population.select(trials, SPACE, Direction.MINIMIZE, 4, 4)).extracting(Member::number)
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void trialsWithoutAValidValueForEveryParameterAreNotMembers() {
        List<FrozenTrial> trials = List.of(
                trial(0, TrialState.COMPLETE, 1.0),
                new FrozenTrial(1, 1, TrialState.COMPLETE, 0.5, Map.of("y", 1.0), Map.of(), new TreeMap<>(),
                        Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH, null),
                new FrozenTrial(2, 2, TrialState.COMPLETE, 0.5, Map.of("x", 11.0), Map.of(), new TreeMap<>(),
                        Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH, null));
        assertThat(Population.select(trials, SPACE, Direction.MINIMIZE, 10, 10)).extracting(Member::number).containsExactly(0);
    }

    @Test
    void generationIsReadFromTheTrialsAttributes() {
        FrozenTrial offspring = new FrozenTrial(1, 1, TrialState.COMPLETE, 0.5, Map.of("x", 1.0), Map.of(),
                new TreeMap<>(), Map.of(), Map.of(GeneticSampler.GENERATION_ATTR, 4), Instant.EPOCH, Instant.EPOCH, null);
        assertThat(Population.generationOf(offspring)).isEqualTo(4);
        assertThat(Population.generationOf(trial(0, TrialState.COMPLETE, 1.0))).isZero();
    }

    private static FrozenTrial trial(int number, TrialState state, Double value) {
        Map<String, Distribution> distributions = SPACE.distributions();
        return new FrozenTrial(number, number, state, value, Map.of("x", (double) number), distributions,
                new TreeMap<>(), Map.of(), Map.of(), Instant.EPOCH, state.isFinished() ? Instant.EPOCH : null, null);
    }
}

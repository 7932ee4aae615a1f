package io.hpo4j.tuner;

import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IntersectionSearchSpaceTest {

    private final InMemoryStorage storage = new InMemoryStorage();
    private final long study = storage.createStudy("s", Direction.MINIMIZE).id();
    private final List<Integer> cursors = new ArrayList<>();
    private final IntersectionSearchSpace space = new IntersectionSearchSpace(from -> {
        cursors.add(from);
        return storage.trialsFrom(study, from);
    });

    @Test
    void isEmptyUntilATrialCompletesOrIsPruned() {
        long running = storage.createTrial(study).id();
        storage.setTrialParam(running, "x", FloatDistribution.of(0, 1), 0.5);
        assertThat(space.calculate().isEmpty()).isTrue();
    }

    @Test
    void holdsTheParametersEveryCompletedTrialHasWithTheSameDistribution() {
        complete("x", FloatDistribution.of(0, 1), "n", IntDistribution.of(1, 4), "c", CategoricalDistribution.of("a", "b"));
        complete("x", FloatDistribution.of(0, 1), "n", IntDistribution.of(1, 8), "c", CategoricalDistribution.of("a", "b"));
        assertThat(space.calculate()).isEqualTo(SearchSpace.builder().addFloat("x", 0, 1).addCategorical("c", "a", "b").build());
    }

    @Test
    void leavesOutSingleValuedDistributionsAndIgnoresFailedTrials() {
        complete("x", FloatDistribution.of(0, 1), "k", IntDistribution.of(3, 3));
        long failed = storage.createTrial(study).id();
        storage.finishTrial(failed, TrialState.FAIL, null, "broken");
        assertThat(space.calculate().names()).containsExactly("x");
    }

    @Test
    void seesATrialThatCompletesAfterLaterOnesAndReadsOnlyFromTheOldestUnfinished() {
        complete("x", FloatDistribution.of(0, 1), "y", FloatDistribution.of(0, 1));          // 0
        long slow = storage.createTrial(study).id();                                         // 1, still running
        complete("x", FloatDistribution.of(0, 1), "y", FloatDistribution.of(0, 1));          // 2
        assertThat(space.calculate().names()).containsExactly("x", "y");
        storage.setTrialParam(slow, "x", FloatDistribution.of(0, 1), 0.1);
        storage.finishTrial(slow, TrialState.COMPLETE, 1.0, null);
        complete("x", FloatDistribution.of(0, 1), "y", FloatDistribution.of(0, 1));          // 3
        assertThat(space.calculate().names()).containsExactly("x");
        assertThat(space.calculate().names()).containsExactly("x");
        assertThat(cursors).containsExactly(0, 1, 4);
    }

    @Test
    void countsPrunedTrialsAsOptunasTpeDoes() {
        complete("x", FloatDistribution.of(0, 1), "y", FloatDistribution.of(0, 1));
        long pruned = storage.createTrial(study).id();
        storage.setTrialParam(pruned, "x", FloatDistribution.of(0, 1), 0.3);
        storage.finishTrial(pruned, TrialState.PRUNED, null, "pruned at step 2");
        assertThat(space.calculate().names()).containsExactly("x");
    }

    @Test
    void aStudyWhoseTrialsAreAllPrunedHasTheirSpace() {
        long pruned = storage.createTrial(study).id();
        storage.setTrialParam(pruned, "x", FloatDistribution.of(0, 1), 0.3);
        storage.finishTrial(pruned, TrialState.PRUNED, null, "pruned at step 2");
        assertThat(space.calculate().names()).containsExactly("x");
    }

    private void complete(Object... namesAndDistributions) {
        long id = storage.createTrial(study).id();
        for (int i = 0; i < namesAndDistributions.length; i += 2) {
            String name = (String) namesAndDistributions[i];
            io.hpo4j.tuner.space.Distribution d = (io.hpo4j.tuner.space.Distribution) namesAndDistributions[i + 1];
            storage.setTrialParam(id, name, d, d.sample(new java.util.SplittableRandom(i)));
        }
        storage.finishTrial(id, TrialState.COMPLETE, 0.0, null);
    }
}

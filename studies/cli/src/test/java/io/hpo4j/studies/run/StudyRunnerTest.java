package io.hpo4j.studies.run;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.TrainingDivergedException;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.MutableClock;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The run loop of {@code hpo run}, on an objective that stands in for the trainer. */
class StudyRunnerTest {

    private static final SearchSpace SPACE = SearchSpace.builder().addFloat("x", 0, 1).build();

    /** Diverges on trial 1, fails in another way on trial 3, completes the others. */
    private static final Objective FLAKY = trial -> {
        double x = trial.suggestFloat("x");
        if (trial.number() == 1) {
            throw new TrainingDivergedException("train_loss became NaN at epoch 2", 2);
        }
        if (trial.number() == 3) {
            throw new IllegalStateException("native backend out of memory");
        }
        return x;
    };

    private final InMemoryStorage storage = new InMemoryStorage();
    private final StringWriter out = new StringWriter();
    private final StudyRunner runner = new StudyRunner(storage, new PrintWriter(out),
            new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), Map.of("OMP_NUM_THREADS", "1"), 1,
            file -> FLAKY);

    @Test
    void aTrialThatThrowsIsRecordedFailWithItsReasonAndTheRunGoesOn() {
        StudyRunner.Result result = runner.run(file(5));

        assertThat(result.trialsRun()).isEqualTo(5);
        List<FrozenTrial> trials = result.study().trials();
        assertThat(trials).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE, TrialState.FAIL,
                TrialState.COMPLETE, TrialState.FAIL, TrialState.COMPLETE);
        assertThat(trials.get(1).failReason()).isEqualTo("TrainingDivergedException: train_loss became NaN at epoch 2");
        assertThat(trials.get(3).failReason()).isEqualTo("IllegalStateException: native backend out of memory");
    }

    @Test
    void runningTheSameStudyFileAgainResumesTheStudy() {
        runner.run(file(5));
        StudyRunner.Result again = runner.run(file(2));

        assertThat(again.trialsRun()).isEqualTo(2);
        assertThat(again.study().trials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(out.toString()).contains("resuming: 5 trials already in the study");
    }

    private static StudyFile file(int trials) {
        return new StudyFile(null, "flaky", null, EpochMetrics.Metric.VALIDATION_ACCURACY, Direction.MAXIMIZE,
                DataSpec.of(DataSource.mnist10k(), Split.headTail(400, 200)), SPACE, Map.of(), ComponentSpec.of("random"),
                ComponentSpec.of("none"), 1L, trials, null, 1, EarlyStopping.disabled(), null);
    }
}

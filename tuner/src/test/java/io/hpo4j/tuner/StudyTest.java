package io.hpo4j.tuner;

import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudyTest {

    private static final Objective QUADRATIC = trial -> {
        double x = trial.suggestFloat("x", -10, 10);
        int n = trial.suggestInt("n", 1, 5);
        return (x - 2) * (x - 2) + n;
    };

    @Test
    void optimizeRunsTheRequestedTrialsAndFindsTheBest() {
        Study study = Study.builder("quadratic").seed(1).build();
        study.optimize(QUADRATIC, 60);
        assertThat(study.trials()).hasSize(60).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(study.trials()).extracting(FrozenTrial::number).containsExactlyElementsOf(range(60));
        double best = study.trials().stream().mapToDouble(FrozenTrial::value).min().orElseThrow();
        assertThat(study.bestValue()).isEqualTo(best);
        assertThat(study.bestValue()).isLessThan(3.0);
        assertThat(study.bestParams()).containsKeys("x", "n");
    }

    @Test
    void sameSeedGivesSameParametersInSequentialRuns() {
        List<Map<String, Object>> first = paramsOf(seededRun(42, 20));
        List<Map<String, Object>> second = paramsOf(seededRun(42, 20));
        List<Map<String, Object>> other = paramsOf(seededRun(43, 20));
        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void seededParametersDoNotDependOnTheNumberOfJobs() {
        Study parallel = Study.builder("p").seed(42).searchSpace(space()).build();
        parallel.optimize(SUGGEST_ALL_AND_EXTRA, OptimizeOptions.trials(20).withJobs(3));
        assertThat(paramsOf(parallel)).isEqualTo(paramsOf(seededRun(42, 20)));
    }

    @Test
    void declaredSpaceIsSuggestedWholeAndInsideItsDistributions() {
        Study study = Study.builder("declared").seed(3).searchSpace(space()).build();
        study.optimize(trial -> trial.suggestAll().size(), 30);
        for (FrozenTrial t : study.trials()) {
            assertThat(t.params().keySet()).containsExactly("x", "layers", "optimizer");
            t.params().forEach((k, v) -> assertThat(space().get(k).contains(v)).isTrue());
            assertThat(t.distributions()).isEqualTo(space().distributions());
        }
    }

    @Test
    void suggestingADeclaredParameterWithAnotherRangeIsAnError() {
        Study study = Study.builder("conflict").searchSpace(space()).build();
        Trial trial = study.ask();
        assertThatThrownBy(() -> trial.suggestInt("layers", 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layers: suggested as int[1, 10] but the study declares it as int[1, 3]");
    }

    @Test
    void suggestingTwiceReturnsTheFirstValue() {
        Study study = Study.builder("twice").seed(9).build();
        Trial trial = study.ask();
        double first = trial.suggestFloat("x", 0, 1);
        assertThat(trial.suggestFloat("x", 0, 1)).isEqualTo(first);
    }

    @Test
    void undeclaredParameterNameIsRejected() {
        Study study = Study.builder("undeclared").searchSpace(space()).build();
        Trial trial = study.ask();
        assertThatThrownBy(() -> trial.suggest("momentum"))
                .hasMessageStartingWith("momentum: not declared in the search space of study 'undeclared'");
    }

    @Test
    void throwingObjectiveFailsTheTrialWithItsReasonAndTheStudyGoesOn() {
        Study study = Study.builder("failing").seed(5).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            if (trial.number() % 2 == 1) {
                throw new IllegalStateException("odd trial " + trial.number());
            }
            return x;
        }, 6);
        List<FrozenTrial> failed = study.trials(EnumSet.of(TrialState.FAIL));
        assertThat(failed).extracting(FrozenTrial::number).containsExactly(1, 3, 5);
        assertThat(failed.get(0).failReason()).isEqualTo("IllegalStateException: odd trial 1");
        assertThat(failed.get(0).value()).isNull();
        assertThat(study.trials(EnumSet.of(TrialState.COMPLETE))).hasSize(3);
    }

    @Test
    void nanAndInfiniteValuesFailTheTrial() {
        Study study = Study.builder("nan").build();
        study.optimize(trial -> trial.number() == 0 ? Double.NaN : Double.POSITIVE_INFINITY, 2);
        assertThat(study.trials()).extracting(FrozenTrial::failReason)
                .containsExactly("objective returned NaN", "objective returned Infinity");
        assertThat(study.trials()).allMatch(t -> t.state() == TrialState.FAIL);
    }

    @Test
    void prunedTrialKeepsItsCurveAndLastValue() {
        Study study = Study.builder("pruned").direction(Direction.MAXIMIZE).build();
        study.optimize(trial -> {
            trial.report(1, 0.2);
            trial.report(2, 0.3);
            throw new TrialPrunedException("hopeless at step 2");
        }, 1);
        FrozenTrial t = study.trials().get(0);
        assertThat(t.state()).isEqualTo(TrialState.PRUNED);
        assertThat(t.value()).isEqualTo(0.3);
        assertThat(t.intermediateValues()).containsEntry(1, 0.2).containsEntry(2, 0.3);
        assertThat(t.failReason()).isEqualTo("hopeless at step 2");
    }

    @Test
    void askAndTellLetTheUserDriveTheLoop() {
        Study study = Study.builder("ask-tell").direction(Direction.MAXIMIZE).seed(1).build();
        for (int i = 0; i < 5; i++) {
            Trial trial = study.ask();
            double x = trial.suggestFloat("x", 0, 1);
            study.tell(trial, x);
        }
        assertThat(study.trials()).hasSize(5);
        assertThat(study.bestValue()).isEqualTo(study.trials().stream().mapToDouble(FrozenTrial::value).max().orElseThrow());
        Trial failed = study.ask();
        study.tell(failed, TrialState.FAIL, "user gave up");
        assertThat(study.trials().get(5).failReason()).isEqualTo("user gave up");
        assertThatThrownBy(() -> study.tell(failed, 1.0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tellWithCompleteStateIsRejected() {
        Study study = Study.builder("bad-tell").build();
        Trial trial = study.ask();
        assertThatThrownBy(() -> study.tell(trial, TrialState.COMPLETE, "x"))
                .hasMessageContaining("tell with a state takes PRUNED or FAIL, but got COMPLETE");
    }

    @Test
    void enqueuedParametersRunFirstAndAreValidated() {
        Study study = Study.builder("enqueue").searchSpace(space()).seed(2).build();
        study.enqueue(Map.of("x", 0.5, "layers", 2, "optimizer", "adam"));
        study.optimize(trial -> {
            trial.suggestAll();
            return 0;
        }, 3);
        assertThat(study.trials().get(0).params()).containsEntry("x", 0.5).containsEntry("layers", 2)
                .containsEntry("optimizer", "adam");
        assertThat(study.trials()).hasSize(3);
        assertThatThrownBy(() -> study.enqueue(Map.of("layers", 9)))
                .hasMessage("layers: expected an integer in int[1, 3], but got 9");
    }

    @Test
    void reloadingAStudyContinuesItsNumbering() {
        Storage storage = new InMemoryStorage();
        Study first = Study.builder("resume").storage(storage).searchSpace(space()).seed(1).build();
        first.optimize(trial -> trial.suggestAll().size(), 4);
        List<Map<String, Object>> firstParams = paramsOf(first);
        Study again = Study.builder("resume").storage(storage).searchSpace(space()).seed(1).build();
        again.optimize(trial -> trial.suggestAll().size(), 3);
        assertThat(again.trials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(paramsOf(again).subList(0, 4)).isEqualTo(firstParams);
        assertThat(Set.copyOf(paramsOf(again))).hasSize(7);
    }

    @Test
    void reloadingWithAnotherDirectionOrSpaceIsRejected() {
        Storage storage = new InMemoryStorage();
        Study.builder("fixed").storage(storage).searchSpace(space()).build();
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).direction(Direction.MAXIMIZE).build())
                .hasMessage("study 'fixed' was created to minimize, but this run asks to maximize");
        SearchSpace other = SearchSpace.builder().addInt("layers", 1, 4).build();
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).searchSpace(other).build())
                .hasMessageContaining("was created with the search space");
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).loadIfExists(false).build())
                .hasMessageContaining("study 'fixed' already exists");
    }

    @Test
    void loadingByNameAloneRecoversTheDeclaredSpace() {
        Storage storage = new InMemoryStorage();
        Study.builder("by-name").storage(storage).searchSpace(space()).build();
        assertThat(Study.builder("by-name").storage(storage).build().searchSpace()).isEqualTo(space());
    }

    @Test
    void timeoutStopsStartingNewTrials() {
        Study study = Study.builder("timeout").build();
        study.optimize(trial -> {
            Thread.sleep(20);
            return 0;
        }, OptimizeOptions.timeout(Duration.ofMillis(150)));
        assertThat(study.trials().size()).isBetween(2, 9);
        assertThat(study.trials()).allMatch(t -> t.state() == TrialState.COMPLETE);
    }

    @Test
    void parallelJobsRunTrialsConcurrentlyWithUniqueNumbers() throws Exception {
        Study study = Study.builder("parallel").build();
        CountDownLatch bothRunning = new CountDownLatch(2);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        study.optimize(trial -> {
            threads.add(Thread.currentThread().getName());
            bothRunning.countDown();
            assertThat(bothRunning.await(10, TimeUnit.SECONDS)).as("two trials ran at the same time").isTrue();
            return trial.number();
        }, OptimizeOptions.trials(10).withJobs(2));
        assertThat(study.trials()).hasSize(10).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(study.trials()).extracting(FrozenTrial::number).containsExactlyElementsOf(range(10));
        assertThat(threads).hasSize(2).allMatch(n -> n.startsWith("hpo-parallel-worker-"));
    }

    @Test
    void listenersSeeEveryStartAndFinish() {
        Study study = Study.builder("listeners").build();
        List<String> events = new ArrayList<>();
        study.optimize(trial -> 1.0, OptimizeOptions.trials(2).withListener(new TrialListener() {
            @Override
            public void onTrialStarted(StudyView s, FrozenTrial t) {
                events.add("start " + t.number() + " " + t.state());
            }

            @Override
            public void onTrialFinished(StudyView s, FrozenTrial t) {
                events.add("end " + t.number() + " " + t.state());
            }
        }));
        assertThat(events).containsExactly("start 0 RUNNING", "end 0 COMPLETE", "start 1 RUNNING", "end 1 COMPLETE");
    }

    @Test
    void errorFailsTheTrialAndStopsTheStudy() {
        Study study = Study.builder("error").build();
        assertThatThrownBy(() -> study.optimize(trial -> {
            throw new StackOverflowError("deep");
        }, 5)).isInstanceOf(StackOverflowError.class);
        assertThat(study.trials()).hasSize(1);
        assertThat(study.trials().get(0).failReason()).isEqualTo("StackOverflowError: deep");
    }

    @Test
    void failRunningTrialsLeavesNoTrialRunning() {
        Study study = Study.builder("interrupt").build();
        study.ask();
        study.ask();
        assertThat(study.failRunningTrials("interrupted by the user")).isEqualTo(2);
        assertThat(study.trials()).allMatch(t -> t.state() == TrialState.FAIL
                && t.failReason().equals("interrupted by the user"));
    }

    @Test
    void everyTrialRecordsSamplerSeedAndRuntime() {
        Study study = Study.builder("provenance").seed(77).build();
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 1);
        Map<String, Object> attrs = study.trials().get(0).systemAttrs();
        assertThat(attrs).containsEntry("seed", 77).containsKey("runtime").doesNotContainKey("trial_seed");
        assertThat(attrs.get("sampler")).isEqualTo(Map.of("type", "random"));
    }

    @Test
    void theStoredSeedIsTheSeedTheTrialRanWith() {
        Study study = Study.builder("seeds").seed(77).build();
        List<Long> seeds = new ArrayList<>();
        study.optimize(trial -> {
            seeds.add(trial.seed());
            return trial.suggestFloat("x", 0, 1);
        }, 3);
        assertThat(study.trials()).extracting(t -> t.record().seed()).containsExactlyElementsOf(seeds);
    }

    @Test
    void aTrialRecordsItsObjectiveMetricBestEpochAndHowItStopped() {
        Objective curve = new Objective() {
            @Override
            public double evaluate(Trial trial) {
                double[] accuracy = {0.5, 0.8, 0.8, 0.7};
                for (int epoch = 1; epoch <= accuracy.length; epoch++) {
                    trial.report(epoch, accuracy[epoch - 1]);
                }
                trial.recordStop(new StopReason.EarlyStopped(4, "no improvement for 2 epochs"));
                return 0.8;
            }

            @Override
            public java.util.Optional<ObjectiveMetric> metric() {
                return java.util.Optional.of(ObjectiveMetric.of(EpochMetrics.Metric.VALIDATION_ACCURACY));
            }
        };
        Study study = Study.builder("records").direction(Direction.MAXIMIZE).seed(1).build();
        study.optimize(curve, 1);
        TrialRecord r = study.trials().get(0).record();
        assertThat(r.objective()).isEqualTo(new ObjectiveMetric("validation_accuracy", Direction.MAXIMIZE));
        assertThat(r.bestEpoch()).as("the earliest of the tied best epochs").isEqualTo(2);
        assertThat(r.stopReason()).isEqualTo(new StopReason.EarlyStopped(4, "no improvement for 2 epochs"));
    }

    @Test
    void stopReasonsFollowHowTheTrialEnded() {
        Study study = Study.builder("ends").seed(1).build();
        study.optimize(trial -> {
            trial.report(1, 3.0);
            trial.report(2, 2.0);
            switch (trial.number()) {
                case 0:
                    return 2.0;
                case 1:
                    throw new TrialPrunedException("median");
                case 2:
                    trial.recordStop(new StopReason.Diverged(2, "loss became NaN"));
                    throw new IllegalStateException("diverged");
                default:
                    throw new IllegalStateException("boom");
            }
        }, 4);
        List<FrozenTrial> t = study.trials();
        assertThat(t.get(0).record().stopReason()).isEqualTo(new StopReason.Completed(2));
        assertThat(t.get(0).record().bestEpoch()).isEqualTo(2);
        assertThat(t.get(1).record().stopReason()).isEqualTo(new StopReason.Pruned(2, "median"));
        assertThat(t.get(2).record().stopReason()).isEqualTo(new StopReason.Diverged(2, "loss became NaN"));
        assertThat(t.get(3).record().stopReason()).isEqualTo(new StopReason.Failed("IllegalStateException: boom"));
        assertThat(t.get(3).record().objective()).isNull();
    }

    @Test
    void enqueuedParamsAreRecordedAndUsed() {
        Study study = Study.builder("enqueued").seed(1).build();
        study.enqueue(Map.of("x", 0.25));
        study.optimize(trial -> trial.suggestFloat("x", 0, 1), 1);
        FrozenTrial t = study.trials().get(0);
        assertThat(t.params()).containsEntry("x", 0.25);
        assertThat(t.record().enqueuedParams()).isEqualTo(Map.of("x", 0.25));
    }

    @Test
    void invalidOptimizeOptionsAreRejected() {
        assertThatThrownBy(() -> OptimizeOptions.trials(5).withJobs(0)).hasMessage("jobs must be >= 1, but got 0");
        assertThatThrownBy(() -> OptimizeOptions.trials(-1)).hasMessageContaining("but got -1");
        assertThatThrownBy(() -> OptimizeOptions.trials(0)).hasMessageContaining("needs trials > 0 or a timeout");
    }

    private static SearchSpace space() {
        return SearchSpace.builder()
                .addFloat("x", -1, 1)
                .addInt("layers", 1, 3)
                .addCategorical("optimizer", "sgd", "adam")
                .build();
    }

    private static final Objective SUGGEST_ALL_AND_EXTRA = trial -> {
        trial.suggestAll();
        trial.suggestFloat("extra", 0, 1);
        return 0;
    };

    private static Study seededRun(long seed, int n) {
        Study study = Study.builder("seeded").seed(seed).searchSpace(space()).build();
        study.optimize(SUGGEST_ALL_AND_EXTRA, n);
        return study;
    }

    private static List<Map<String, Object>> paramsOf(Study study) {
        return study.trials().stream().map(FrozenTrial::params).toList();
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }
}

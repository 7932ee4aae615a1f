package io.hpo4j.tuner;

import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.MutableClock;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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
    void suggestingAgainWithTheSameDistributionReturnsTheFirstValue() {
        Study study = Study.builder("twice").seed(9).build();
        Trial trial = study.ask();
        double first = trial.suggestFloat("x", 0, 1);
        assertThat(trial.suggestFloat("x", 0, 1)).isEqualTo(first);
        String choice = trial.suggestCategorical("c", List.of("a", "b"));
        assertThat(trial.suggestCategorical("c", List.of("a", "b"))).isEqualTo(choice);
    }

    @Test
    void suggestingAgainWithAnotherDistributionNamesTheParameterAndBothDistributions() {
        Study study = Study.builder("again").seed(9).build();
        Trial trial = study.ask();
        trial.suggestFloat("x", 0, 1);
        assertThatThrownBy(() -> trial.suggestFloat("x", 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x: suggested again as float[0.0, 2.0] in trial 0, but it was first suggested as float[0.0, 1.0]"
                        + "; a parameter has one distribution per trial");
        trial.suggestInt("n", 1, 8);
        assertThatThrownBy(() -> trial.suggestInt("n", 1, 8, true))
                .hasMessageStartingWith("n: suggested again as int[1, 8] log");
        assertThat(trial.snapshot().params()).containsOnlyKeys("x", "n");
    }

    @Test
    void undeclaredParameterNameIsRejected() {
        Study study = Study.builder("undeclared").searchSpace(space()).build();
        Trial trial = study.ask();
        assertThatThrownBy(() -> trial.suggest("momentum"))
                .hasMessageStartingWith("momentum: not declared in the search space of study 'undeclared'");
    }

    private static final Objective FAILS_ON_ODD_TRIALS = trial -> {
        double x = trial.suggestFloat("x", 0, 1);
        if (trial.number() % 2 == 1) {
            throw new IllegalStateException("odd trial " + trial.number());
        }
        return x;
    };

    @Test
    void throwingObjectiveFailsTheTrialAndIsRethrownStoppingTheStudy() {
        Study study = Study.builder("failing").seed(5).build();
        assertThatThrownBy(() -> study.optimize(FAILS_ON_ODD_TRIALS, 6))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("odd trial 1");
        assertThat(study.trials()).extracting(FrozenTrial::state).containsExactly(TrialState.COMPLETE, TrialState.FAIL);
        assertThat(study.trials().get(1).failReason()).isEqualTo("IllegalStateException: odd trial 1");
        assertThat(study.trials().get(1).value()).isNull();
    }

    @Test
    void caughtExceptionsFailTheTrialWithItsReasonAndTheStudyGoesOn() {
        Study study = Study.builder("caught").seed(5).build();
        study.optimize(FAILS_ON_ODD_TRIALS, OptimizeOptions.trials(6).withCatch(RuntimeException.class));
        List<FrozenTrial> failed = study.trials(EnumSet.of(TrialState.FAIL));
        assertThat(failed).extracting(FrozenTrial::number).containsExactly(1, 3, 5);
        assertThat(failed.get(0).failReason()).isEqualTo("IllegalStateException: odd trial 1");
        assertThat(study.trials(EnumSet.of(TrialState.COMPLETE))).hasSize(3);
    }

    @Test
    void anExceptionOutsideTheCatchListStillStopsTheStudy() {
        Study study = Study.builder("not-caught").build();
        assertThatThrownBy(() -> study.optimize(trial -> {
            throw new UnsupportedOperationException("typo");
        }, OptimizeOptions.trials(5).withCatch(ArithmeticException.class)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(study.trials()).hasSize(1);
    }

    @Test
    void aCheckedExceptionIsRethrownWrappedNamingTheTrial() {
        Study study = Study.builder("checked").build();
        assertThatThrownBy(() -> study.optimize(trial -> {
            throw new java.io.IOException("disk full");
        }, 3))
                .isInstanceOf(ObjectiveFailedException.class)
                .hasMessage("study 'checked', trial 0: the objective failed with IOException: disk full")
                .hasCauseInstanceOf(java.io.IOException.class);
        assertThat(study.trials().get(0).failReason()).isEqualTo("IOException: disk full");
    }

    @Test
    void pruningCannotBeCaughtAsAFailure() {
        assertThatThrownBy(() -> OptimizeOptions.trials(1).withCatch(TrialPrunedException.class))
                .hasMessageStartingWith("catch: TrialPrunedException always marks a trial PRUNED");
    }

    @Test
    void aFailureOnOneWorkerStopsTheOthersAndIsRethrown() {
        List<Runnable> tasks = new ArrayList<>();
        Study study = Study.builder("workers").executor(task -> {
            tasks.add(task);
            task.run();                 // a direct executor: the workers run one after another
        }).build();
        assertThatThrownBy(() -> study.optimize(trial -> {
            if (trial.number() == 2) {
                throw new IllegalStateException("trial 2 broke");
            }
            return 1.0;
        }, OptimizeOptions.trials(10).withJobs(3))).hasMessage("trial 2 broke");
        assertThat(tasks).hasSize(3);
        assertThat(study.trials()).extracting(FrozenTrial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.COMPLETE, TrialState.FAIL);
    }

    @Test
    void theInjectedExecutorRunsOneTaskPerJob() {
        List<String> threads = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        Study study = Study.builder("executor").executor(task -> {
            tasks.add(task);
            task.run();
        }).build();
        study.optimize(trial -> {
            threads.add(Thread.currentThread().getName());
            return trial.number();
        }, OptimizeOptions.trials(9).withJobs(3));
        assertThat(tasks).hasSize(3);
        assertThat(study.trials()).hasSize(9).allMatch(t -> t.state() == TrialState.COMPLETE);
        assertThat(threads).containsOnly(Thread.currentThread().getName());
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
    void aDeclaredSpacesParametersAreStoredWhenTheTrialStartsAndSuggestingReturnsThem() {
        Storage storage = new InMemoryStorage();
        Study study = Study.builder("declared-start").storage(storage).searchSpace(space()).seed(4).build();
        study.enqueue(Map.of("layers", 3));
        Trial trial = study.ask();

        FrozenTrial stored = storage.trial(trial.id());
        assertThat(stored.params()).containsOnlyKeys("x", "layers", "optimizer").containsEntry("layers", 3);
        assertThat(stored.distributions()).isEqualTo(space().distributions());
        assertThat(stored.record().seed()).isEqualTo(trial.seed());
        assertThat(trial.params()).as("what the objective suggested so far").isEmpty();
        assertThat(trial.suggestInt("layers")).isEqualTo(3);
        assertThat(trial.suggestAll()).isEqualTo(stored.params());
        assertThatThrownBy(() -> trial.suggestInt("layers", 1, 5))
                .hasMessageContaining("layers: suggested again as int[1, 5]");
        study.tell(trial, 1.0);
        assertThat(storage.trial(trial.id()).params()).isEqualTo(stored.params());
    }

    @Test
    void aTrialFinishedByAnotherWorkerKeepsItsStoredOutcomeAndTheLoopGoesOn() {
        Storage storage = new InMemoryStorage();
        Study study = Study.builder("lost").storage(storage).direction(Direction.MINIMIZE).seed(3).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", 0, 1);
            if (trial.number() == 1) {   // as if this worker stalled and another one failed its trial as lost
                storage.finishTrial(trial.id(), TrialState.FAIL, null, "worker lost: no heartbeat");
            }
            return x;
        }, 3);
        assertThat(study.trials()).extracting(FrozenTrial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.FAIL, TrialState.COMPLETE);
        assertThat(study.trials().get(1).failReason()).startsWith("worker lost");
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
        Study again = Study.builder("resume").storage(storage).searchSpace(space()).seed(1)
                .ifExists(IfExists.RESUME).build();
        again.optimize(trial -> trial.suggestAll().size(), 3);
        assertThat(again.trials()).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(paramsOf(again).subList(0, 4)).isEqualTo(firstParams);
        assertThat(Set.copyOf(paramsOf(again))).hasSize(7);
    }

    @Test
    void creatingAStudyThatExistsIsAnErrorUnlessResumeIsAsked() {
        Storage storage = new InMemoryStorage();
        Study.builder("taken").storage(storage).build().optimize(trial -> 1.0, 2);
        assertThatThrownBy(() -> Study.builder("taken").storage(storage).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("study 'taken' already exists in this storage; resume it with .ifExists(IfExists.RESUME), "
                        + "load it with .load(), or choose another name");
        assertThatThrownBy(() -> Study.builder("taken").storage(storage).ifExists(IfExists.FAIL).build())
                .hasMessageStartingWith("study 'taken' already exists");
        assertThat(Study.builder("taken").storage(storage).ifExists(IfExists.RESUME).build().trials()).hasSize(2);
    }

    @Test
    void resumingWithAnotherDirectionOrSpaceIsRejected() {
        Storage storage = new InMemoryStorage();
        Study.builder("fixed").storage(storage).searchSpace(space()).build();
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).direction(Direction.MAXIMIZE)
                .ifExists(IfExists.RESUME).build())
                .hasMessage("study 'fixed' was created to minimize, but this run asks to maximize");
        SearchSpace other = SearchSpace.builder().addInt("layers", 1, 4).build();
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).searchSpace(other).ifExists(IfExists.RESUME).build())
                .hasMessageContaining("was created with the search space");
        assertThatThrownBy(() -> Study.builder("fixed").storage(storage).searchSpace(other).load())
                .hasMessageContaining("was created with the search space");
    }

    @Test
    void loadingByNameAloneRecoversTheDirectionAndTheDeclaredSpace() {
        Storage storage = new InMemoryStorage();
        Study.builder("by-name").storage(storage).direction(Direction.MAXIMIZE).searchSpace(space()).build();
        Study loaded = Study.builder("by-name").storage(storage).load();
        assertThat(loaded.searchSpace()).isEqualTo(space());
        assertThat(loaded.direction()).isEqualTo(Direction.MAXIMIZE);
    }

    @Test
    void loadingAStudyThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> Study.builder("missing").storage(new InMemoryStorage()).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no study named 'missing' in this storage");
    }

    @Test
    void timeoutStopsStartingNewTrials() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Study study = Study.builder("timeout").clock(clock).build();
        study.optimize(trial -> {
            clock.advance(Duration.ofMillis(20));      // each trial "takes" 20 ms
            return 0;
        }, OptimizeOptions.timeout(Duration.ofMillis(150)));
        // trials start at 0, 20, ..., 140 ms; at 160 ms the deadline has passed
        assertThat(study.trials()).hasSize(8).allMatch(t -> t.state() == TrialState.COMPLETE);
    }

    @Test
    void timeoutAndTrialBudgetStopAtWhicheverComesFirst() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Study study = Study.builder("budget").clock(clock).build();
        Objective tenSeconds = trial -> {
            clock.advance(Duration.ofSeconds(10));
            return 0;
        };
        study.optimize(tenSeconds, OptimizeOptions.trials(3).withTimeout(Duration.ofHours(1)));
        assertThat(study.trials()).hasSize(3);
        study.optimize(tenSeconds, OptimizeOptions.trials(100).withTimeout(Duration.ofSeconds(25)));
        assertThat(study.trials()).hasSize(6);
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
        }, OptimizeOptions.trials(4).withCatch(IllegalStateException.class));
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

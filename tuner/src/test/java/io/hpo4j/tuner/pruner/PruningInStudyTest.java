package io.hpo4j.tuner.pruner;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Pruners driven through a real {@link Study} over {@link InMemoryStorage}, with custom (non-DL4J) objectives. */
class PruningInStudyTest {

    private static final List<Pruner> PRUNERS = List.of(
            Pruners.median(),
            Pruners.percentile(25, MedianSettings.defaults().withStartupTrials(3)),
            Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3)),
            Pruners.hyperband(1, 9));

    /** Runs a trial of the ask/tell API that reports {@code curve} at steps 1, 2, ... until told to stop. */
    private static FrozenTrial run(Study study, double... curve) {
        Trial trial = study.ask();
        for (int step = 1; step <= curve.length; step++) {
            trial.report(step, curve[step - 1]);
            trial.reportEpoch(new EpochMetrics(step, curve[step - 1], Double.NaN, curve[step - 1], Double.NaN, 0.1));
            if (trial.shouldPrune()) {
                return study.tell(trial, TrialState.PRUNED, trial.pruned().getMessage());
            }
        }
        return study.tell(trial, curve[curve.length - 1]);
    }

    @Test
    void prunedTrialIsStoredWithItsCurveUpToTheStopAndItsLastValue() {
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder("curves").storage(storage)
                .pruner(Pruners.median(MedianSettings.defaults().withStartupTrials(2).withWarmupSteps(2)))
                .build();
        run(study, 1.0, 0.5, 0.33, 0.25, 0.2);
        run(study, 1.0, 0.5, 0.33, 0.25, 0.2);

        FrozenTrial pruned = run(study, 4.5, 4.0, 3.5, 3.0, 2.5);

        FrozenTrial stored = storage.trial(pruned.id());
        assertThat(stored.state()).isEqualTo(TrialState.PRUNED);
        assertThat(stored.intermediateValues()).isEqualTo(new TreeMap<>(Map.of(1, 4.5, 2, 4.0)));
        assertThat(stored.value()).isEqualTo(4.0);
        assertThat(stored.failReason()).isEqualTo("value 4 at step 2 is worse than the median 0.5 of 2 completed trials at step 2");
        assertThat(storage.epochs(pruned.id())).extracting(EpochMetrics::epoch).containsExactly(1, 2);
    }

    @Test
    void prunedTrialWhoseLastValueIsNaNKeepsItsCurveButHasNoValue() {
        Study study = Study.builder("nan").storage(new InMemoryStorage())
                .pruner(Pruners.median(MedianSettings.defaults().withStartupTrials(1)))
                .build();
        run(study, 1.0, 0.5, 0.33);

        FrozenTrial pruned = run(study, 0.9, Double.NaN, 0.1);

        assertThat(pruned.state()).isEqualTo(TrialState.PRUNED);
        assertThat(pruned.intermediateValues()).containsOnlyKeys(1, 2);
        assertThat(pruned.intermediateValues().get(2)).isNaN();
        assertThat(pruned.value()).isNull();
        assertThat(pruned.failReason()).isEqualTo("value NaN at step 2: a NaN is never kept");
    }

    @Test
    void customObjectiveWithTwoJobsPrunesHopelessTrialsAndCompletesGoodOnes() {
        Study study = Study.builder("custom").storage(new InMemoryStorage()).direction(Direction.MINIMIZE).seed(7)
                .pruner(Pruners.median(MedianSettings.defaults().withStartupTrials(3).withWarmupSteps(2)))
                .build();
        // four equal baselines (a tie with the median keeps a trial); with two workers, at least three
        // of them have completed when trial 4 starts, whatever the timing, so every hopeless trial is
        // judged against at least n_startup_trials = 3 completed trials
        for (int i = 0; i < 4; i++) {
            study.enqueue(Map.of("x", 0.2));
        }
        for (int i = 0; i < 4; i++) {
            study.enqueue(Map.of("x", 100.0));
            study.enqueue(Map.of("x", 0.0));
        }
        Objective objective = trial -> {
            double x = trial.suggestFloat("x", 0, 100);
            double value = Double.NaN;
            for (int step = 0; step < 10; step++) {
                value = x + 1.0 / (step + 1);
                trial.report(step, value);
                if (trial.shouldPrune()) {
                    throw trial.pruned();
                }
            }
            return value;
        };

        study.optimize(objective, OptimizeOptions.trials(12).withJobs(2));

        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(12);
        for (FrozenTrial t : trials) {
            double x = (Double) t.params().get("x");
            if (x == 100.0) {
                assertThat(t.state()).as("hopeless trial %d", t.number()).isEqualTo(TrialState.PRUNED);
                assertThat(t.intermediateValues()).containsOnlyKeys(0, 1, 2);
                assertThat(t.value()).isEqualTo(100 + 1.0 / 3);
                assertThat(t.failReason()).startsWith("value 100.333 at step 2 is worse than the median ");
            } else if (x == 0.0) {
                assertThat(t.state()).as("good trial %d", t.number()).isEqualTo(TrialState.COMPLETE);
                assertThat(t.intermediateValues()).hasSize(10);
                assertThat(t.value()).isEqualTo(0.1);
            }
        }
        // a baseline still running when several good trials have completed may be pruned by them
        assertThat(trials).filteredOn(t -> t.params().get("x").equals(0.2))
                .allSatisfy(t -> assertThat(t.state()).isIn(TrialState.COMPLETE, TrialState.PRUNED))
                .filteredOn(t -> t.state() == TrialState.COMPLETE).hasSizeGreaterThanOrEqualTo(3);
        assertThat(study.bestParams()).containsEntry("x", 0.0);
    }

    @Test
    void recordsThePrunerAndItsSettingsWithEveryTrial() {
        Pruner pruner = Pruners.hyperband(1, 9);
        Study study = Study.builder("provenance").storage(new InMemoryStorage()).pruner(pruner).build();

        FrozenTrial trial = run(study, 1.0);

        assertThat(trial.systemAttrs().get("pruner")).isEqualTo(pruner.describe());
        assertThat(Pruners.fromDescription(castMap(trial.systemAttrs().get("pruner")))).isEqualTo(pruner);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void studiesSharingAStorageDecideOnEachOthersTrialsAlike() {
        for (Pruner pruner : PRUNERS) {
            InMemoryStorage storage = new InMemoryStorage();
            Map<String, Object> settings = new java.util.HashMap<>(pruner.describe());
            String type = (String) settings.remove("type");
            // two "processes": their own Study objects and their own pruner instances, one storage
            Pruner firstPruner = Pruners.fromSettings(type, settings);
            Pruner secondPruner = Pruners.fromSettings(type, settings);
            Study first = Study.builder("shared").storage(storage).pruner(firstPruner).build();
            Study second = Study.builder("shared").storage(storage).pruner(secondPruner).load();
            for (int i = 0; i < 6; i++) {
                run(first, 1.0, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1, 0.1, 0.1);
            }

            Trial trial = second.ask();
            List<Boolean> decisions = new ArrayList<>();
            for (int step = 1; step <= 9; step++) {
                trial.report(step, 5.0);
                PruneDecision mine = secondPruner.decide(second.view(), trial.snapshot());
                PruneDecision theirs = firstPruner.decide(first.view(), trial.snapshot());
                assertThat(theirs).as("%s at step %d", type, step).isEqualTo(mine);
                decisions.add(mine.prune());
            }
            assertThat(decisions).as("%s prunes the hopeless trial of the other process", type).contains(true);
        }
    }

    @Test
    void decisionsFromManyThreadsAtOnceMatchTheSequentialOnes() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        ScriptedStudy study = new ScriptedStudy("threads", Direction.MAXIMIZE);
        for (int i = 0; i < 40; i++) {
            TreeMap<Integer, Double> curve = new TreeMap<>();
            double level = random.nextDouble();
            for (int step = 1; step <= 1 + random.nextInt(9); step++) {
                curve.put(step, level * step / 9.0);
            }
            study.add(i % 3 == 0 ? TrialState.RUNNING : i % 3 == 1 ? TrialState.COMPLETE : TrialState.PRUNED, curve);
        }
        List<Pruner> pruners = new ArrayList<>(PRUNERS);
        pruners.add(Pruners.none());
        Callable<List<PruneDecision>> all = () -> {
            List<PruneDecision> out = new ArrayList<>();
            for (Pruner p : pruners) {
                for (FrozenTrial t : study.trials()) {
                    out.add(p.decide(study, t));
                }
            }
            return out;
        };
        List<PruneDecision> sequential = all.call();
        assertThat(sequential).extracting(PruneDecision::prune).contains(true, false);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<PruneDecision>>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(all));
            }
            for (Future<List<PruneDecision>> f : futures) {
                assertThat(f.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyPrunerRunsInAStudyWithFourJobsWithoutFailingATrial() {
        for (Pruner pruner : PRUNERS) {
            Study study = Study.builder("parallel").storage(new InMemoryStorage()).direction(Direction.MAXIMIZE)
                    .seed(3).pruner(pruner).build();
            study.optimize(trial -> {
                double quality = trial.suggestFloat("quality", 0, 1);
                double accuracy = 0;
                for (int epoch = 1; epoch <= 9; epoch++) {
                    accuracy = quality * (1 - Math.pow(0.7, epoch));
                    trial.report(epoch, accuracy);
                    if (trial.shouldPrune()) {
                        throw trial.pruned();
                    }
                }
                return accuracy;
            }, OptimizeOptions.trials(40).withJobs(4));

            List<FrozenTrial> trials = study.trials();
            assertThat(trials).as("%s", pruner).hasSize(40)
                    .allSatisfy(t -> assertThat(t.state()).isIn(TrialState.COMPLETE, TrialState.PRUNED));
            assertThat(trials).as("%s prunes some trials", pruner).anyMatch(t -> t.state() == TrialState.PRUNED);
            for (FrozenTrial t : study.trials(java.util.EnumSet.of(TrialState.PRUNED))) {
                assertThat(t.value()).isEqualTo(t.intermediateValues().get(t.intermediateValues().lastKey()));
                assertThat(t.failReason()).isNotBlank();
            }
            for (FrozenTrial t : study.trials(java.util.EnumSet.of(TrialState.COMPLETE))) {
                assertThat(t.intermediateValues()).hasSize(9);
            }
        }
    }
}

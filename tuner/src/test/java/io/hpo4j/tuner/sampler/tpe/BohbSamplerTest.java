package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialPrunedException;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.pruner.SuccessiveHalvingSettings;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class BohbSamplerTest {

    private static final SearchSpace X = SearchSpace.builder().addFloat("x", 0, 10).build();

    @Test
    void budgetIsTheLargestStepWithEnoughObservations() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        for (int i = 0; i < 6; i++) {
            study.add(TrialState.PRUNED, Map.of("x", (double) i), 1.0, ScriptedTrials.curve(1, 1), Map.of());
        }
        for (int i = 0; i < 3; i++) {
            study.add(TrialState.PRUNED, Map.of("x", 6.0 + i), 1.0, ScriptedTrials.curve(1, 1, 1, 1, 1), Map.of());
        }
        List<FrozenTrial> trials = study.trials();
        assertThat(BohbSampler.budget(trials, 9)).isEqualTo(1);
        assertThat(BohbSampler.budget(trials, 3)).isEqualTo(4);
        assertThat(BohbSampler.budget(trials, 4)).isEqualTo(1);
        assertThat(BohbSampler.budget(trials, 10)).isEqualTo(-1);
    }

    @Test
    void aCompleteTrialThatStoppedEarlyIsObservedAtLaterBudgetsWithItsFinalValue() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        FrozenTrial shortRun = study.add(TrialState.COMPLETE, Map.of("x", 1.0), 0.3, ScriptedTrials.curve(0.5, 0.3), Map.of());
        FrozenTrial pruned = study.add(TrialState.PRUNED, Map.of("x", 2.0), 0.9, ScriptedTrials.curve(0.9), Map.of());
        FrozenTrial skipping = study.add(TrialState.RUNNING, Map.of("x", 3.0), null, new TreeMap<>(Map.of(0, 0.8, 5, 0.4)), Map.of());
        assertThat(BohbSampler.valueAt(shortRun, 1)).hasValue(0.3);
        assertThat(BohbSampler.valueAt(shortRun, 9)).hasValue(0.3);
        assertThat(BohbSampler.valueAt(pruned, 1)).isEmpty();
        assertThat(BohbSampler.valueAt(skipping, 2)).as("the first report at or after the budget").hasValue(0.4);
    }

    @Test
    void fitsItsModelOnValuesAtTheBudgetIncludingThoseOfRunningTrials() {
        // Ten short trials near x = 2 completed at step 1 with about 0.5; ten long ones near x = 8
        // are still running and reached about 0.2 at step 3. TPE sees only the finished trials
        // (the running ones are constant liars); BOHB compares everyone at step 3.
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        for (int i = 0; i < 10; i++) {
            double x = 1.5 + i * 0.1;
            double end = 0.5 + Math.abs(x - 2) / 10;
            study.add(TrialState.COMPLETE, Map.of("x", x), end, ScriptedTrials.curve(0.6, end), Map.of());
        }
        for (int i = 0; i < 10; i++) {
            double x = 7.5 + i * 0.1;
            double now = 0.2 + Math.abs(x - 8) / 10;
            study.add(TrialState.RUNNING, Map.of("x", x), null, ScriptedTrials.curve(0.7, 0.5, 0.3, now), Map.of());
        }
        BohbSampler bohb = new BohbSampler(BohbSettings.defaults().withMinObservations(10));
        TpeSampler tpe = new TpeSampler(TpeSettings.defaults());
        int bohbHigh = 0;
        int tpeHigh = 0;
        for (int seed = 0; seed < 100; seed++) {
            Proposal p = bohb.sample(study, study.next(), X, new SplittableRandom(seed));
            assertThat(p.attributes()).containsEntry(BohbSampler.BUDGET_ATTR, 3);
            if ((Double) p.params().get("x") > 5) {
                bohbHigh++;
            }
            if ((Double) tpe.sample(study, study.next(), X, new SplittableRandom(seed)).params().get("x") > 5) {
                tpeHigh++;
            }
        }
        assertThat(bohbHigh).as("BOHB proposals nearer x = 8 than x = 2").isGreaterThan(70);
        assertThat(tpeHigh).as("TPE proposals nearer x = 8 than x = 2").isLessThan(30);
    }

    @Test
    void withoutIntermediateValuesItProposesAsTpeDoes() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        for (int i = 0; i < 20; i++) {
            double x = i / 2.0;
            study.complete(Map.of("x", x), Math.abs(x - 3));
        }
        BohbSampler bohb = new BohbSampler(BohbSettings.defaults());
        TpeSampler tpe = new TpeSampler(TpeSettings.defaults());
        for (int seed = 0; seed < 10; seed++) {
            Proposal p = bohb.sample(study, study.next(), X, new SplittableRandom(seed));
            assertThat(p.params()).isEqualTo(tpe.sample(study, study.next(), X, new SplittableRandom(seed)).params());
            assertThat(p.attributes()).containsEntry(BohbSampler.BUDGET_ATTR, -1);
        }
    }

    /** Learning curves: value(x, step) = (x - 7)^2 / 10 + 3 / (step + 1) + a bias that misleads early on. */
    private static final Objective CURVES = trial -> {
        double x = trial.suggestFloat("x", 0, 10);
        double value = 0;
        for (int step = 0; step < 9; step++) {
            double early = 2.0 * Math.exp(-step) * (1 - Math.abs(x - 2) / 10); // x near 2 looks good at first
            value = (x - 7) * (x - 7) / 10 + 3.0 / (step + 1) - early;
            trial.report(step, value);
            if (trial.shouldPrune()) {
                throw trial.pruned();
            }
        }
        return value;
    };

    @Test
    void withSuccessiveHalvingItUsesPrunedTrialsAndFindsTheOptimumInMostSeeds() {
        int close = 0;
        for (int seed = 0; seed < 10; seed++) {
            Study study = Study.builder("asha").storage(new InMemoryStorage()).sampler(Samplers.bohb())
                    .pruner(Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3)))
                    .seed(seed).build();
            study.optimize(CURVES, 60);
            List<FrozenTrial> trials = study.trials();
            assertThat(trials).filteredOn(t -> t.state() == TrialState.PRUNED).isNotEmpty();
            assertThat(trials.subList(10, 60)).allSatisfy(t ->
                    assertThat(t.systemAttrs()).containsKey(BohbSampler.BUDGET_ATTR));
            if (Math.abs(((Number) study.bestParams().get("x")).doubleValue() - 7) < 0.5) {
                close++;
            }
        }
        assertThat(close).as("seeds whose best trial is within 0.5 of x = 7").isGreaterThanOrEqualTo(8);
    }

    @Test
    void workersInTwoProcessesShareTheModelThroughTheStorage() {
        Storage storage = new InMemoryStorage();
        List<Study> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processes.add(Study.builder("shared").storage(storage).sampler(Samplers.bohb())
                    .pruner(Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3)))
                    .seed(1).ifExists(IfExists.RESUME).build());
        }
        for (int round = 0; round < 20; round++) {
            for (Study s : processes) {
                s.optimize(CURVES, OptimizeOptions.trials(1));
            }
        }
        List<FrozenTrial> trials = processes.get(0).trials();
        assertThat(trials).hasSize(40);
        assertThat(trials.subList(10, 40)).extracting(t -> t.systemAttrs().get(BohbSampler.BUDGET_ATTR))
                .anySatisfy(b -> assertThat((Integer) b).isPositive());
    }
}

package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.TrialPrunedException;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every {@link Sampler} meets, run once per implementation by a subclass that says
 * how to build one (as Optuna's {@code testing/pytest_samplers.py} does for its samplers). Studies
 * are long enough for model-based samplers to leave their random start-up phase, and include
 * failed and pruned trials.
 */
public abstract class SamplerContractTest {

    /** Every kind of parameter, with edge cases: single values, a single choice, mixed-type choices. */
    public static final SearchSpace EVERY_KIND = SearchSpace.builder()
            .addFloat("float", -1, 1)
            .addLogFloat("log_float", 1e-5, 1)
            .addFloat("stepped_float", 0, 1, 0.1)
            .addInt("int", -3, 3)
            .addInt("stepped_int", 0, 100, 25)
            .addLogInt("log_int", 1, 1000)
            .addCategorical("category", "a", "b", "c")
            .addCategorical("mixed_choices", 1, 2.5, "x", true)
            .addCategorical("single_choice", "only")
            .addInt("single_int", 5, 5)
            .addFloat("single_float", 2.5, 2.5)
            .addLogFloat("single_log_float", 3, 3)
            .build();

    private static final int TRIALS = 40;

    /** A fresh sampler, as a new process would build it from the same settings. */
    protected abstract Sampler newSampler();

    /**
     * A bowl over {@link #EVERY_KIND} reporting a 3-step learning curve; trial numbers divisible
     * by 7 fail, and by 5 are pruned after their second report.
     */
    private static final Objective BOWL = trial -> {
        Map<String, Object> p = trial.suggestAll();
        double value = sq(num(p, "float") - 0.3) + sq(Math.log10(num(p, "log_float")) + 2) / 10
                + sq(num(p, "stepped_float") - 0.7) + sq(num(p, "int") - 1) / 4 + num(p, "stepped_int") / 100
                + sq(Math.log10(num(p, "log_int")) - 1) / 4 + ("b".equals(p.get("category")) ? 0 : 0.5)
                + (Boolean.TRUE.equals(p.get("mixed_choices")) ? 0 : 0.25);
        int number = trial.number();
        if (number % 7 == 6) {
            throw new IllegalStateException("scripted failure of trial " + number);
        }
        for (int step = 0; step < 3; step++) {
            trial.report(step, value + (2 - step) * 0.1);
            if (number % 5 == 4 && step == 1) {
                throw new TrialPrunedException("scripted pruning");
            }
        }
        return value;
    };

    @Test
    void proposesAValueInsideItsDistributionForEveryParameterKind() {
        Study study = study(new InMemoryStorage(), "kinds", 11);
        study.optimize(BOWL, OptimizeOptions.trials(TRIALS).withCatch(IllegalStateException.class));

        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(TRIALS);
        assertThat(trials).extracting(FrozenTrial::state).contains(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL);
        for (FrozenTrial t : trials) {
            assertThat(t.params().keySet()).as("trial %d", t.number()).containsExactlyElementsOf(EVERY_KIND.names());
            t.params().forEach((name, value) -> assertThat(EVERY_KIND.get(name).contains(value))
                    .as("trial %d: %s=%s in %s", t.number(), name, value, EVERY_KIND.get(name).describe()).isTrue());
        }
    }

    @Test
    void sameSeedProposesTheSameSequenceAndAnotherSeedAnother() {
        List<Map<String, Object>> first = params(run(new InMemoryStorage(), "a", 42, TRIALS));
        List<Map<String, Object>> second = params(run(new InMemoryStorage(), "b", 42, TRIALS));
        List<Map<String, Object>> other = params(run(new InMemoryStorage(), "c", 43, TRIALS));

        assertThat(second).isEqualTo(first);
        assertThat(other.get(TRIALS - 1)).isNotEqualTo(first.get(TRIALS - 1));
    }

    @Test
    void aStudyResumedOverTheSameStorageProposesWhatAnUninterruptedRunWould() {
        Storage storage = new InMemoryStorage();
        run(storage, "resumed", 5, 25);
        // A new process: a new Study object and a new sampler over the same storage.
        List<FrozenTrial> resumed = run(storage, "resumed", 5, TRIALS - 25);
        List<FrozenTrial> uninterrupted = run(new InMemoryStorage(), "uninterrupted", 5, TRIALS);

        assertThat(resumed).hasSize(TRIALS);
        assertThat(params(resumed)).isEqualTo(params(uninterrupted));
    }

    @Test
    void trialsAskedWhileOthersRunGetDistinctParameters() {
        Study study = study(new InMemoryStorage(), "parallel", 3);
        study.optimize(BOWL, OptimizeOptions.trials(20).withCatch(IllegalStateException.class));
        List<Trial> running = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Trial trial = study.ask();
            trial.suggestAll();
            running.add(trial);
        }
        Set<Map<String, Object>> distinct = new HashSet<>();
        for (Trial t : running) {
            distinct.add(t.params());
        }
        assertThat(distinct).as("parameters of 6 trials running at once").hasSize(6);
        for (Trial t : running) {
            study.tell(t, 1.0);
        }
    }

    @Test
    void parallelWorkersFinishEveryTrialWithParametersInsideTheSpace() {
        Study study = study(new InMemoryStorage(), "jobs", 9);
        study.optimize(BOWL, OptimizeOptions.trials(TRIALS).withJobs(3).withCatch(IllegalStateException.class));

        List<FrozenTrial> trials = study.trials();
        assertThat(trials).hasSize(TRIALS).noneMatch(t -> t.state() == TrialState.RUNNING);
        assertThat(trials).filteredOn(t -> t.state() == TrialState.FAIL)
                .allSatisfy(t -> assertThat(t.failReason()).startsWith("IllegalStateException: scripted failure"));
        assertThat(trials).allSatisfy(t -> t.params().forEach((name, value) ->
                assertThat(EVERY_KIND.get(name).contains(value)).as("%s=%s", name, value).isTrue()));
        // Not required here: distinct parameters. Under real races a sampler may see a running
        // trial before its parameters are stored (the genetic sampler then can breed a duplicate).
    }

    @Test
    void defineByRunParametersAreProposedInsideTheirDistributionsAndReproducibly() {
        Objective conditional = trial -> {
            String kind = trial.suggestCategorical("kind", List.of("linear", "log"));
            double x = "linear".equals(kind)
                    ? trial.suggestFloat("x_linear", -2, 2)
                    : Math.log10(trial.suggestFloat("x_log", 1e-3, 1e3, true));
            int n = trial.suggestInt("n", 0, 10, 2);
            return x * x + n;
        };
        List<List<FrozenTrial>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Study study = Study.builder("dynamic").storage(new InMemoryStorage()).sampler(newSampler()).seed(8).build();
            study.optimize(conditional, 30);
            runs.add(study.trials());
        }
        for (FrozenTrial t : runs.get(0)) {
            assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
            t.params().forEach((name, value) -> {
                Distribution d = t.distributions().get(name);
                assertThat(d.contains(value)).as("trial %d: %s=%s in %s", t.number(), name, value, d.describe()).isTrue();
            });
            assertThat(t.params()).containsKey(t.params().get("kind").equals("linear") ? "x_linear" : "x_log");
        }
        assertThat(params(runs.get(1))).isEqualTo(params(runs.get(0)));
    }

    private Study study(Storage storage, String name, long seed) {
        return Study.builder(name).storage(storage).direction(Direction.MINIMIZE).searchSpace(EVERY_KIND)
                .sampler(newSampler()).seed(seed).ifExists(IfExists.RESUME).build();
    }

    private List<FrozenTrial> run(Storage storage, String name, long seed, int trials) {
        Study study = study(storage, name, seed);
        study.optimize(BOWL, OptimizeOptions.trials(trials).withCatch(IllegalStateException.class));
        return study.trials();
    }

    private static List<Map<String, Object>> params(List<FrozenTrial> trials) {
        return trials.stream().map(FrozenTrial::params).toList();
    }

    private static double num(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }

    private static double sq(double x) {
        return x * x;
    }
}

package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class TpeSamplerTest {

    private static final SearchSpace X = SearchSpace.builder().addFloat("x", 0, 10).build();
    private static final SearchSpace XC = SearchSpace.builder().addFloat("x", 0, 10).addCategorical("c", "a", "b", "c").build();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void afterAScriptedHistoryItProposesNearTheGoodTrials(boolean multivariate) {
        // 30 trials spread over [0, 10]; value |x - 2|, and c = "b" is better by 1.
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, XC);
        SplittableRandom history = new SplittableRandom(0);
        for (int i = 0; i < 30; i++) {
            double x = i / 3.0;
            String c = List.of("a", "b", "c").get(history.nextInt(3));
            study.complete(Map.of("x", x, "c", c), Math.abs(x - 2) + ("b".equals(c) ? 0 : 1));
        }
        TpeSampler sampler = new TpeSampler(TpeSettings.builder().multivariate(multivariate).build());
        int nearTwo = 0;
        int chooseB = 0;
        int n = 200;
        for (int seed = 0; seed < n; seed++) {
            Map<String, Object> p = sampler.sample(study, study.next(), XC, new SplittableRandom(seed)).params();
            if (Math.abs((Double) p.get("x") - 2) < 1.5) {
                nearTwo++;
            }
            if ("b".equals(p.get("c"))) {
                chooseB++;
            }
        }
        // At random: 30% of proposals within 1.5 of x = 2, and a third choose "b".
        assertThat(nearTwo).as("proposals within 1.5 of the best region").isGreaterThan(n * 8 / 10);
        assertThat(chooseB).as("proposals of the best category").isGreaterThan(n * 7 / 10);
    }

    @Test
    void maximizingPrefersTheHighValues() {
        ScriptedTrials study = new ScriptedTrials(Direction.MAXIMIZE, X);
        for (int i = 0; i < 30; i++) {
            double x = i / 3.0;
            study.complete(Map.of("x", x), x); // best at x = 10
        }
        TpeSampler sampler = new TpeSampler(TpeSettings.defaults());
        int high = 0;
        for (int seed = 0; seed < 100; seed++) {
            if ((Double) sampler.sample(study, study.next(), X, new SplittableRandom(seed)).params().get("x") > 8) {
                high++;
            }
        }
        assertThat(high).isGreaterThan(80);
    }

    @Test
    void proposesAtRandomUntilEnoughTrialsFinished() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        for (int i = 0; i < 9; i++) {
            study.complete(Map.of("x", 2.0), 0);
        }
        study.add(TrialState.FAIL, Map.of("x", 2.0), null, new TreeMap<>(), Map.of());
        TpeSampler sampler = new TpeSampler(TpeSettings.defaults());
        for (int seed = 0; seed < 20; seed++) {
            Proposal p = sampler.sample(study, study.next(), X, new SplittableRandom(seed));
            assertThat(p.params()).as("a failed trial does not count").isEqualTo(X.sample(new SplittableRandom(seed)));
        }
        study.complete(Map.of("x", 2.0), 0);
        Proposal model = sampler.sample(study, study.next(), X, new SplittableRandom(1));
        assertThat(model.params()).isNotEqualTo(X.sample(new SplittableRandom(1)));
    }

    @Test
    void prunedTrialsRankAfterCompleteOnesByStepReachedThenLastValueAndFailedOnesAreIgnored() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, X);
        FrozenTrial complete = study.complete(Map.of("x", 1.0), 5.0);
        FrozenTrial prunedEarlyGood = study.add(TrialState.PRUNED, Map.of("x", 2.0), 0.1, ScriptedTrials.curve(0.1), Map.of());
        FrozenTrial prunedLateBad = study.add(TrialState.PRUNED, Map.of("x", 3.0), 9.0, ScriptedTrials.curve(9, 9, 9), Map.of());
        FrozenTrial prunedLateGood = study.add(TrialState.PRUNED, Map.of("x", 4.0), 1.0, ScriptedTrials.curve(3, 2, 1), Map.of());
        FrozenTrial prunedNaN = study.add(TrialState.PRUNED, Map.of("x", 5.0), null, ScriptedTrials.curve(1, 1, Double.NaN), Map.of());
        FrozenTrial prunedSilent = study.add(TrialState.PRUNED, Map.of("x", 6.0), null, new TreeMap<>(), Map.of());
        study.add(TrialState.FAIL, Map.of("x", 7.0), null, new TreeMap<>(), Map.of());
        List<FrozenTrial> all = study.trials();

        // Rank: complete, prunedLateGood, prunedLateBad, prunedNaN, prunedEarlyGood, prunedSilent.
        assertThat(TpeSampler.split(all, Direction.MINIMIZE, 1).good()).containsExactly(complete);
        assertThat(TpeSampler.split(all, Direction.MINIMIZE, 2).good()).containsExactly(complete, prunedLateGood);
        assertThat(TpeSampler.split(all, Direction.MINIMIZE, 4).good())
                .containsExactly(complete, prunedLateBad, prunedLateGood, prunedNaN);
        TpeSampler.Split five = TpeSampler.split(all, Direction.MINIMIZE, 5);
        assertThat(five.good()).containsExactly(complete, prunedEarlyGood, prunedLateBad, prunedLateGood, prunedNaN);
        assertThat(five.bad()).containsExactly(prunedSilent);
        assertThat(TpeSampler.split(all, Direction.MINIMIZE, 20).good()).hasSize(6);
    }

    @Test
    void runningTrialsAreBadAtTheParametersTheirProposalRecorded() {
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, XC);
        study.complete(Map.of("x", 1.0, "c", "a"), 1);
        FrozenTrial liar = study.add(TrialState.RUNNING, Map.of("c", "b"), null, new TreeMap<>(),
                Map.of(TpeSampler.RELATIVE_PARAMS_ATTR, Map.of("x", 7.5, "c", "c")));
        TpeSampler.Split split = TpeSampler.split(study.trials(), Direction.MINIMIZE, 1);
        assertThat(split.bad()).containsExactly(liar);
        // The parameters already set win over the recorded proposal.
        assertThat(TpeSampler.params(liar)).containsEntry("x", 7.5).containsEntry("c", "b");
    }

    @Test
    void constantLiarsPushParallelProposalsAwayFromEachOther() {
        // Ten good trials near x = 2, ten bad ones elsewhere; then five workers ask in turn.
        SearchSpace space = X;
        double spreadWithLiar = spreadOfParallelAsks(true, space);
        double spreadWithoutLiar = spreadOfParallelAsks(false, space);
        assertThat(spreadWithLiar).isGreaterThan(spreadWithoutLiar);
    }

    /** The mean distance between the x of five trials asked while none finishes, over 40 seeds. */
    private static double spreadOfParallelAsks(boolean constantLiar, SearchSpace space) {
        TpeSampler sampler = new TpeSampler(TpeSettings.builder().constantLiar(constantLiar).build());
        double total = 0;
        int pairs = 0;
        for (int seed = 0; seed < 40; seed++) {
            ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, space);
            for (int i = 0; i < 20; i++) {
                double x = i < 10 ? 1.5 + i * 0.1 : 4 + (i - 10) * 0.6;
                study.complete(Map.of("x", x), Math.abs(x - 2));
            }
            List<Double> asked = new ArrayList<>();
            for (int w = 0; w < 5; w++) {
                Proposal p = sampler.sample(study, study.next(), space, new SplittableRandom(seed * 10L + w));
                study.add(TrialState.RUNNING, Map.of(), null, new TreeMap<>(), p.attributes());
                asked.add((Double) p.params().get("x"));
            }
            for (int i = 0; i < asked.size(); i++) {
                for (int j = i + 1; j < asked.size(); j++) {
                    total += Math.abs(asked.get(i) - asked.get(j));
                    pairs++;
                }
            }
        }
        return total / pairs;
    }

    @Test
    void beatsRandomSearchOnAOneDimensionalQuadraticInMostOfFiftySeeds() {
        Objective quadratic = trial -> {
            double x = trial.suggestFloat("x", -10, 10);
            return (x - 3.3) * (x - 3.3);
        };
        int wins = 0;
        List<Double> tpeBest = new ArrayList<>();
        List<Double> randomBest = new ArrayList<>();
        for (int seed = 0; seed < 50; seed++) {
            Study tpe = Study.builder("tpe").storage(new InMemoryStorage()).sampler(Samplers.tpe()).seed(seed).build();
            Study random = Study.builder("random").storage(new InMemoryStorage()).sampler(Samplers.random()).seed(seed).build();
            tpe.optimize(quadratic, 30);
            random.optimize(quadratic, 30);
            tpeBest.add(tpe.bestValue());
            randomBest.add(random.bestValue());
            if (tpe.bestValue() < random.bestValue()) {
                wins++;
            }
        }
        // Random would win about 25 of 50 (P(>= 32) = 0.03 for a fair coin). Optuna 3.1's TPE on
        // this problem: 37 of 50 against its random sampler, median best 0.0029 vs 0.047.
        assertThat(wins).as("seeds on which TPE beats random after 30 trials").isGreaterThanOrEqualTo(32);
        assertThat(median(tpeBest)).isLessThan(median(randomBest) / 3);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Test
    void beatsRandomSearchOnAMixedSpaceInMostOfTwentySeeds() {
        Objective mixed = trial -> {
            double x = trial.suggestFloat("x", -5, 5);
            double lr = Math.log10(trial.suggestFloat("lr", 1e-5, 1, true)) + 3;
            int n = trial.suggestInt("n", 0, 20);
            String c = trial.suggestCategorical("c", List.of("a", "b", "c", "d"));
            return x * x + lr * lr + (n - 7) * (n - 7) / 16.0 + ("c".equals(c) ? 0 : 1);
        };
        for (boolean multivariate : new boolean[]{true, false}) {
            int wins = 0;
            for (int seed = 0; seed < 20; seed++) {
                Study tpe = Study.builder("tpe").storage(new InMemoryStorage())
                        .sampler(Samplers.tpe(TpeSettings.builder().multivariate(multivariate).build())).seed(seed).build();
                Study random = Study.builder("random").storage(new InMemoryStorage()).sampler(Samplers.random()).seed(seed).build();
                tpe.optimize(mixed, 60);
                random.optimize(mixed, 60);
                if (tpe.bestValue() < random.bestValue()) {
                    wins++;
                }
            }
            assertThat(wins).as("multivariate=%s: seeds on which TPE beats random after 60 trials", multivariate)
                    .isGreaterThanOrEqualTo(15);
        }
    }

    @Test
    void describesItselfWithItsSettingsForProvenance() {
        assertThat(Samplers.tpe().describe()).containsEntry("type", "tpe").containsEntry("n_startup_trials", 10)
                .containsEntry("n_ei_candidates", 24).containsEntry("multivariate", true).containsEntry("constant_liar", true);
    }

    @Test
    void goodCountIsOptunasDefaultGamma() {
        TpeSettings s = TpeSettings.defaults();
        assertThat(s.goodCount(0)).isZero();
        assertThat(s.goodCount(1)).isEqualTo(1);
        assertThat(s.goodCount(10)).isEqualTo(1);
        assertThat(s.goodCount(11)).isEqualTo(2);
        assertThat(s.goodCount(245)).isEqualTo(25);
        assertThat(s.goodCount(1000)).isEqualTo(25);
    }

    @Test
    void stepsAndLogScalesAreRespectedInProposals() {
        SearchSpace space = SearchSpace.builder().addFloat("s", 0, 1, 0.25).addLogFloat("l", 1e-4, 1).addLogInt("u", 1, 1024)
                .build();
        ScriptedTrials study = new ScriptedTrials(Direction.MINIMIZE, space);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> p = space.sample(r);
            study.complete(p, Math.abs(Math.log10((Double) p.get("l")) + 3));
        }
        TpeSampler sampler = new TpeSampler(TpeSettings.defaults());
        for (int seed = 0; seed < 100; seed++) {
            Map<String, Object> p = sampler.sample(study, study.next(), space, new SplittableRandom(seed)).params();
            assertThat(List.of(0.0, 0.25, 0.5, 0.75, 1.0)).contains((Double) p.get("s"));
            assertThat(((FloatDistribution) space.get("l")).contains(p.get("l"))).isTrue();
            assertThat(p.get("u")).isInstanceOf(Integer.class);
        }
    }
}

package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialPrunedException;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class GeneticSamplerTest {

    private static final SearchSpace MIXED = SearchSpace.builder()
            .addFloat("x", -5, 5)
            .addLogFloat("y", 1e-3, 1e3)
            .addInt("n", 0, 20)
            .addCategorical("c", "a", "b", "c", "d")
            .build();

    /** Minimum 0 at x = 0, y = 10, n = 7, c = "c". */
    private static final Objective MIXED_BOWL = trial -> {
        Map<String, Object> p = trial.suggestAll();
        double x = (Double) p.get("x");
        double y = Math.log10((Double) p.get("y")) - 1;
        double n = ((Integer) p.get("n") - 7) / 4.0;
        return x * x + y * y + n * n + ("c".equals(p.get("c")) ? 0 : 1);
    };

    @Test
    void firstPopulationIsRandomThenEveryTrialIsAnOffspringOfTwoEarlierFinishedTrials() {
        Study study = study(new InMemoryStorage(), "lineage", GeneticSettings.builder().population(8).build(), MIXED, 3);
        study.optimize(MIXED_BOWL, 40);

        List<FrozenTrial> trials = study.trials();
        for (FrozenTrial t : trials) {
            Map<String, Object> attrs = t.systemAttrs();
            if (t.number() < 8) {
                assertThat(attrs).containsEntry(GeneticSampler.ORIGIN_ATTR, "random")
                        .containsEntry(GeneticSampler.GENERATION_ATTR, 0)
                        .containsEntry(GeneticSampler.PARENTS_ATTR, List.of());
                continue;
            }
            assertThat(attrs).as("trial %d", t.number()).containsEntry(GeneticSampler.ORIGIN_ATTR, "offspring");
            List<Integer> parents = parents(t);
            assertThat(parents).hasSize(2).doesNotHaveDuplicates().allMatch(p -> p < t.number());
            int expected = 1 + parents.stream().mapToInt(p -> generation(trials.get(p))).max().orElseThrow();
            assertThat(generation(t)).as("trial %d", t.number()).isEqualTo(expected);
        }
        assertThat(trials.stream().mapToInt(GeneticSamplerTest::generation).max().orElseThrow()).isGreaterThan(2);
    }

    @Test
    void childrenAreAlwaysInsideTheSpaceForEveryParameterKindAndSeed() {
        SearchSpace space = Spaces.everyKind();
        GeneticSampler sampler = new GeneticSampler(GeneticSettings.builder().population(6).mutationRate(0.5).build());
        int offspring = 0;
        for (int seed = 0; seed < 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<FrozenTrial> finished = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                finished.add(finished(i, space.sample(random), random.nextDouble(), TrialState.COMPLETE));
            }
            FakeView view = new FakeView(Direction.MINIMIZE, space, finished);
            for (int i = 0; i < 50; i++) {
                Proposal p = sampler.sample(view, running(12), space, new SplittableRandom(seed * 100L + i));
                assertThat(p.params().keySet()).containsExactlyElementsOf(space.names());
                p.params().forEach((name, value) -> assertThat(space.get(name).contains(value))
                        .as("seed %d: %s=%s in %s", (Object) null, name, value, space.get(name).describe()).isTrue());
                if ("offspring".equals(p.attributes().get(GeneticSampler.ORIGIN_ATTR))) {
                    offspring++;
                }
            }
        }
        assertThat(offspring).isGreaterThan(900);
    }

    @Test
    void sameSeedSequentialRunsProposeTheSameSequence() {
        GeneticSettings settings = GeneticSettings.builder().population(6).build();
        Study first = study(new InMemoryStorage(), "a", settings, MIXED, 42);
        Study second = study(new InMemoryStorage(), "b", settings, MIXED, 42);
        Study other = study(new InMemoryStorage(), "c", settings, MIXED, 43);
        first.optimize(MIXED_BOWL, 30);
        second.optimize(MIXED_BOWL, 30);
        other.optimize(MIXED_BOWL, 30);

        assertThat(second.trials()).extracting(FrozenTrial::params).isEqualTo(first.trials().stream().map(FrozenTrial::params).toList());
        assertThat(second.trials()).extracting(GeneticSamplerTest::parents)
                .isEqualTo(first.trials().stream().map(GeneticSamplerTest::parents).toList());
        assertThat(other.trials().get(29).params()).isNotEqualTo(first.trials().get(29).params());
    }

    @Test
    void aSamplerSharedByStudiesThatTakeTurnsProposesWhatOneSamplerPerStudyDoes() {
        GeneticSettings settings = GeneticSettings.builder().population(6).build();
        SearchSpace narrower = SearchSpace.builder().addFloat("x", -1, 1).addCategorical("c", "a", "b").build();
        Sampler shared = Samplers.genetic(settings);
        Study a = Study.builder("a").searchSpace(MIXED).sampler(shared).seed(5).build();
        Study b = Study.builder("b").searchSpace(narrower).sampler(shared).seed(6).build();
        for (int i = 0; i < 15; i++) {   // the shared sampler's last read is always the other study's
            a.optimize(MIXED_BOWL, 2);
            b.optimize(trial -> (Double) trial.suggestAll().get("x"), 2);
        }
        Study aAlone = study(new InMemoryStorage(), "a", settings, MIXED, 5);
        Study bAlone = Study.builder("b").searchSpace(narrower).sampler(Samplers.genetic(settings)).seed(6).build();
        aAlone.optimize(MIXED_BOWL, 30);
        bAlone.optimize(trial -> (Double) trial.suggestAll().get("x"), 30);

        assertThat(a.trials()).extracting(FrozenTrial::params).isEqualTo(aAlone.trials().stream().map(FrozenTrial::params).toList());
        assertThat(b.trials()).extracting(FrozenTrial::params).isEqualTo(bAlone.trials().stream().map(FrozenTrial::params).toList());
    }

    @Test
    void beatsRandomSearchOnTwentyFixedSeeds() {
        List<Double> genetic = new ArrayList<>();
        List<Double> random = new ArrayList<>();
        int wins = 0;
        for (int seed = 0; seed < 20; seed++) {
            Study ga = Study.builder("ga").searchSpace(MIXED).sampler(Samplers.genetic()).seed(seed).build();
            Study rs = Study.builder("rs").searchSpace(MIXED).sampler(Samplers.random()).seed(seed).build();
            ga.optimize(MIXED_BOWL, 100);
            rs.optimize(MIXED_BOWL, 100);
            genetic.add(ga.bestValue());
            random.add(rs.bestValue());
            if (ga.bestValue() < rs.bestValue()) {
                wins++;
            }
        }
        double gaMedian = median(genetic);
        double rsMedian = median(random);
        assertThat(gaMedian).as("median best after 100 trials: genetic %s vs random %s", gaMedian, rsMedian)
                .isLessThan(0.5 * rsMedian);
        assertThat(wins).as("seeds on which genetic beats random").isGreaterThanOrEqualTo(15);
    }

    @Test
    void aResumedStudyContinuesTheSameEvolution() {
        GeneticSettings settings = GeneticSettings.builder().population(8).build();
        Storage storage = new InMemoryStorage();
        study(storage, "resumed", settings, MIXED, 5).optimize(MIXED_BOWL, 30);
        int oldMaxGeneration = storage.trials(storage.findStudy("resumed").orElseThrow().id(), EnumSet.allOf(TrialState.class))
                .stream().mapToInt(GeneticSamplerTest::generation).max().orElseThrow();

        // A new process: a new Study object and a new sampler on the same storage.
        Study resumed = study(storage, "resumed", settings, MIXED, 5);
        resumed.optimize(MIXED_BOWL, 20);

        Study uninterrupted = study(new InMemoryStorage(), "uninterrupted", settings, MIXED, 5);
        uninterrupted.optimize(MIXED_BOWL, 50);

        List<FrozenTrial> trials = resumed.trials();
        assertThat(trials).hasSize(50);
        assertThat(trials).extracting(FrozenTrial::params)
                .isEqualTo(uninterrupted.trials().stream().map(FrozenTrial::params).toList());
        List<FrozenTrial> newTrials = trials.subList(30, 50);
        assertThat(newTrials).allSatisfy(t -> assertThat(t.systemAttrs()).containsEntry(GeneticSampler.ORIGIN_ATTR, "offspring"));
        assertThat(newTrials.get(0).number()).isEqualTo(30);
        assertThat(parents(newTrials.get(0))).allMatch(p -> p < 30);
        assertThat(newTrials).anySatisfy(t -> assertThat(generation(t)).isGreaterThan(oldMaxGeneration));
        for (FrozenTrial t : newTrials) {
            int expected = 1 + parents(t).stream().mapToInt(p -> generation(trials.get(p))).max().orElseThrow();
            assertThat(generation(t)).isEqualTo(expected);
        }
    }

    @Test
    void parallelWorkersNeverWaitForAGenerationToFinish() throws Exception {
        int jobs = 4;
        List<Integer> othersRunningAtOffspringAsk = new ArrayList<>();
        GeneticSampler genetic = new GeneticSampler(GeneticSettings.builder().population(4).build());
        Sampler observed = new Sampler() {
            @Override
            public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
                int others = study.trials(EnumSet.of(TrialState.RUNNING)).size() - 1;
                Proposal p = genetic.sample(study, trial, space, random);
                if ("offspring".equals(p.attributes().get(GeneticSampler.ORIGIN_ATTR))) {
                    othersRunningAtOffspringAsk.add(others);
                }
                return p;
            }
        };
        Study study = Study.builder("parallel").searchSpace(MIXED).sampler(observed).seed(1).build();
        // Four workers, simulated on one thread: the oldest running trial finishes, its worker asks
        // for the next one while the three others are still evaluating. A sampler that waited for
        // a generation to finish would never answer here.
        ArrayDeque<Trial> inFlight = new java.util.ArrayDeque<>();
        for (int i = 0; i < jobs; i++) {
            inFlight.add(study.ask());
        }
        while (study.trials().size() < 40) {
            Trial done = inFlight.poll();
            study.tell(done, MIXED_BOWL.evaluate(done));
            inFlight.add(study.ask());
        }
        while (!inFlight.isEmpty()) {
            Trial done = inFlight.poll();
            study.tell(done, MIXED_BOWL.evaluate(done));
        }

        assertThat(study.trials(EnumSet.of(TrialState.COMPLETE))).hasSize(40);
        assertThat(othersRunningAtOffspringAsk).hasSizeGreaterThanOrEqualTo(30).containsOnly(jobs - 1);
        for (FrozenTrial t : study.trials()) {
            // parents are trials that had finished when the offspring was asked for
            parents(t).forEach(p -> assertThat(p).isLessThan(t.number() - (jobs - 1)));
        }
    }

    @Test
    void anEnqueuedConfigurationIsEvaluatedAndThenBredFrom() {
        Map<String, Object> best = Map.of("x", 0.0, "y", 10.0, "n", 7, "c", "c");
        Study study = study(new InMemoryStorage(), "warm", GeneticSettings.builder().population(6).build(), MIXED, 9);
        study.enqueue(best);
        study.enqueue(Map.of("x", 4.0));   // partially fixed: the rest is drawn
        study.optimize(MIXED_BOWL, 30);

        List<FrozenTrial> trials = study.trials();
        assertThat(trials.get(0).params()).isEqualTo(best);
        assertThat(trials.get(0).value()).isEqualTo(0.0);
        assertThat(trials.get(0).systemAttrs()).containsEntry(GeneticSampler.ORIGIN_ATTR, "enqueued")
                .containsEntry(GeneticSampler.GENERATION_ATTR, 0);
        assertThat(trials.get(1).params()).containsEntry("x", 4.0);
        assertThat(trials.get(1).systemAttrs()).containsEntry(GeneticSampler.ORIGIN_ATTR, "enqueued");
        assertThat(trials.get(2).systemAttrs()).containsEntry(GeneticSampler.ORIGIN_ATTR, "random");
        long children = trials.stream().filter(t -> parents(t).contains(0)).count();
        assertThat(children).as("offspring of the enqueued best trial").isGreaterThanOrEqualTo(5);
        assertThat(study.bestTrial().number()).isZero();
    }

    @Test
    void failedTrialsAreNeverParentsAndPrunedOnesOnlyWhileTooFewCompleted() {
        int population = 6;
        Study study = study(new InMemoryStorage(), "failures", GeneticSettings.builder().population(population).build(), MIXED, 11);
        study.optimize(trial -> {
            Map<String, Object> p = trial.suggestAll();
            if ("a".equals(p.get("c"))) {
                throw new IllegalStateException("diverged");
            }
            if ("b".equals(p.get("c"))) {
                trial.report(0, -1e6);   // looks better than anything, but is pruned
                throw new TrialPrunedException("pruned for the test");
            }
            return MIXED_BOWL.evaluate(trial);
        }, OptimizeOptions.trials(60).withCatch(IllegalStateException.class));

        List<FrozenTrial> trials = study.trials();
        Set<TrialState> states = EnumSet.noneOf(TrialState.class);
        trials.forEach(t -> states.add(t.state()));
        assertThat(states).contains(TrialState.FAIL, TrialState.PRUNED, TrialState.COMPLETE);
        int offspring = 0;
        for (FrozenTrial t : trials) {
            long completedBefore = trials.subList(0, t.number()).stream().filter(p -> p.state() == TrialState.COMPLETE).count();
            for (int parent : parents(t)) {
                offspring++;
                assertThat(trials.get(parent).state()).as("parent %d of trial %d", parent, t.number()).isNotEqualTo(TrialState.FAIL);
                if (completedBefore >= population) {
                    assertThat(trials.get(parent).state()).as("parent %d of trial %d", parent, t.number())
                            .isEqualTo(TrialState.COMPLETE);
                }
            }
        }
        assertThat(offspring).isGreaterThan(40);
    }

    @Test
    void offspringNeverRepeatAnEarlierTrial() {
        SearchSpace small = SearchSpace.builder().addCategorical("a", 1, 2, 3).addInt("b", 0, 3).build();
        Study study = study(new InMemoryStorage(), "small", GeneticSettings.builder().population(3).build(), small, 4);
        study.optimize(trial -> {
            Map<String, Object> p = trial.suggestAll();
            return (Integer) p.get("a") + (Integer) p.get("b");
        }, 12);
        List<FrozenTrial> trials = study.trials();
        int offspring = 0;
        for (FrozenTrial t : trials) {
            if ("offspring".equals(t.systemAttrs().get(GeneticSampler.ORIGIN_ATTR))) {
                offspring++;
                assertThat(trials.subList(0, t.number())).extracting(FrozenTrial::params).doesNotContain(t.params());
            }
        }
        assertThat(offspring).isGreaterThan(5);
    }

    @Test
    void worksOnASpaceInferredFromADefineByRunObjective() {
        Study study = Study.builder("define-by-run").sampler(Samplers.genetic(GeneticSettings.builder().population(4).build()))
                .seed(2).build();
        study.optimize(trial -> {
            double x = trial.suggestFloat("x", -3, 3);
            String kind = trial.suggestCategorical("kind", List.of("p", "q"));
            return x * x + (kind.equals("p") ? 0 : 1);
        }, 20);
        assertThat(study.trials()).filteredOn(t -> "offspring".equals(t.systemAttrs().get(GeneticSampler.ORIGIN_ATTR)))
                .hasSizeGreaterThan(10);
    }

    @Test
    void describeIsRecordedWithEveryTrial() {
        GeneticSettings settings = GeneticSettings.builder().population(5).mutationScale(0.2).build();
        Study study = study(new InMemoryStorage(), "provenance", settings, MIXED, 1);
        study.optimize(MIXED_BOWL, 6);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("type", "genetic");
        expected.putAll(settings.toMap());
        assertThat(new GeneticSampler(settings).describe()).isEqualTo(expected);
        assertThat(study.trials()).allSatisfy(t -> assertThat(t.systemAttrs()).containsEntry("sampler", expected));
    }

    private static Study study(Storage storage, String name, GeneticSettings settings, SearchSpace space, long seed) {
        return Study.builder(name).storage(storage).searchSpace(space).sampler(Samplers.genetic(settings)).seed(seed)
                .ifExists(IfExists.RESUME).build();
    }

    @SuppressWarnings("unchecked")
    private static List<Integer> parents(FrozenTrial trial) {
        Object parents = trial.systemAttrs().get(GeneticSampler.PARENTS_ATTR);
        return parents == null ? List.of() : ((List<Number>) parents).stream().map(Number::intValue).toList();
    }

    private static int generation(FrozenTrial trial) {
        return ((Number) trial.systemAttrs().get(GeneticSampler.GENERATION_ATTR)).intValue();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static FrozenTrial finished(int number, Map<String, Object> params, double value, TrialState state) {
        return new FrozenTrial(number, number, state, value, params, Map.of(), new TreeMap<>(), Map.of(), Map.of(),
                Instant.EPOCH, Instant.EPOCH, null);
    }

    private static FrozenTrial running(int number) {
        return new FrozenTrial(number, number, TrialState.RUNNING, null, Map.of(), Map.of(), new TreeMap<>(), Map.of(),
                Map.of(), Instant.EPOCH, null, null);
    }

    /** A study view over a fixed list of trials. */
    private record FakeView(Direction direction, SearchSpace searchSpace, List<FrozenTrial> all) implements StudyView {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<FrozenTrial> trials(Set<TrialState> states) {
            return all.stream().filter(t -> states.contains(t.state())).toList();
        }
    }

    static Map<Object, Integer> histogram(List<?> values) {
        Map<Object, Integer> h = new HashMap<>();
        values.forEach(v -> h.merge(v, 1, Integer::sum));
        return h;
    }
}

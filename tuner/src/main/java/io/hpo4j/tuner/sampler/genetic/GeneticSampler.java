package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.space.SearchSpace;
import io.jenetics.Alterer;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.Optimize;
import io.jenetics.PartialAlterer;
import io.jenetics.Phenotype;
import io.jenetics.Selector;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A steady-state genetic algorithm built on Jenetics' operators: every trial a worker asks for
 * is bred at once from the study's finished trials, so parallel workers never wait for a
 * generation to end.
 *
 * <pre>{@code
 * Study study = Study.builder("mlp")
 *     .searchSpace(space)
 *     .sampler(Samplers.genetic(GeneticSettings.builder().population(16).build()))
 *     .seed(7)
 *     .build();
 * study.optimize(objective, OptimizeOptions.trials(200).withJobs(4));
 * }</pre>
 *
 * <h2>How a trial is proposed</h2>
 * <ol>
 *   <li>Trials numbered below {@link GeneticSettings#population()} are drawn at random (the
 *       same draws as {@link io.hpo4j.tuner.sampler.RandomSampler}); so are trials when fewer
 *       than two finished trials can be parents. Enqueued trials
 *       ({@link io.hpo4j.tuner.Study#enqueue}) keep their parameters and count as initial
 *       trials; once finished they are parents like any other (a warm start).</li>
 *   <li>Otherwise the parent population is rebuilt from the stored trials: the
 *       {@code elites} best ones, then the most recently numbered ones, up to
 *       {@code population} (see below for which trials qualify).</li>
 *   <li>Two distinct parents are chosen by Jenetics' {@link TournamentSelector}: the best of
 *       {@code tournamentSize} members drawn with replacement; the second from the population
 *       without the first.</li>
 *   <li>They are encoded by a {@link SearchSpaceCodec} (numbers in one chromosome, categories
 *       in another) and altered by Jenetics' {@link UniformCrossover} (on each chromosome) and
 *       mutators: a Gaussian step ({@code mutationScale} of the range) for numbers, a uniform
 *       re-draw ({@link Mutator}) for categories. The first child is decoded into the trial's
 *       parameters.</li>
 *   <li>A child whose parameters equal those of an existing trial is bred again (at most
 *       {@value #MAX_BREEDING_ATTEMPTS} times, then drawn at random): evaluating a
 *       configuration twice teaches nothing.</li>
 * </ol>
 *
 * <h2>Elitism in a steady state</h2>
 * There are no generations to copy the best individuals into, and re-evaluating a trial would
 * waste a run, so elitism means <em>survival as a parent</em>: the {@code elites} best trials
 * stay in the parent population however old they are, while the other places go to the most
 * recent trials. With {@code elites == population} (the default) the population is simply the
 * best trials so far, a "replace the worst" steady-state GA (GENITOR); with {@code elites == 0}
 * it is the latest trials, as in regularized (aging) evolution.
 *
 * <h2>Failed and pruned trials</h2>
 * A FAIL trial (an exception, a NaN or infinite value) is never a parent: it has no fitness,
 * and it simply does not count. A PRUNED trial's fitness is the last value it reported, but it
 * ranks below every COMPLETE trial (its value comes from an earlier epoch, so it is not
 * comparable), so it enters the elite only while too few trials have completed and wins a
 * tournament only against other pruned ones. A PRUNED trial that reported nothing is ignored
 * like a failed one. Running and waiting trials are not parents yet.
 *
 * <h2>Lineage</h2>
 * Each proposal records system attributes: {@value #ORIGIN_ATTR} ({@code random},
 * {@code offspring} or {@code enqueued}), {@value #GENERATION_ATTR} (0 for random and enqueued
 * trials, else one more than the older parent's) and {@value #PARENTS_ATTR} (the parents' trial
 * numbers, empty for random and enqueued trials).
 *
 * <h2>State, reproducibility, threads</h2>
 * The sampler keeps no state: everything is rebuilt from the stored trials on every call, so a
 * study resumed after a crash, or shared by several processes, continues the same evolution. (It
 * remembers the parameters it read from the snapshots of the last call, by identity: snapshots
 * never change, so this saves reading them again and changes no proposal.)
 * All randomness comes from the generator the study passes in (Jenetics' operators get it
 * through {@link RandomRegistry#with}, never the global registry), so a seeded study run
 * sequentially proposes the same sequence of parameters every time, and a run resumed from
 * storage proposes what an uninterrupted run would have. Thread-safe; its settings are immutable.
 */
public final class GeneticSampler implements Sampler {

    /** System attribute: how the trial's parameters were made, one of {@code random}, {@code offspring}, {@code enqueued}. */
    public static final String ORIGIN_ATTR = "ga_origin";
    /** System attribute: the trial's generation, 0 for random and enqueued trials. */
    public static final String GENERATION_ATTR = "ga_generation";
    /** System attribute: the trial numbers of the parents, empty for random and enqueued trials. */
    public static final String PARENTS_ATTR = "ga_parents";

    public static final String ORIGIN_RANDOM = "random";
    public static final String ORIGIN_OFFSPRING = "offspring";
    public static final String ORIGIN_ENQUEUED = "enqueued";

    /** Children that duplicate an existing trial are bred again up to this many times. */
    static final int MAX_BREEDING_ATTEMPTS = 16;

    private static final double SWAP_PROBABILITY = 0.5;

    private final GeneticSettings settings;
    private final Selector<DoubleGene, Fitness> selector;
    private final AtomicReference<ParamsRead> lastRead = new AtomicReference<>(ParamsRead.NONE);

    public GeneticSampler(GeneticSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("genetic sampler: settings must not be null");
        }
        this.settings = settings;
        this.selector = new TournamentSelector<>(settings.tournamentSize());
    }

    public GeneticSettings settings() {
        return settings;
    }

    @Override
    public Proposal sample(StudyView study, FrozenTrial trial, SearchSpace space, RandomGenerator random) {
        if (trial.record().enqueued()) {
            return initial(space, random, ORIGIN_ENQUEUED);
        }
        if (trial.number() < settings.population()) {
            return initial(space, random, ORIGIN_RANDOM);
        }
        List<FrozenTrial> trials = study.trials();
        List<Map<String, Object>> params = paramsOf(trials, space);
        List<Member> population = Population.select(trials, params, study.direction(),
                settings.population(), settings.elites());
        if (population.size() < 2) {
            return initial(space, random, ORIGIN_RANDOM);
        }
        SearchSpaceCodec codec = new SearchSpaceCodec(space);
        // A child is compared with each trial's parameters in turn: usually one child is bred, so
        // this costs less than hashing every trial's parameters into a set.
        return RandomRegistry.with(random, r -> breed(codec, population, params::contains, r));
    }

    /**
     * {@link Population#paramsOf}, taking what the last proposal read for the same snapshots:
     * a snapshot never changes, and storages hand out the same snapshot of a trial until it
     * changes, so only new and changed trials are read again.
     */
    private List<Map<String, Object>> paramsOf(List<FrozenTrial> trials, SearchSpace space) {
        ParamsRead last = lastRead.get();
        Map<FrozenTrial, Map<String, Object>> previous = last.space().equals(space) ? last.params() : Map.of();
        IdentityHashMap<FrozenTrial, Map<String, Object>> read = new IdentityHashMap<>(trials.size() * 2);
        List<Map<String, Object>> out = new ArrayList<>(trials.size());
        for (FrozenTrial t : trials) {
            Map<String, Object> p = previous.containsKey(t) ? previous.get(t) : Population.paramsIn(t, space).orElse(null);
            read.put(t, p);
            out.add(p);
        }
        lastRead.set(new ParamsRead(space, read));
        return out;
    }

    /** What a proposal read: each snapshot's parameters (null: not a valid point of the space), by identity. */
    private record ParamsRead(SearchSpace space, Map<FrozenTrial, Map<String, Object>> params) {
        static final ParamsRead NONE = new ParamsRead(SearchSpace.empty(), Map.of());
    }

    private Proposal breed(SearchSpaceCodec codec, List<Member> population, Predicate<Map<String, Object>> seen,
                           RandomGenerator random) {
        ISeq<Phenotype<DoubleGene, Fitness>> phenotypes = population.stream()
                .map(m -> Phenotype.of(codec.encode(m.params()), m.generation(), m.fitness()))
                .collect(ISeq.toISeq());
        int first = select(phenotypes);
        ISeq<Phenotype<DoubleGene, Fitness>> others = without(phenotypes, first);
        int second = select(others);
        second = second >= first ? second + 1 : second;
        Member firstParent = population.get(first);
        Member secondParent = population.get(second);
        int generation = 1 + Math.max(firstParent.generation(), secondParent.generation());
        ISeq<Phenotype<DoubleGene, Fitness>> parents = ISeq.of(phenotypes.get(first), phenotypes.get(second));
        Alterer<DoubleGene, Fitness> alterer = alterer(codec);
        for (int attempt = 0; attempt < MAX_BREEDING_ATTEMPTS; attempt++) {
            Genotype<DoubleGene> child = alterer.alter(parents, generation).population().get(0).genotype();
            Map<String, Object> params = codec.decode(child);
            if (!seen.test(params)) {
                return new Proposal(params, lineage(ORIGIN_OFFSPRING, generation,
                        List.of(firstParent.number(), secondParent.number())));
            }
        }
        return initial(codec.space(), random, ORIGIN_RANDOM);
    }

    /** The index of the member the tournament selects. */
    private int select(ISeq<Phenotype<DoubleGene, Fitness>> phenotypes) {
        Phenotype<DoubleGene, Fitness> winner = selector.select(phenotypes, 1, Optimize.MAXIMUM).get(0);
        for (int i = 0; i < phenotypes.size(); i++) {
            if (phenotypes.get(i) == winner) {
                return i;
            }
        }
        int index = phenotypes.indexOf(winner);
        if (index < 0) {
            throw new IllegalStateException(selector + " selected " + winner + ", which is not in the population");
        }
        return index;
    }

    private static ISeq<Phenotype<DoubleGene, Fitness>> without(ISeq<Phenotype<DoubleGene, Fitness>> seq, int index) {
        List<Phenotype<DoubleGene, Fitness>> rest = new ArrayList<>(seq.asList());
        rest.remove(index);
        return ISeq.of(rest);
    }

    /** Crossover on each chromosome, Gaussian mutation of numbers, re-draw of categories. */
    private Alterer<DoubleGene, Fitness> alterer(SearchSpaceCodec codec) {
        List<Alterer<DoubleGene, Fitness>> parts = new ArrayList<>(4);
        int numeric = codec.numericChromosome();
        int categorical = codec.categoricalChromosome();
        if (numeric >= 0) {
            parts.add(PartialAlterer.of(crossover(), numeric));
        }
        if (categorical >= 0) {
            parts.add(PartialAlterer.of(crossover(), categorical));
        }
        if (numeric >= 0) {
            Alterer<DoubleGene, Fitness> gaussian =
                    new ScaledGaussianMutator<>(settings.mutationRate(), settings.mutationScale());
            parts.add(PartialAlterer.of(gaussian, numeric));
        }
        if (categorical >= 0) {
            Alterer<DoubleGene, Fitness> redraw = new Mutator<>(settings.mutationRate());
            parts.add(PartialAlterer.of(redraw, categorical));
        }
        return parts.stream().reduce(Alterer::andThen).orElseThrow();
    }

    private Alterer<DoubleGene, Fitness> crossover() {
        return new UniformCrossover<>(settings.crossoverRate(), SWAP_PROBABILITY);
    }

    private static Proposal initial(SearchSpace space, RandomGenerator random, String origin) {
        return new Proposal(space.sample(random), lineage(origin, 0, List.of()));
    }

    private static Map<String, Object> lineage(String origin, int generation, List<Integer> parents) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put(ORIGIN_ATTR, origin);
        attrs.put(GENERATION_ATTR, generation);
        attrs.put(PARENTS_ATTR, parents);
        return attrs;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "genetic");
        map.putAll(settings.toMap());
        return map;
    }

    @Override
    public String toString() {
        return "GeneticSampler" + settings.toMap();
    }
}

package io.hpo4j.tuner.sampler.genetic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a {@link GeneticSampler}; immutable, validated when built.
 *
 * <pre>{@code
 * GeneticSettings settings = GeneticSettings.builder()
 *     .population(20)
 *     .mutationRate(0.3)
 *     .build();
 * Sampler sampler = Samplers.genetic(settings);
 * }</pre>
 *
 * <p>The defaults were chosen for studies of 50 to a few hundred trials, as hyperparameter
 * searches of neural networks are, and checked with {@code bench/run samplers} (see
 * {@code bench/README.md}):
 * <ul>
 *   <li>{@code population = 10}: the first 10 trials are random and the parents are drawn from
 *       (at most) 10 trials. With a budget of 100 trials, 10 random trials cover the space
 *       about as well as a wider start, and leave 90 trials to evolution; a larger population
 *       evolves more slowly (each good trial is a smaller share of the parents).</li>
 *   <li>{@code tournamentSize = 3}: each parent is the best of 3 members drawn at random (with
 *       replacement), a moderate selection pressure: the best member of 10 is picked with
 *       probability 0.27, the median one with 0.09, and the worst still with 0.001.</li>
 *   <li>{@code elites = 10} (= population): the population is the 10 best trials so far
 *       (pruned ones rank below completed ones; failed ones never enter). See
 *       {@link GeneticSampler} for what elitism means in a steady-state algorithm. Fewer elites
 *       fill the rest of the population with the most recently finished trials (aging, as in
 *       regularized evolution), which keeps more diversity for long studies.</li>
 *   <li>{@code crossoverRate = 0.8}: the probability that each of the two parents initiates a
 *       uniform crossover; the child mixes both parents with probability
 *       {@code 1 - (1 - 0.8)^2 = 0.96} and is otherwise a mutated copy of the first parent.</li>
 *   <li>{@code mutationRate = 0.3}: the probability that a gene is mutated. Jenetics spreads it
 *       over genotype, chromosome and gene ({@code 0.3^(1/3)} each), so mutations come in
 *       clusters; a child that is a copy of a trial is bred again.</li>
 *   <li>{@code mutationScale = 0.1}: the standard deviation of a numeric mutation, as a fraction
 *       of the parameter's range in its internal (possibly log) coordinate. Jenetics'
 *       {@link io.jenetics.GaussianMutator} uses a fixed quarter of the range, which at these
 *       budgets is close to a random re-draw; a tenth refines good trials.</li>
 * </ul>
 *
 * @param population     the number of initial random trials and the size of the parent
 *                       population; at least 2
 * @param tournamentSize members compared per parent selection; in {@code [2, population]}
 * @param elites         the best trials always in the population; in {@code [0, population]}
 * @param crossoverRate  probability that a parent initiates a uniform crossover; in {@code [0, 1]}
 * @param mutationRate   probability that a gene is mutated; in {@code [0, 1]}
 * @param mutationScale  standard deviation of a numeric (Gaussian) mutation as a fraction of the
 *                       parameter's range; in {@code (0, 1]}
 */
public record GeneticSettings(int population, int tournamentSize, int elites, double crossoverRate,
                              double mutationRate, double mutationScale) {

    public static final int DEFAULT_POPULATION = 10;
    public static final int DEFAULT_TOURNAMENT_SIZE = 3;
    public static final double DEFAULT_CROSSOVER_RATE = 0.8;
    public static final double DEFAULT_MUTATION_RATE = 0.3;
    public static final double DEFAULT_MUTATION_SCALE = 0.1;

    private static final GeneticSettings DEFAULTS = builder().build();

    public GeneticSettings {
        if (population < 2) {
            throw new IllegalArgumentException("genetic sampler: population must be >= 2, but got " + population);
        }
        if (tournamentSize < 2 || tournamentSize > population) {
            throw new IllegalArgumentException("genetic sampler: tournamentSize must be in [2, population=" + population
                    + "], but got " + tournamentSize);
        }
        if (elites < 0 || elites > population) {
            throw new IllegalArgumentException("genetic sampler: elites must be in [0, population=" + population
                    + "], but got " + elites);
        }
        requireProbability("crossoverRate", crossoverRate);
        requireProbability("mutationRate", mutationRate);
        if (!(mutationScale > 0 && mutationScale <= 1)) {
            throw new IllegalArgumentException("genetic sampler: mutationScale must be in (0, 1], but got " + mutationScale);
        }
    }

    /** The default settings (see the class comment for why). */
    public static GeneticSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder().population(population).tournamentSize(tournamentSize).elites(elites)
                .crossoverRate(crossoverRate).mutationRate(mutationRate).mutationScale(mutationScale);
    }

    /** The settings as a JSON-compatible map, with snake_case keys (as recorded with each trial). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("population", population);
        map.put("tournament_size", tournamentSize);
        map.put("elites", elites);
        map.put("crossover_rate", crossoverRate);
        map.put("mutation_rate", mutationRate);
        map.put("mutation_scale", mutationScale);
        return map;
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("genetic sampler: " + name + " must be in [0, 1], but got " + value);
        }
    }

    /**
     * Collects settings; unset ones take their defaults. {@code elites} defaults to the
     * population size (the population is the best trials so far).
     */
    public static final class Builder {
        private int population = DEFAULT_POPULATION;
        private int tournamentSize = DEFAULT_TOURNAMENT_SIZE;
        private Integer elites;
        private double crossoverRate = DEFAULT_CROSSOVER_RATE;
        private double mutationRate = DEFAULT_MUTATION_RATE;
        private double mutationScale = DEFAULT_MUTATION_SCALE;

        private Builder() {
        }

        public Builder population(int population) {
            this.population = population;
            return this;
        }

        public Builder tournamentSize(int tournamentSize) {
            this.tournamentSize = tournamentSize;
            return this;
        }

        public Builder elites(int elites) {
            this.elites = elites;
            return this;
        }

        public Builder crossoverRate(double crossoverRate) {
            this.crossoverRate = crossoverRate;
            return this;
        }

        public Builder mutationRate(double mutationRate) {
            this.mutationRate = mutationRate;
            return this;
        }

        public Builder mutationScale(double mutationScale) {
            this.mutationScale = mutationScale;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid setting, its value and the valid range
         */
        public GeneticSettings build() {
            return new GeneticSettings(population, tournamentSize, elites == null ? population : elites,
                    crossoverRate, mutationRate, mutationScale);
        }
    }
}

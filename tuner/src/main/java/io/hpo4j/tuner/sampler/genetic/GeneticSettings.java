package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.settings.SettingsCodec;
import io.hpo4j.tuner.settings.SettingsReader;

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
 * <p>The defaults suit studies of 50 to a few hundred trials, as hyperparameter searches of
 * neural networks are. They were chosen with {@code bench/run samplers} (five mixed-space test
 * functions, budgets of 50, 100 and 200 trials) on other seeds than the ones reported in
 * {@code bench/README.md}. They sit in a flat region: changing one setting to a neighbouring
 * value changes the result by about 10%, within the noise. The figures below compare, at 100
 * trials over 50 seeds, the geometric mean over the problems of the median best value found:
 * <ul>
 *   <li>{@code population = 10}: the first 10 trials are random and parents come from (at most)
 *       10 trials. Ten random points cover a space of a few parameters fairly, and leave 90% of
 *       a 100-trial budget to evolution. 16 was 10% worse and 24 55% worse (they evolve more
 *       slowly); 6 was 10% better on these smooth functions but converges sooner on the first
 *       good region, which is riskier on noisy objectives.</li>
 *   <li>{@code tournamentSize = 4}: each parent is the best of 4 members drawn with replacement.
 *       In a population of 10 the best member wins a tournament with probability 0.34, the
 *       fifth best with 0.07 and the worst with 0.0001: strong pressure, but every member
 *       can still be a parent. 3 did as well, 2 was 15% worse.</li>
 *   <li>{@code elites = population}: the population is the best trials so far (pruned ones rank
 *       below completed ones, failed ones never enter). See {@link GeneticSampler} for what
 *       elitism means in a steady-state algorithm. Fewer elites fill the rest of the population
 *       with the most recently finished trials (aging, as in regularized evolution), which
 *       keeps more diversity in long studies: 5 elites did as well, 2 were 7% worse, none 65%
 *       worse at this budget.</li>
 *   <li>{@code crossoverRate = 0.8}: the probability that each of the two parents starts a
 *       uniform crossover (each gene from either parent with probability 1/2); so the child
 *       mixes both parents with probability {@code 1 - 0.2^2 = 0.96}, and is otherwise a
 *       mutated copy of the first parent. 0.5 and 1.0 did as well.</li>
 *   <li>{@code mutationRate = 0.2}: the probability that a gene is mutated. Jenetics spreads it
 *       over the genotype, chromosome and gene ({@code 0.2^(1/3)} each), so mutations come in
 *       clusters, and a child that repeats an existing trial is bred again. 0.1 and 0.3 did as
 *       well, 0.5 was 13% worse.</li>
 *   <li>{@code mutationScale = 0.1}: the standard deviation of a numeric mutation, as a fraction
 *       of the parameter's range in its internal (possibly log) coordinate. This matters most:
 *       Jenetics' {@link io.jenetics.GaussianMutator} uses a quarter of the range, which at
 *       these budgets is nearly a random re-draw (0.25 was 60% worse); 0.05 is too timid to
 *       leave a local basin (55% worse).</li>
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
    public static final int DEFAULT_TOURNAMENT_SIZE = 4;
    public static final double DEFAULT_CROSSOVER_RATE = 0.8;
    public static final double DEFAULT_MUTATION_RATE = 0.2;
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

    /**
     * A builder holding these settings, to change some of them. If {@code elites} equals the
     * population, it keeps following the population size.
     */
    public Builder toBuilder() {
        Builder builder = new Builder().population(population).tournamentSize(tournamentSize)
                .crossoverRate(crossoverRate).mutationRate(mutationRate).mutationScale(mutationScale);
        return elites == population ? builder : builder.elites(elites);
    }

    /** The settings as a JSON-compatible map, with snake_case keys (as recorded with each trial): {@link #CODEC}. */
    public Map<String, Object> toMap() {
        return CODEC.encode(this);
    }

    /**
     * The settings by {@code population}, {@code tournament_size}, {@code elites},
     * {@code crossover_rate}, {@code mutation_rate}, {@code mutation_scale}; absent ones take
     * their defaults ({@code tournament_size} and {@code elites} follow the population).
     */
    public static final SettingsCodec<GeneticSettings> CODEC = new SettingsCodec<>() {
        @Override
        public Map<String, Object> encode(GeneticSettings s) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("population", s.population());
            map.put("tournament_size", s.tournamentSize());
            map.put("elites", s.elites());
            map.put("crossover_rate", s.crossoverRate());
            map.put("mutation_rate", s.mutationRate());
            map.put("mutation_scale", s.mutationScale());
            return map;
        }

        @Override
        public GeneticSettings decode(SettingsReader in) {
            GeneticSettings d = defaults();
            Builder b = builder()
                    .population(in.integer("population", d.population()))
                    .crossoverRate(in.number("crossover_rate", d.crossoverRate()))
                    .mutationRate(in.number("mutation_rate", d.mutationRate()))
                    .mutationScale(in.number("mutation_scale", d.mutationScale()));
            if (in.has("tournament_size")) {
                b.tournamentSize(in.integer("tournament_size", d.tournamentSize()));
            }
            if (in.has("elites")) {
                b.elites(in.integer("elites", d.elites()));
            }
            return b.build();
        }
    };

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("genetic sampler: " + name + " must be in [0, 1], but got " + value);
        }
    }

    /**
     * Collects settings; unset ones take their defaults. {@code elites} defaults to the
     * population size (the population is the best trials so far), {@code tournamentSize} to 4
     * or the population size if that is smaller.
     */
    public static final class Builder {
        private int population = DEFAULT_POPULATION;
        private Integer tournamentSize;
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
            return new GeneticSettings(population,
                    tournamentSize == null ? Math.min(DEFAULT_TOURNAMENT_SIZE, population) : tournamentSize,
                    elites == null ? population : elites,
                    crossoverRate, mutationRate, mutationScale);
        }
    }
}

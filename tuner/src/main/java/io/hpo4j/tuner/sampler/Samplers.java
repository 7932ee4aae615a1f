package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.sampler.genetic.GeneticSampler;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
import io.hpo4j.tuner.sampler.tpe.BohbSampler;
import io.hpo4j.tuner.sampler.tpe.BohbSettings;
import io.hpo4j.tuner.sampler.tpe.TpeSampler;
import io.hpo4j.tuner.sampler.tpe.TpeSettings;
import io.hpo4j.tuner.settings.SettingsReader;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Factories for the built-in samplers.
 *
 * <pre>{@code
 * Samplers.random()
 * Samplers.genetic(GeneticSettings.builder().population(16).build())
 * Samplers.tpe()
 * Samplers.bohb()
 * Samplers.fromSettings("genetic", Map.of("population", 16, "mutation_rate", 0.3))  // as study files do
 * Samplers.fromSettings("tpe", Map.of("n_startup_trials", 20, "multivariate", false))
 * }</pre>
 */
public final class Samplers {

    /** The type names {@link #fromSettings} knows. */
    public static final List<String> TYPES = List.of("random", "genetic", "tpe", "bohb");

    private static final RandomSampler RANDOM = new RandomSampler();

    private Samplers() {
    }

    /** Independent uniform sampling; reproducible through the study's seed. */
    public static Sampler random() {
        return RANDOM;
    }

    /** A steady-state genetic algorithm with the default settings ({@link GeneticSettings#defaults()}). */
    public static Sampler genetic() {
        return genetic(GeneticSettings.defaults());
    }

    /** A steady-state genetic algorithm on Jenetics' operators; see {@link GeneticSampler}. */
    public static Sampler genetic(GeneticSettings settings) {
        return new GeneticSampler(settings);
    }

    /** Optuna's TPE with its default settings ({@link TpeSettings#defaults()}). */
    public static Sampler tpe() {
        return tpe(TpeSettings.defaults());
    }

    /** The tree-structured Parzen estimator; see {@link TpeSampler}. */
    public static Sampler tpe(TpeSettings settings) {
        return new TpeSampler(settings);
    }

    /** A multi-fidelity TPE (BOHB's model) with the default settings; pair it with successive halving or Hyperband. */
    public static Sampler bohb() {
        return bohb(BohbSettings.defaults());
    }

    /** A TPE fitted on the values trials had at a common budget; see {@link BohbSampler}. */
    public static Sampler bohb(BohbSettings settings) {
        return new BohbSampler(settings);
    }

    /**
     * The sampler of a type with settings by snake_case name; absent settings take their defaults:
     * <ul>
     *   <li>{@code random}: none;</li>
     *   <li>{@code genetic}: {@code population}, {@code tournament_size}, {@code elites},
     *       {@code crossover_rate}, {@code mutation_rate}, {@code mutation_scale};</li>
     *   <li>{@code tpe}: {@code n_startup_trials}, {@code n_ei_candidates}, {@code gamma},
     *       {@code gamma_cap}, {@code prior_weight}, {@code consider_magic_clip},
     *       {@code consider_endpoints}, {@code multivariate}, {@code constant_liar};</li>
     *   <li>{@code bohb}: those of {@code tpe} and {@code min_observations}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException naming the type or the setting that is unknown or invalid
     */
    public static Sampler fromSettings(String type, Map<String, ?> settings) {
        String name = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        SettingsReader in = new SettingsReader(name + " sampler", settings);
        Sampler sampler = switch (name) {
            case "random" -> random();
            case "genetic" -> genetic(GeneticSettings.CODEC.decode(in));
            case "tpe" -> tpe(TpeSettings.CODEC.decode(in));
            case "bohb" -> bohb(BohbSettings.CODEC.decode(in));
            default -> throw new IllegalArgumentException("sampler must be one of " + TYPES + ", but got '" + type + "'");
        };
        in.rejectUnread();
        return sampler;
    }
}

package io.hpo4j.tuner.sampler;

import io.hpo4j.tuner.sampler.genetic.GeneticSampler;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
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
 * Samplers.fromSettings("genetic", Map.of("population", 16, "mutation_rate", 0.3))  // as study files do
 * }</pre>
 */
public final class Samplers {

    /** The type names {@link #fromSettings} knows. */
    public static final List<String> TYPES = List.of("random", "genetic");

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

    /**
     * The sampler of type {@code random} or {@code genetic} with settings by snake_case name
     * ({@code population}, {@code tournament_size}, {@code elites}, {@code crossover_rate},
     * {@code mutation_rate}, {@code mutation_scale}); absent settings take their defaults.
     *
     * @throws IllegalArgumentException naming the type or the setting that is unknown or invalid
     */
    public static Sampler fromSettings(String type, Map<String, ?> settings) {
        String name = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        SettingsReader in = new SettingsReader(name + " sampler", settings);
        Sampler sampler = switch (name) {
            case "random" -> random();
            case "genetic" -> genetic(GeneticSettings.CODEC.decode(in));
            default -> throw new IllegalArgumentException("sampler must be one of " + TYPES + ", but got '" + type + "'");
        };
        in.rejectUnread();
        return sampler;
    }
}

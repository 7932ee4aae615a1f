package io.hpo4j.tuner.pruner;

import java.util.HashMap;
import java.util.List;
import io.hpo4j.tuner.settings.SettingsReader;

import java.util.Locale;
import java.util.Map;

/**
 * Factories for the built-in pruners, from Java or from a type name and a settings map (study
 * files). Every pruner validates its settings here, before any study starts.
 *
 * <pre>{@code
 * Pruners.median();                                                         // Optuna's defaults
 * Pruners.median(MedianSettings.defaults().withStartupTrials(10).withWarmupSteps(2));
 * Pruners.percentile(25);
 * Pruners.successiveHalving(SuccessiveHalvingSettings.defaults().withReductionFactor(3));
 * Pruners.hyperband(1, 30);
 * Pruners.fromSettings("median", Map.of("n_startup_trials", 10, "n_warmup_steps", 2));
 * }</pre>
 *
 * <table>
 *   <caption>Types and settings read by {@link #fromSettings}</caption>
 *   <tr><th>type</th><th>settings (default)</th></tr>
 *   <tr><td>{@code none}</td><td>none</td></tr>
 *   <tr><td>{@code median}</td><td>{@code n_startup_trials} (5), {@code n_warmup_steps} (0),
 *       {@code interval_steps} (1), {@code n_min_trials} (1)</td></tr>
 *   <tr><td>{@code percentile}</td><td>{@code percentile} (required), and the median's</td></tr>
 *   <tr><td>{@code successive_halving}</td><td>{@code min_resource} (1), {@code reduction_factor} (4),
 *       {@code min_early_stopping_rate} (0), {@code bootstrap_count} (0)</td></tr>
 *   <tr><td>{@code hyperband}</td><td>{@code min_resource} (1), {@code max_resource} (required),
 *       {@code reduction_factor} (3), {@code bootstrap_count} (0)</td></tr>
 * </table>
 */
public final class Pruners {

    static final String NONE_TYPE = "none";
    static final String MEDIAN_TYPE = "median";
    static final String PERCENTILE_TYPE = "percentile";
    static final String SUCCESSIVE_HALVING_TYPE = "successive_halving";
    static final String HYPERBAND_TYPE = "hyperband";

    static final String PERCENTILE = "percentile";
    static final String N_STARTUP_TRIALS = "n_startup_trials";
    static final String N_WARMUP_STEPS = "n_warmup_steps";
    static final String INTERVAL_STEPS = "interval_steps";
    static final String N_MIN_TRIALS = "n_min_trials";
    static final String MIN_RESOURCE = "min_resource";
    static final String MAX_RESOURCE = "max_resource";
    static final String REDUCTION_FACTOR = "reduction_factor";
    static final String MIN_EARLY_STOPPING_RATE = "min_early_stopping_rate";
    static final String BOOTSTRAP_COUNT = "bootstrap_count";

    /** The type names {@link #fromSettings} knows. */
    public static final List<String> TYPES = List.of(NONE_TYPE, MEDIAN_TYPE, PERCENTILE_TYPE,
            SUCCESSIVE_HALVING_TYPE, HYPERBAND_TYPE);

    private static final NopPruner NONE = new NopPruner();

    private Pruners() {
    }

    /** Never prunes. */
    public static Pruner none() {
        return NONE;
    }

    /** The median stopping rule with Optuna's defaults: 5 startup trials, no warm-up, every step. */
    public static MedianPruner median() {
        return median(MedianSettings.defaults());
    }

    /** The median stopping rule with {@code settings}. */
    public static MedianPruner median(MedianSettings settings) {
        return new MedianPruner(settings);
    }

    /**
     * Keeps trials in the best {@code percentile} percent at each step, with the median's defaults.
     *
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    public static PercentilePruner percentile(double percentile) {
        return percentile(percentile, MedianSettings.defaults());
    }

    /**
     * Keeps trials in the best {@code percentile} percent at each step.
     *
     * @throws IllegalArgumentException if {@code percentile} is outside [0, 100]
     */
    public static PercentilePruner percentile(double percentile, MedianSettings settings) {
        return new PercentilePruner(percentile, settings);
    }

    /** Asynchronous successive halving with the defaults: rungs at steps 1, 4, 16, ... */
    public static SuccessiveHalvingPruner successiveHalving() {
        return successiveHalving(SuccessiveHalvingSettings.defaults());
    }

    public static SuccessiveHalvingPruner successiveHalving(SuccessiveHalvingSettings settings) {
        return new SuccessiveHalvingPruner(settings);
    }

    /**
     * Hyperband for trials of {@code minResource} to {@code maxResource} steps, reduction factor 3.
     *
     * @throws IllegalArgumentException if {@code minResource < 1} or {@code maxResource < minResource}
     */
    public static HyperbandPruner hyperband(int minResource, int maxResource) {
        return hyperband(HyperbandSettings.of(minResource, maxResource));
    }

    public static HyperbandPruner hyperband(HyperbandSettings settings) {
        return new HyperbandPruner(settings);
    }

    /**
     * Builds a pruner from its type name (any case) and its settings, as a study file gives them:
     * the inverse of {@link Pruner#describe()} minus its {@code "type"}. Missing settings take
     * their defaults. Integer settings take any whole number (5, 5L, 5.0); {@code percentile}
     * takes any number.
     *
     * @param settings the settings by snake_case name; null or empty for the defaults
     * @throws IllegalArgumentException naming the type or the key, if the type is unknown, a key is
     *                                  unknown for that type, a value has the wrong type or is out
     *                                  of range, or a required setting is missing
     */
    public static Pruner fromSettings(String type, Map<String, ?> settings) {
        String name = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        SettingsReader in = new SettingsReader(name + " pruner", settings);
        Pruner pruner = switch (name) {
            case NONE_TYPE -> none();
            case MEDIAN_TYPE -> median(MedianSettings.CODEC.decode(in));
            case PERCENTILE_TYPE -> {
                double percentile = in.requiredNumber(PERCENTILE);
                yield percentile(percentile, MedianSettings.CODEC.decode(in));
            }
            case SUCCESSIVE_HALVING_TYPE -> successiveHalving(SuccessiveHalvingSettings.CODEC.decode(in));
            case HYPERBAND_TYPE -> hyperband(HyperbandSettings.CODEC.decode(in));
            default -> throw new IllegalArgumentException("pruner type must be one of " + TYPES
                    + ", but got '" + type + "'");
        };
        in.rejectUnread();
        return pruner;
    }

    /**
     * Builds a pruner from a {@link Pruner#describe()} map: its {@code "type"} and its settings.
     *
     * @throws IllegalArgumentException as {@link #fromSettings}, or if {@code "type"} is missing
     */
    public static Pruner fromDescription(Map<String, ?> description) {
        Object type = description.get("type");
        if (!(type instanceof String s)) {
            throw new IllegalArgumentException("pruner description needs a string 'type', one of " + TYPES
                    + ", but got " + (type == null ? "none" : "'" + type + "' (" + type.getClass().getSimpleName() + ")"));
        }
        Map<String, Object> settings = new HashMap<>(description);
        settings.remove("type");
        return fromSettings(s, settings);
    }
}

package io.hpo4j.bench;

import io.hpo4j.studies.config.ComponentSpec;
import io.hpo4j.studies.run.Components;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sampler and a pruner to benchmark together, as {@code SAMPLER/PRUNER} on the command line,
 * each a type optionally followed by {@code key=value} settings (the keys of study files):
 * {@code random/none}, {@code genetic/median}, {@code 'genetic population=16/successive_halving min_resource=1'}.
 *
 * <p>A pruner given without settings takes the {@linkplain #PRUNER_DEFAULTS benchmark's
 * defaults}, chosen for trials of 3 to 20 epochs, not the library's (Optuna's) defaults.
 *
 * @param label   the text as given, used in tables and JSON
 * @param sampler the sampler's type and settings
 * @param pruner  the pruner's type and settings
 */
record Configuration(String label, ComponentSpec sampler, ComponentSpec pruner) {

    /**
     * The pruner settings used when a configuration names a pruner without settings. For trials
     * of 3 to 20 epochs:
     * <ul>
     *   <li>median: judge from epoch 2 on ({@code n_warmup_steps 2}: epoch 1 says little about a
     *       trial whose learning rate is small) once 5 trials have completed;</li>
     *   <li>successive halving: rungs at epochs 2, 6 and 18 ({@code min_resource 2},
     *       {@code reduction_factor 3}): about a third of the trials go past epoch 2, a ninth
     *       past epoch 6;</li>
     *   <li>hyperband: brackets of successive halving between 1 and 20 epochs, reduction factor 3.</li>
     * </ul>
     */
    static final Map<String, Map<String, Object>> PRUNER_DEFAULTS = orderedDefaults();

    private static Map<String, Map<String, Object>> orderedDefaults() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("median", ordered("n_startup_trials", 5, "n_warmup_steps", 2));
        m.put("successive_halving", ordered("min_resource", 2, "reduction_factor", 3));
        m.put("hyperband", ordered("min_resource", 1, "max_resource", 20, "reduction_factor", 3));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Parses {@code SAMPLER/PRUNER} and checks that both can be built.
     *
     * @throws IllegalArgumentException naming the bad part
     */
    static Configuration parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("--config must be SAMPLER/PRUNER, e.g. random/none or genetic/successive_halving, but got '"
                    + text + "'");
        }
        ComponentSpec sampler = component(parts[0], Map.of());
        ComponentSpec pruner = component(parts[1], PRUNER_DEFAULTS);
        Components.sampler(sampler);
        Components.pruner(pruner);
        return new Configuration(text.trim(), sampler, pruner);
    }

    /** {@code type key=value ...}; without settings, those of {@code defaults} for the type. */
    static ComponentSpec component(String text, Map<String, Map<String, Object>> defaults) {
        String[] words = text.trim().split("\\s+");
        String type = words[0];
        if (words.length == 1) {
            return new ComponentSpec(type, defaults.getOrDefault(type, Map.of()));
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            String[] kv = words[i].split("=", 2);
            if (kv.length != 2 || kv[0].isEmpty()) {
                throw new IllegalArgumentException(type + ": a setting must be key=value, but got '" + words[i] + "'");
            }
            settings.put(kv[0], number(kv[1]));
        }
        return new ComponentSpec(type, settings);
    }

    private static Object number(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException notWhole) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException notNumber) {
                return text;
            }
        }
    }

    /** A name usable in a file name: {@code random-none}, {@code genetic-successive_halving}. */
    String fileName() {
        return (sampler.type() + "-" + pruner.type()).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}

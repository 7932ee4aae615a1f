package io.hpo4j.tuner.settings;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads typed settings of a named component (a pruner, a sampler) from a plain map, as study
 * files give them, and remembers which keys it read so that {@link #rejectUnread()} can reject
 * the others. Every error names the component, the key, the bad value and what was expected.
 */
public final class SettingsReader {

    private final String type;
    private final Map<String, ?> settings;
    private final Set<String> read = new LinkedHashSet<>();

    /**
     * @param type     the component as messages name it, e.g. {@code "median pruner"}
     * @param settings the settings, keyed by snake_case name
     */
    public SettingsReader(String type, Map<String, ?> settings) {
        this.type = type;
        this.settings = settings == null ? Map.of() : settings;
    }

    /** The whole number under {@code key}, or {@code fallback} if the key is absent. */
    public int integer(String key, int fallback) {
        read.add(key);
        return settings.containsKey(key) ? toInt(key, settings.get(key)) : fallback;
    }

    public int requiredInteger(String key) {
        read.add(key);
        requirePresent(key);
        return toInt(key, settings.get(key));
    }

    /** The number under {@code key}, or {@code fallback} if the key is absent. */
    public double number(String key, double fallback) {
        read.add(key);
        return settings.containsKey(key) ? toDouble(key, settings.get(key)) : fallback;
    }

    /** The boolean under {@code key}, or {@code fallback} if the key is absent. */
    public boolean bool(String key, boolean fallback) {
        read.add(key);
        if (!settings.containsKey(key)) {
            return fallback;
        }
        Object value = settings.get(key);
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(prefix(key) + " must be true or false, but got " + show(value));
        }
        return b;
    }

    /** Whether the settings hold {@code key} (marks it read). */
    public boolean has(String key) {
        read.add(key);
        return settings.containsKey(key);
    }

    public double requiredNumber(String key) {
        read.add(key);
        requirePresent(key);
        return toDouble(key, settings.get(key));
    }

    private double toDouble(String key, Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(prefix(key) + " must be a number, but got " + show(value));
        }
        return n.doubleValue();
    }

    /** Throws if the map holds a key that no read asked for. */
    public void rejectUnread() {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(type + ": unknown setting" + (unknown.size() == 1 ? " " : "s ")
                    + unknown + "; known settings are " + read);
        }
    }

    private void requirePresent(String key) {
        if (!settings.containsKey(key)) {
            throw new IllegalArgumentException(prefix(key) + " is required, but is missing");
        }
    }

    private int toInt(String key, Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return (int) d;
            }
        }
        throw new IllegalArgumentException(prefix(key) + " must be a whole number, but got " + show(value));
    }

    private String prefix(String key) {
        return type + ": " + key;
    }

    private static String show(Object value) {
        if (value == null) {
            return "null";
        }
        return (value instanceof String ? "'" + value + "'" : String.valueOf(value))
                + " (" + value.getClass().getSimpleName() + ")";
    }
}

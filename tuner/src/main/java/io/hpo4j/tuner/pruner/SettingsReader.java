package io.hpo4j.tuner.pruner;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed settings from a map and remembers which keys it read, to reject the others. */
final class SettingsReader {

    private final String type;
    private final Map<String, ?> settings;
    private final Set<String> read = new LinkedHashSet<>();

    SettingsReader(String type, Map<String, ?> settings) {
        this.type = type;
        this.settings = settings;
    }

    /** The whole number under {@code key}, or {@code fallback} if the key is absent. */
    int integer(String key, int fallback) {
        read.add(key);
        return settings.containsKey(key) ? toInt(key, settings.get(key)) : fallback;
    }

    int requiredInteger(String key) {
        read.add(key);
        requirePresent(key);
        return toInt(key, settings.get(key));
    }

    double requiredNumber(String key) {
        read.add(key);
        requirePresent(key);
        Object value = settings.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(prefix(key) + " must be a number, but got " + show(value));
        }
        return n.doubleValue();
    }

    /** Throws if the map holds a key that no read asked for. */
    void rejectUnread() {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(type + " pruner: unknown setting" + (unknown.size() == 1 ? " " : "s ")
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
        return type + " pruner: " + key;
    }

    private static String show(Object value) {
        if (value == null) {
            return "null";
        }
        return (value instanceof String ? "'" + value + "'" : String.valueOf(value))
                + " (" + value.getClass().getSimpleName() + ")";
    }
}

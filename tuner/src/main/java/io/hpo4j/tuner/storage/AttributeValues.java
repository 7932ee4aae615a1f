package io.hpo4j.tuner.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep copies of attribute values, normalized as a JSON storage reads them back: maps (string
 * keys, in order), lists, strings, booleans, null, and numbers, whole ones as {@link Integer}
 * when they fit and {@link Long} otherwise, the others as {@link Double} (NaN and infinities
 * included). So an in-memory storage returns what a database would, without a JSON library.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /**
     * @throws IllegalArgumentException naming the value if it is not JSON-compatible
     */
    static Object copy(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
        }
        if (value instanceof Double || value instanceof Float) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(copy(v)));
            return out;
        }
        if (value instanceof Object[] array) {
            List<Object> out = new ArrayList<>(array.length);
            for (Object v : array) {
                out.add(copy(v));
            }
            return out;
        }
        throw new IllegalArgumentException("attribute values must be JSON-compatible (strings, numbers, booleans, null,"
                + " lists and maps of those), but got " + value + " (" + value.getClass().getName() + ")");
    }
}

package io.hpo4j.tuner.space;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns distributions and search spaces into plain values (maps, lists, strings, numbers,
 * booleans) and back, so that a storage keeps a declared space once, as a value (a JSON object in
 * a database), and any process samples it. No JSON here: storages own their encoding.
 *
 * <p>The shape, one map per distribution (shown as JSON):
 * <pre>
 * {"type":"float","low":1.0E-4,"high":0.1,"log":true,"step":0.0}
 * {"type":"int","low":32,"high":512,"log":true,"step":1}
 * {"type":"categorical","choices":["relu","tanh"]}
 * </pre>
 * A search space is an object mapping names to those, in declaration order.
 */
public final class Distributions {

    private Distributions() {
    }

    public static Map<String, Object> toMap(Distribution distribution) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (distribution instanceof FloatDistribution f) {
            map.put("type", "float");
            map.put("low", f.low());
            map.put("high", f.high());
            map.put("log", f.log());
            map.put("step", f.step());
        } else if (distribution instanceof IntDistribution i) {
            map.put("type", "int");
            map.put("low", i.low());
            map.put("high", i.high());
            map.put("log", i.log());
            map.put("step", i.step());
        } else if (distribution instanceof CategoricalDistribution c) {
            map.put("type", "categorical");
            map.put("choices", c.choices());
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    public static Distribution fromMap(Map<String, Object> map) {
        Object type = map.get("type");
        if ("float".equals(type)) {
            return new FloatDistribution(number(map, "low").doubleValue(), number(map, "high").doubleValue(),
                    Boolean.TRUE.equals(map.get("log")), map.containsKey("step") ? number(map, "step").doubleValue() : 0);
        }
        if ("int".equals(type)) {
            return new IntDistribution(number(map, "low").intValue(), number(map, "high").intValue(),
                    Boolean.TRUE.equals(map.get("log")), map.containsKey("step") ? number(map, "step").intValue() : 1);
        }
        if ("categorical".equals(type)) {
            Object choices = map.get("choices");
            if (!(choices instanceof List)) {
                throw new IllegalArgumentException("categorical distribution needs a 'choices' list, but got " + choices);
            }
            return new CategoricalDistribution((List<Object>) choices);
        }
        throw new IllegalArgumentException("distribution type must be one of [float, int, categorical], but got " + type);
    }

    /** The space as a map from names to {@link #toMap(Distribution)}, in declaration order. */
    public static Map<String, Object> toMap(SearchSpace space) {
        Map<String, Object> map = new LinkedHashMap<>();
        space.distributions().forEach((name, d) -> map.put(name, toMap(d)));
        return map;
    }

    /**
     * The space that {@link #toMap(SearchSpace)} gave.
     *
     * @throws IllegalArgumentException naming the parameter and the bad field
     */
    @SuppressWarnings("unchecked")
    public static SearchSpace spaceFromMap(Map<String, ?> map) {
        SearchSpace.Builder builder = SearchSpace.builder();
        map.forEach((name, d) -> {
            if (!(d instanceof Map)) {
                throw new IllegalArgumentException(name + ": expected a distribution object, but got " + d);
            }
            builder.add(name, SearchSpace.named(name, () -> fromMap((Map<String, Object>) d)));
        });
        return builder.build();
    }

    private static Number number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("distribution field '" + key + "' must be a number, but got " + v);
        }
        return n;
    }
}

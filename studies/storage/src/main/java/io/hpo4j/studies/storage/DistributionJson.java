package io.hpo4j.studies.storage;

import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.Distributions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A parameter's distribution as {@code trial_params.distribution_json} stores it, and back. A
 * study stores the same few distributions with every trial, so both directions are remembered
 * (up to {@value #MAX_ENTRIES} of each; then forgotten and remembered anew). Thread-safe.
 */
final class DistributionJson {

    static final int MAX_ENTRIES = 256;

    private static final Map<Distribution, String> WRITTEN = new ConcurrentHashMap<>();
    private static final Map<String, Distribution> READ = new ConcurrentHashMap<>();

    private DistributionJson() {
    }

    static String write(Distribution distribution) {
        return remembered(WRITTEN, distribution, d -> Json.write(Distributions.toMap(d)));
    }

    static Distribution read(String json) {
        return remembered(READ, json, j -> Distributions.fromMap(Json.parseObject(j)));
    }

    private static <K, V> V remembered(Map<K, V> cache, K key, Function<K, V> compute) {
        V value = cache.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(key, value);
        }
        return value;
    }
}

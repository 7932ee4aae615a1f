package io.hpo4j.tuner.settings;

import java.util.Map;

/**
 * The one mapping between a settings record and its snake_case map (what study files give and
 * what trials record as their sampler's or pruner's description), in both directions. Each
 * settings record has one, as its {@code CODEC} constant.
 *
 * <pre>{@code
 * Map<String, Object> map = MedianSettings.CODEC.encode(settings);     // {n_startup_trials=5, ...}
 * MedianSettings back = MedianSettings.CODEC.decode("median pruner", map);
 * }</pre>
 *
 * @param <T> the settings record
 */
public interface SettingsCodec<T> {

    /** Every setting, by snake_case key, in a stable order. */
    Map<String, Object> encode(T settings);

    /** The settings that {@code in} holds, absent ones at their defaults; the caller rejects unread keys. */
    T decode(SettingsReader in);

    /**
     * The settings in {@code map}, rejecting keys the codec does not read.
     *
     * @param component the component as messages name it, e.g. {@code "median pruner"}
     * @throws IllegalArgumentException naming the component, the key and the bad value
     */
    default T decode(String component, Map<String, ?> map) {
        SettingsReader in = new SettingsReader(component, map);
        T settings = decode(in);
        in.rejectUnread();
        return settings;
    }
}

package io.hpo4j.tuner.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A declared search space: hyperparameter names mapped to their {@link Distribution}s, in
 * declaration order. Immutable and thread-safe.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder()
 *     .addInt("epochs", 3, 20)
 *     .addLogFloat("learning_rate", 1e-4, 1e-1)
 *     .addCategorical("optimizer", "sgd", "adam")
 *     .build();
 * }</pre>
 *
 * <p>Each {@code add} method validates the distribution and rejects a bad one with an
 * {@link IllegalArgumentException} whose message starts with the parameter's name, for example
 * {@code learning_rate: low must be > 0 for a log scale, but got low=0.0}.
 */
public final class SearchSpace {

    private static final SearchSpace EMPTY = new SearchSpace(Map.of());

    private final Map<String, Distribution> distributions;

    private SearchSpace(Map<String, Distribution> distributions) {
        this.distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    }

    /** The space with no parameters. */
    public static SearchSpace empty() {
        return EMPTY;
    }

    /** A space holding the given distributions, in the map's iteration order. */
    public static SearchSpace of(Map<String, ? extends Distribution> distributions) {
        Builder builder = builder();
        distributions.forEach(builder::add);
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Names mapped to distributions, in declaration order; unmodifiable. */
    public Map<String, Distribution> distributions() {
        return distributions;
    }

    public Set<String> names() {
        return distributions.keySet();
    }

    public Distribution get(String name) {
        return distributions.get(name);
    }

    public boolean contains(String name) {
        return distributions.containsKey(name);
    }

    public int size() {
        return distributions.size();
    }

    public boolean isEmpty() {
        return distributions.isEmpty();
    }

    /** Draws every parameter independently and uniformly. */
    public Map<String, Object> sample(RandomGenerator random) {
        Map<String, Object> params = new LinkedHashMap<>();
        distributions.forEach((name, d) -> params.put(name, d.sample(random)));
        return params;
    }

    /**
     * Checks and canonicalizes a full or partial parameter set (for example, one a user enqueues).
     *
     * @throws IllegalArgumentException naming the first parameter that is unknown or out of range
     */
    public Map<String, Object> canonical(Map<String, ?> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            Distribution d = distributions.get(name);
            if (d == null) {
                throw new IllegalArgumentException(name + ": not a parameter of this search space; expected one of " + names());
            }
            out.put(name, named(name, () -> d.canonical(value)));
        });
        return out;
    }

    /** Runs {@code action} and prefixes the message of any {@link IllegalArgumentException} with {@code name}. */
    public static <T> T named(String name, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace other && distributions.equals(other.distributions)
                && List.copyOf(distributions.keySet()).equals(List.copyOf(other.distributions.keySet()));
    }

    @Override
    public int hashCode() {
        return distributions.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SearchSpace{");
        distributions.forEach((n, d) -> sb.append(sb.length() > 12 ? ", " : "").append(n).append('=').append(d.describe()));
        return sb.append('}').toString();
    }

    /** Collects distributions by name; {@link #build()} returns an immutable space. */
    public static final class Builder {
        private final Map<String, Distribution> distributions = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(String name, Distribution distribution) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter name must not be blank, but got '" + name + "'");
            }
            if (distribution == null) {
                throw new IllegalArgumentException(name + ": distribution must not be null");
            }
            if (distributions.putIfAbsent(name, distribution) != null) {
                throw new IllegalArgumentException(name + ": declared twice in the search space");
            }
            return this;
        }

        public Builder addInt(String name, int low, int high) {
            return add(name, named(name, () -> IntDistribution.of(low, high)));
        }

        public Builder addInt(String name, int low, int high, int step) {
            return add(name, named(name, () -> IntDistribution.stepped(low, high, step)));
        }

        public Builder addLogInt(String name, int low, int high) {
            return add(name, named(name, () -> IntDistribution.logOf(low, high)));
        }

        public Builder addFloat(String name, double low, double high) {
            return add(name, named(name, () -> FloatDistribution.of(low, high)));
        }

        public Builder addFloat(String name, double low, double high, double step) {
            return add(name, named(name, () -> FloatDistribution.stepped(low, high, step)));
        }

        public Builder addLogFloat(String name, double low, double high) {
            return add(name, named(name, () -> FloatDistribution.logOf(low, high)));
        }

        public Builder addCategorical(String name, Object... choices) {
            return add(name, named(name, () -> CategoricalDistribution.of(choices)));
        }

        public Builder addCategorical(String name, List<?> choices) {
            return add(name, named(name, () -> new CategoricalDistribution(new java.util.ArrayList<>(choices))));
        }

        public SearchSpace build() {
            return new SearchSpace(distributions);
        }
    }
}

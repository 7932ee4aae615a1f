package io.hpo4j.tuner.space;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A hyperparameter that takes one of a list of choices: strings, numbers or booleans.
 *
 * <p>The list must be non-empty and free of duplicates. Whole numbers are kept as
 * {@link Integer} (or {@link Long} when they do not fit), other numbers as {@link Double}, so
 * that a choice read back from a file or a database equals the one declared. The internal
 * representation of a choice is its index.
 *
 * @param choices the values, in declaration order
 */
public record CategoricalDistribution(List<Object> choices) implements Distribution {

    public CategoricalDistribution {
        if (choices == null || choices.isEmpty()) {
            throw new IllegalArgumentException("choices must not be empty, but got " + choices);
        }
        List<Object> normalized = new ArrayList<>(choices.size());
        Set<Object> seen = new HashSet<>();
        for (Object choice : choices) {
            Object c = normalize(choice);
            if (!seen.add(c)) {
                throw new IllegalArgumentException("choices must be distinct, but " + c + " appears twice in " + choices);
            }
            normalized.add(c);
        }
        choices = List.copyOf(normalized);
    }

    /** The given choices, in order. */
    public static CategoricalDistribution of(Object... choices) {
        return new CategoricalDistribution(java.util.Arrays.asList(choices));
    }

    @Override
    public Object sample(RandomGenerator random) {
        return choices.get(random.nextInt(choices.size()));
    }

    @Override
    public boolean contains(Object value) {
        return indexOf(value) >= 0;
    }

    @Override
    public Object canonical(Object value) {
        int index = indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException("expected one of " + choices + ", but got " + value);
        }
        return choices.get(index);
    }

    /** The index of {@code value} among the choices, or -1. */
    public int indexOf(Object value) {
        if (value == null) {
            return -1;
        }
        Object v;
        try {
            v = normalize(value);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        return choices.indexOf(v);
    }

    @Override
    public double toInternal(Object value) {
        int index = indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException("expected one of " + choices + ", but got " + value);
        }
        return index;
    }

    @Override
    public Object fromInternal(double internal) {
        if (Double.isNaN(internal)) {
            throw new IllegalArgumentException("internal value must be a number, but got NaN");
        }
        long index = Math.round(Math.min(choices.size() - 1, Math.max(0, internal)));
        return choices.get((int) index);
    }

    @Override
    public boolean isSingle() {
        return choices.size() == 1;
    }

    @Override
    public String describe() {
        return "categorical" + choices;
    }

    private static Object normalize(Object choice) {
        if (choice instanceof String || choice instanceof Boolean) {
            return choice;
        }
        if (choice instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("choices must be finite numbers, strings or booleans, but got " + choice);
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                long l = (long) d;
                return l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
            }
            return d;
        }
        throw new IllegalArgumentException("choices must be strings, numbers or booleans, but got "
                + (choice == null ? "null" : choice + " (" + choice.getClass().getSimpleName() + ")"));
    }
}

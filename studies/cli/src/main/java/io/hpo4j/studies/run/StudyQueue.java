package io.hpo4j.studies.run;

import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.query.StudyLookup;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.Storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds trials with fixed parameters to a stored study (what {@code hpo enqueue} does): the next
 * run of the study evaluates them before any sampled trial, and the genetic sampler then breeds
 * from them (a warm start).
 *
 * <pre>{@code
 * try (Storage storage = JdbcStorage.open(url)) {
 *     Study study = StudyQueue.load(storage, "mnist-demo");
 *     Map<String, Object> params = StudyQueue.parseAssignments(study.searchSpace(),
 *             List.of("batch_size=64", "learning_rate=1e-3", "activation=relu"));
 *     FrozenTrial waiting = study.enqueue(params);    // WAITING, parameters typed: batch_size is Integer 64
 * }
 * }</pre>
 *
 * <p>Values are read as the type of the parameter's declared distribution: a whole number for an
 * int, any number for a float ({@code 1e-3} too), and for a categorical the choice whose text is
 * the value (or, for a number, the choice equal to it: {@code 64.0} is {@code 64}). Parameters
 * left out are sampled when the trial runs. Stateless and thread-safe.
 */
public final class StudyQueue {

    private StudyQueue() {
    }

    /**
     * The study {@code name} of {@code storage}, with its stored direction and search space.
     *
     * @throws IllegalArgumentException if there is no such study, or it has no declared search
     *                                  space to check parameters against
     */
    public static Study load(Storage storage, String name) {
        if (storage.findStudy(name).isEmpty()) {
            throw new IllegalArgumentException(StudyLookup.missing(storage, name));
        }
        Study study = Study.builder(name).storage(storage).load();
        if (study.searchSpace().isEmpty()) {
            throw new IllegalArgumentException("study '" + name + "' has no declared search space (it was defined by run), "
                    + "so the parameters of an enqueued trial cannot be checked; enqueue from Java with Study.enqueue");
        }
        return study;
    }

    /**
     * The study of {@code file} in {@code storage}, created with the file's direction and search
     * space if it does not exist yet, so that trials can be enqueued before its first run.
     *
     * @throws IllegalArgumentException if the study exists with another direction or search space
     */
    public static Study loadOrCreate(Storage storage, StudyFile file) {
        return Study.builder(file.name()).storage(storage).direction(file.direction()).searchSpace(file.searchSpace())
                .ifExists(IfExists.RESUME).build();
    }

    /**
     * Reads {@code name=value} assignments, each value as its parameter's type.
     *
     * @throws IllegalArgumentException naming the first assignment that is malformed, repeated,
     *                                  names an unknown parameter, or has a value outside its
     *                                  distribution; or if there is none
     */
    public static Map<String, Object> parseAssignments(SearchSpace space, List<String> assignments) {
        if (assignments == null || assignments.isEmpty()) {
            throw new IllegalArgumentException("expected at least one NAME=VALUE parameter (one of " + space.names() + "), but got none");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected NAME=VALUE, e.g. batch_size=64, but got '" + assignment + "'");
            }
            String name = assignment.substring(0, eq).trim();
            String text = assignment.substring(eq + 1).trim();
            if (params.containsKey(name)) {
                throw new IllegalArgumentException(name + ": given twice (" + params.get(name) + " and " + text + ")");
            }
            params.put(name, parseValue(space, name, text));
        }
        return params;
    }

    /**
     * Reads a JSON object of parameters; numbers and booleans are taken as they are, strings as
     * {@link #parseAssignments} reads values.
     *
     * @throws IllegalArgumentException if the text is not a JSON object, or as {@link #parseAssignments}
     */
    public static Map<String, Object> parseJson(SearchSpace space, String json) {
        Map<String, Object> object;
        try {
            object = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--params-json: not a JSON object of parameters: " + e.getMessage(), e);
        }
        if (object.isEmpty()) {
            throw new IllegalArgumentException("--params-json: expected at least one parameter (one of " + space.names() + "), but got {}");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        object.forEach((name, value) -> params.put(name, value instanceof String text
                ? parseValue(space, name, text)
                : SearchSpace.named(name, () -> distribution(space, name).canonical(value))));
        return params;
    }

    /**
     * One value, read as the type of {@code name}'s distribution in {@code space}.
     *
     * @throws IllegalArgumentException prefixed with {@code name}, if it is not a parameter of
     *                                  the space or the text is not one of its values
     */
    public static Object parseValue(SearchSpace space, String name, String text) {
        Distribution d = distribution(space, name);
        return SearchSpace.named(name, () -> {
            if (d instanceof IntDistribution i) {
                return i.canonical(wholeNumber(text, i));
            }
            if (d instanceof FloatDistribution f) {
                return f.canonical(number(text, f));
            }
            return choice(text, (CategoricalDistribution) d);
        });
    }

    /** Enqueues {@code params} (already typed) in study {@code name}; see {@link Study#enqueue}. */
    public static FrozenTrial enqueue(Storage storage, String name, Map<String, ?> params) {
        Study study = load(storage, name);
        return study.enqueue(study.searchSpace().canonical(params));
    }

    private static Distribution distribution(SearchSpace space, String name) {
        Distribution d = space.get(name);
        if (d == null) {
            throw new IllegalArgumentException(name + ": not a parameter of this study; expected one of " + space.names());
        }
        return d;
    }

    private static long wholeNumber(String text, IntDistribution d) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer in " + d.describe() + ", but got '" + text + "'");
        }
    }

    private static double number(String text, FloatDistribution d) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number in " + d.describe() + ", but got '" + text + "'");
        }
    }

    private static Object choice(String text, CategoricalDistribution d) {
        for (Object choice : d.choices()) {
            if (String.valueOf(choice).equals(text)) {
                return choice;
            }
        }
        try {
            double number = Double.parseDouble(text);
            if (d.contains(number)) {
                return d.canonical(number);
            }
        } catch (NumberFormatException notANumber) {
            // not a number either: reported below
        }
        throw new IllegalArgumentException("expected one of " + d.choices() + ", but got '" + text + "'");
    }
}

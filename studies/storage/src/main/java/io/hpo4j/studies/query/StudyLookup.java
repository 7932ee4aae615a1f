package io.hpo4j.studies.query;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;
import io.hpo4j.tuner.storage.StudySummary;

import java.util.stream.Collectors;

/**
 * Finds a study by name for a query or a command, with an error a person can act on: it names
 * the studies the storage does have.
 *
 * <pre>{@code
 * StudyRecord study = StudyLookup.require(storage, "mnist-demo");
 * }</pre>
 * Stateless.
 */
public final class StudyLookup {

    private StudyLookup() {
    }

    /**
     * The study named {@code name}.
     *
     * @throws IllegalArgumentException {@link #missing(Storage, String)} if there is none
     */
    public static StudyRecord require(Storage storage, String name) {
        return storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException(missing(storage, name)));
    }

    /** {@code no study named 'x'; studies in this storage: a, b}, or {@code ... (the storage has no studies yet)}. */
    public static String missing(Storage storage, String name) {
        String names = storage.studies().stream().map(StudySummary::study).map(StudyRecord::name)
                .collect(Collectors.joining(", "));
        return "no study named '" + name + "'" + (names.isEmpty() ? " (the storage has no studies yet)"
                : "; studies in this storage: " + names);
    }
}

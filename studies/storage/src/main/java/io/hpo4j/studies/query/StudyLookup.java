package io.hpo4j.studies.query;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;
import io.hpo4j.tuner.storage.StudySummary;

import java.util.stream.Collectors;

/** Look-ups shared by the queries, with errors a person can act on. */
final class Queries {

    private Queries() {
    }

    static StudyRecord study(Storage storage, String name) {
        return storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException("no study named '" + name + "'"
                + known(storage)));
    }

    private static String known(Storage storage) {
        String names = storage.studies().stream().map(StudySummary::study).map(s -> s.name()).collect(Collectors.joining(", "));
        return names.isEmpty() ? " (the storage has no studies yet)" : "; studies in this storage: " + names;
    }
}

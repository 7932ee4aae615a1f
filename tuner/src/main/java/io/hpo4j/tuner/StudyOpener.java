package io.hpo4j.tuner;

import io.hpo4j.tuner.space.Distributions;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.Map;
import java.util.Optional;

/**
 * Creates a study in its storage or loads it (Optuna's {@code create_study} and
 * {@code load_study}): checks that a loaded study has the direction and declared search space the
 * caller expects, and stores the declared space of a new one. What happens when the study exists
 * is the caller's explicit choice ({@link IfExists}). Stateless.
 */
final class StudyOpener {

    /** A study as found or created: its record and its declared search space (maybe empty). */
    record Opened(StudyRecord record, SearchSpace searchSpace) {
    }

    private StudyOpener() {
    }

    /**
     * Creates study {@code name}, or, if it exists and {@code ifExists} is RESUME, loads it.
     *
     * @throws IllegalArgumentException if it exists and {@code ifExists} is FAIL, or exists with
     *                                  another direction or search space
     */
    static Opened create(Storage storage, String name, Direction direction, SearchSpace space, IfExists ifExists) {
        Optional<StudyRecord> existing = storage.findStudy(name);
        if (existing.isEmpty()) {
            try {
                StudyRecord record = storage.createStudy(name, direction);
                storeSpace(storage, record, space);
                return new Opened(record, space);
            } catch (IllegalArgumentException raced) {
                // Another worker created it between the two calls: as if it had been there.
                existing = storage.findStudy(name);
                if (existing.isEmpty()) {
                    throw raced;
                }
            }
        }
        if (ifExists == IfExists.FAIL) {
            throw new IllegalArgumentException("study '" + name + "' already exists in this storage; "
                    + "resume it with .ifExists(IfExists.RESUME), load it with .load(), or choose another name");
        }
        return load(storage, existing.get(), direction, space);
    }

    /**
     * Loads the existing study {@code name}; a null direction or an empty space takes the stored one.
     *
     * @throws IllegalArgumentException if there is no such study, or it has another direction or
     *                                  search space
     */
    static Opened load(Storage storage, String name, Direction direction, SearchSpace space) {
        StudyRecord record = storage.findStudy(name).orElseThrow(() -> new IllegalArgumentException(
                "no study named '" + name + "' in this storage; create it with Study.builder(\"" + name + "\").build()"));
        return load(storage, record, direction, space);
    }

    private static Opened load(Storage storage, StudyRecord record, Direction direction, SearchSpace space) {
        String name = record.name();
        if (direction != null && record.direction() != direction) {
            throw new IllegalArgumentException("study '" + name + "' was created to " + record.direction().name().toLowerCase()
                    + ", but this run asks to " + direction.name().toLowerCase());
        }
        Object stored = storage.studyAttrs(record.id()).get(Study.SEARCH_SPACE_ATTR);
        if (stored != null && !(stored instanceof Map)) {
            throw new IllegalArgumentException("study '" + name + "': the stored search space must be a map of"
                    + " distributions, but got " + stored);
        }
        @SuppressWarnings("unchecked")
        SearchSpace storedSpace = stored == null ? SearchSpace.empty() : Distributions.spaceFromMap((Map<String, ?>) stored);
        if (space.isEmpty()) {
            return new Opened(record, storedSpace);
        }
        if (stored != null && !storedSpace.equals(space)) {
            throw new IllegalArgumentException("study '" + name + "' was created with the search space "
                    + storedSpace + ", but this run declares " + space
                    + "; use a new study name to search another space");
        }
        storeSpace(storage, record, space);
        return new Opened(record, space);
    }

    private static void storeSpace(Storage storage, StudyRecord record, SearchSpace space) {
        if (!space.isEmpty()) {
            storage.setStudyAttr(record.id(), Study.SEARCH_SPACE_ATTR, Distributions.toMap(space));
        }
    }
}

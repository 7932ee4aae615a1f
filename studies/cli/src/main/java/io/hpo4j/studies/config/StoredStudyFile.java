package io.hpo4j.studies.config;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The study file a study was run from, kept with the study (study attribute {@value #ATTR}: its
 * text and the directory its relative paths are resolved against), so that commands run after
 * the search ({@code hpo retrain}, {@code hpo evaluate}) know the study's data without being
 * given the file again.
 */
public final class StoredStudyFile {

    /** The study attribute holding {@code {"path": ..., "text": ...}}. */
    public static final String ATTR = "study_file";

    private StoredStudyFile() {
    }

    /** Stores the text of {@code file}'s source with the study; does nothing for a file built in code. */
    public static void remember(Storage storage, long studyId, StudyFile file) {
        if (file.source() == null) {
            return;
        }
        try {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("path", file.source().toAbsolutePath().normalize().toString());
            value.put("text", Files.readString(file.source(), StandardCharsets.UTF_8));
            storage.setStudyAttr(studyId, ATTR, value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the study file " + file.source() + " again: " + e.getMessage(), e);
        }
    }

    /**
     * The study file the study was last run from, parsed again.
     *
     * @throws IllegalArgumentException if the study has none (it was run from Java code), naming the study
     * @throws StudyFileException       if it no longer parses (a data file moved, say)
     */
    public static StudyFile recall(Storage storage, StudyRecord study, Function<ComponentSpec, ?> samplerCheck,
                                   Function<ComponentSpec, ?> prunerCheck) {
        Object value = storage.studyAttrs(study.id()).get(ATTR);
        if (!(value instanceof Map<?, ?> map) || !(map.get("text") instanceof String text)) {
            throw new IllegalArgumentException("study '" + study.name() + "' was not run from a study file (hpo run), so its "
                    + "data are unknown here; use the Java API (StudyModels) with its DataSpec");
        }
        Path path = Path.of(String.valueOf(map.get("path")));
        return new StudyFileParser(samplerCheck, prunerCheck).parse(new StringReader(text), path.toString(), path,
                path.getParent());
    }
}

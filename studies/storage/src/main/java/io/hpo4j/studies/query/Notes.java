package io.hpo4j.studies.query;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A person's notes on a study and on its trials ("lr too high for sgd", "rerun with more data"),
 * as {@code hpo note} writes them and {@code hpo trial}, {@code hpo leaderboard} and the dashboard
 * show them. They are study attributes ({@value #STUDY_KEY} and {@value #TRIAL_KEY_PREFIX}{@code N}),
 * so a finished trial, read-only in storage, can still get a note, and a note never changes what a
 * sampler sees.
 *
 * <pre>{@code
 * Notes.write(storage, "mnist-demo", 7, "best so far; check with the test split");
 * Notes.read(storage, "mnist-demo").trial(7).ifPresent(System.out::println);
 * }</pre>
 *
 * @param study  the study's note, empty if none
 * @param trials the trials' notes, by trial number
 */
public record Notes(String study, Map<Integer, String> trials) {

    /** The study attribute that holds the study's note. */
    public static final String STUDY_KEY = "note";
    /** The prefix of the study attributes that hold trial notes, followed by the trial number. */
    public static final String TRIAL_KEY_PREFIX = "trial_note.";

    public Notes {
        study = study == null ? "" : study;
        trials = Collections.unmodifiableMap(new TreeMap<>(trials));
    }

    /** The note of trial {@code number}, or empty. */
    public java.util.Optional<String> trial(int number) {
        return java.util.Optional.ofNullable(trials.get(number));
    }

    /** The notes of a study, from its attributes. */
    public static Notes of(Map<String, Object> studyAttrs) {
        Object s = studyAttrs.get(STUDY_KEY);
        Map<Integer, String> trials = new TreeMap<>();
        studyAttrs.forEach((k, v) -> {
            if (k.startsWith(TRIAL_KEY_PREFIX) && v != null && !String.valueOf(v).isEmpty()) {
                try {
                    trials.put(Integer.parseInt(k.substring(TRIAL_KEY_PREFIX.length())), String.valueOf(v));
                } catch (NumberFormatException ignored) {
                    // an attribute someone else named like ours: not a trial note
                }
            }
        });
        return new Notes(s == null ? "" : String.valueOf(s), trials);
    }

    /**
     * The notes of the named study.
     *
     * @throws IllegalArgumentException if there is no such study
     */
    public static Notes read(Storage storage, String studyName) {
        return of(storage.studyAttrs(StudyLookup.require(storage, studyName).id()));
    }

    /**
     * Sets the note of the named study, or of its trial {@code trialNumber} if not null; an empty
     * text removes the note.
     *
     * @throws IllegalArgumentException if there is no such study or trial
     */
    public static void write(Storage storage, String studyName, Integer trialNumber, String text) {
        StudyRecord study = StudyLookup.require(storage, studyName);
        String key = STUDY_KEY;
        if (trialNumber != null) {
            if (storage.trial(study.id(), trialNumber).isEmpty()) {
                throw new IllegalArgumentException("study '" + studyName + "' has no trial " + trialNumber);
            }
            key = TRIAL_KEY_PREFIX + trialNumber;
        }
        storage.setStudyAttr(study.id(), key, text == null ? "" : text.strip());
    }
}

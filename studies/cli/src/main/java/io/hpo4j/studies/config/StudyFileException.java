package io.hpo4j.studies.config;

/**
 * A study file is invalid: unreadable, not YAML, an unknown key, a wrong type or an invalid
 * value. The message names the file, the line and the key.
 */
public class StudyFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public StudyFileException(String message) {
        super(message);
    }

    public StudyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.hpo4j.studies.run;

/**
 * The data a study file names cannot be loaded: missing, unreadable, or not in the expected
 * format. Invalid input (exit code 2), raised before any trial starts; the message names the file
 * and the cause.
 */
public final class DataFileException extends IllegalArgumentException {

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}

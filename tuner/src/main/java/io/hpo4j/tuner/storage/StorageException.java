package io.hpo4j.tuner.storage;

/**
 * A storage operation failed for a reason outside the caller's control (the database is
 * unreachable, a constraint was violated by a concurrent writer that could not be retried...).
 * The message names the study or trial and the operation.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}

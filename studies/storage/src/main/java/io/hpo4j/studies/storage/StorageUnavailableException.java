package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.StorageException;

/**
 * The database did not answer for the whole {@link RetryPolicy#window() retry window}: the server
 * is down or unreachable, or the H2 file could not be reopened. Nothing committed before is lost;
 * the operation named in the message was not done.
 */
public final class StorageUnavailableException extends StorageException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

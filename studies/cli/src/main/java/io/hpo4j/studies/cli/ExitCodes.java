package io.hpo4j.studies.cli;

/**
 * What {@code hpo} returns, for scripts:
 * <ul>
 *   <li>{@code 0} — success;</li>
 *   <li>{@code 1} — the command failed for a reason outside the input (storage error, I/O error, a bug);</li>
 *   <li>{@code 2} — invalid input: bad options, an invalid study file or data file, an unknown study or trial,
 *       a storage that does not exist for a command that reads;</li>
 *   <li>{@code 3} — the storage did not answer for the whole retry window (60 s): the database server is down
 *       or unreachable; what was committed is kept, and the same command resumes once it is back;</li>
 *   <li>{@code 130} — interrupted (Ctrl-C), {@code 143} — stopped (SIGTERM): running trials are marked FAIL
 *       ("interrupted"), finished trials and epochs are kept and the study can be resumed.</li>
 * </ul>
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int INVALID_INPUT = 2;
    public static final int STORAGE_UNAVAILABLE = 3;
    public static final int INTERRUPTED = 130;
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}

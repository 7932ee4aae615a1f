package io.hpo4j.studies.cli;

/**
 * What {@code hpo} returns, for scripts:
 * <ul>
 *   <li>{@code 0} — success;</li>
 *   <li>{@code 1} — the command failed for a reason outside the input (storage unreachable, I/O error, a bug);</li>
 *   <li>{@code 2} — invalid input: bad options, an invalid study file, an unknown study or trial;</li>
 *   <li>{@code 130} — interrupted (Ctrl-C); finished trials and epochs are kept and the study can be resumed.</li>
 * </ul>
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}

package io.hpo4j.studies.run;

/** How much {@code hpo run} prints while trials run. */
public enum Verbosity {
    /** The study's header and the final leaderboard only. */
    QUIET,
    /** A line when a trial starts and when it finishes, and the status of the run. */
    NORMAL,
    /** Also a line per epoch of every trial. */
    VERBOSE
}

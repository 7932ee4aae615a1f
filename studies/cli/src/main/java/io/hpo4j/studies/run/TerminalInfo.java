package io.hpo4j.studies.run;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;

/**
 * What the output is written to: how many columns fit on a line, and whether it is an interactive
 * terminal (where a status block can be redrawn in place) or a pipe, a file or a CI log (where
 * output is only appended).
 *
 * @param columns     characters per line; every line written is at most this long
 * @param interactive true for a terminal that understands cursor movement
 */
public record TerminalInfo(int columns, boolean interactive) {

    /** The width every default output fits when nothing else is known. */
    public static final int DEFAULT_COLUMNS = 80;
    /** The narrowest width output is laid out for. */
    public static final int MIN_COLUMNS = 40;

    public TerminalInfo {
        if (columns < MIN_COLUMNS) {
            throw new IllegalArgumentException("--columns must be >= " + MIN_COLUMNS + ", but got " + columns);
        }
    }

    /** Append-only output {@code columns} wide (pipes, files, CI logs, tests). */
    public static TerminalInfo plain(int columns) {
        return new TerminalInfo(columns, false);
    }

    /**
     * The standard output's terminal, as JLine sees it: its width (at least {@link #MIN_COLUMNS}) if
     * it is a terminal, else {@value #DEFAULT_COLUMNS} columns, append-only. {@code TERM=dumb} counts
     * as not interactive.
     */
    public static TerminalInfo detect() {
        if (System.console() == null) {
            return plain(DEFAULT_COLUMNS);
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).jna(false).jansi(false).build()) {
            boolean dumb = Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            int width = terminal.getWidth();
            return new TerminalInfo(width >= MIN_COLUMNS ? width : DEFAULT_COLUMNS, !dumb);
        } catch (IOException | RuntimeException e) {
            return plain(DEFAULT_COLUMNS);
        }
    }
}

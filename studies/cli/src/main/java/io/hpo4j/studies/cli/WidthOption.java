package io.hpo4j.studies.cli;

import io.hpo4j.studies.run.TerminalInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --wide} and {@code --columns} options of the commands that print for a person (a
 * picocli mixin). By default output fits the terminal's width, or 80 columns when the output is
 * not a terminal.
 */
final class WidthOption {

    /** The line length {@code --wide} allows: long lines are kept whole. */
    static final int WIDE = 1000;

    @Option(names = "--wide", description = "Keep long lines whole instead of fitting them to the terminal "
            + "(hpo run then only appends lines, without the status block).")
    boolean wide;
    @Option(names = "--columns", paramLabel = "N", description = "Fit output to N columns "
            + "(default: the terminal's width; 80 when the output is not a terminal).")
    Integer columns;
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The terminal to print for, after the options. */
    TerminalInfo terminal() {
        if (columns != null && columns < TerminalInfo.MIN_COLUMNS) {
            throw new IllegalArgumentException("--columns must be >= " + TerminalInfo.MIN_COLUMNS + ", but got " + columns);
        }
        TerminalInfo detected = ((Hpo) mixee.root().userObject()).terminal();
        if (wide) {
            return TerminalInfo.plain(WIDE);
        }
        return columns != null ? new TerminalInfo(columns, detected.interactive()) : detected;
    }
}

package io.hpo4j.studies.cli;

import io.hpo4j.studies.run.TerminalInfo;
import io.hpo4j.studies.run.Interrupts;
import io.hpo4j.studies.storage.StorageUnavailableException;
import io.hpo4j.tuner.storage.StorageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code hpo} command line: one picocli class per subcommand, each thin; the work is done by
 * the study manager ({@code io.hpo4j.studies.run}) and the queries ({@code io.hpo4j.studies.query}).
 *
 * <p>Help goes to standard output, errors to standard error, as one line without a stack trace
 * for mistakes in the input ({@code --debug} prints it). Exit codes: see {@link ExitCodes}.
 */
@Command(name = "hpo", mixinStandardHelpOptions = true, versionProvider = Hpo.Version.class,
        description = "Hyperparameter optimization for Deeplearning4j: run studies, list them, query their trials.",
        subcommands = {RunCommand.class, EnqueueCommand.class, ServerCommand.class, StudiesCommand.class, LeaderboardCommand.class, TrialCommand.class,
                CurvesCommand.class, ReportCommand.class, ExportCommand.class, SqlCommand.class,
                ModelCommand.class, RetrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                DashboardCommand.class, NoteCommand.class, DeleteStudyCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure (storage, I/O), 2 invalid input (options, study or data file),",
                "3 storage unreachable for the retry window, 130 interrupted (Ctrl-C), 143 stopped (SIGTERM)."})
public final class Hpo implements Runnable {

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The terminal standard output goes to; detected once, on first use. */
    private java.util.function.Supplier<TerminalInfo> terminal = TerminalInfo::detect;
    private TerminalInfo detected;

    /** The terminal standard output goes to (the one given to {@link #execute(String[], PrintWriter, PrintWriter, TerminalInfo)}, or detected). */
    TerminalInfo terminal() {
        if (detected == null) {
            detected = terminal.get();
        }
        return detected;
    }

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts are drawn off screen, also on a desktop
        }
        CommandLine cli = commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(cli.execute(args));
    }

    /**
     * Runs the command line with the given streams and returns the exit code (for tests and
     * embedding); output is laid out for an 80-column log, not a terminal.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, TerminalInfo.plain(TerminalInfo.DEFAULT_COLUMNS));
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, laying output out for {@code terminal}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, TerminalInfo terminal) {
        CommandLine cli = commandLine(out, err);
        ((Hpo) cli.getCommand()).terminal = () -> terminal;
        return cli.execute(args);
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Hpo());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(Hpo::exitCode);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (Interrupts.inProgress()) {
                // Ctrl-C or SIGTERM: the signal handler marks the trials and exits; what failed meanwhile is its echo.
                return Interrupts.exitCode();
            }
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || (parseResult.subcommand() != null && parseResult.subcommand().hasMatchedOption("--debug"));
            PrintWriter w = commandLine.getErr();
            w.println(prefix(commandLine) + message(e));
            if (debug) {
                e.printStackTrace(w);
            } else if (isBug(e)) {
                w.println(prefix(commandLine) + "this looks like a bug in hpo4j;"
                        + " run the command again with --debug for the stack trace, and report it");
            }
            w.flush();
            return exitCode(e);
        });
        cli.setParameterExceptionHandler((e, args) -> {
            CommandLine where = e.getCommandLine();
            PrintWriter w = where.getErr();
            w.println(prefix(where) + parameterMessage(e));
            w.println("Try '" + where.getCommandSpec().qualifiedName(" ") + " --help' for usage.");
            w.flush();
            return ExitCodes.INVALID_INPUT;
        });
        return cli;
    }

    /** {@code hpo: } for the root command, {@code hpo run: } for a subcommand, {@code hpo model export: } for a nested one. */
    private static String prefix(CommandLine where) {
        return where.getCommandSpec().qualifiedName(" ") + ": ";
    }

    /** Picocli's message, in the CLI's words, with "did you mean" for a mistyped command or option. */
    private static String parameterMessage(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return e.getMessage();
        }
        CommandLine where = e.getCommandLine();
        String typed = u.getUnmatched().get(0);
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            java.util.List<String> options = where.getCommandSpec().options().stream()
                    .flatMap(o -> java.util.Arrays.stream(o.names())).toList();
            boolean shortOption = name.length() == 2 && name.charAt(1) != '-';   // -x: any other letter is as close
            return "unknown option '" + name + "'" + (shortOption ? java.util.Optional.<String>empty() : Suggestions.closest(name, options))
                    .map(s -> "; did you mean '" + s + "'?").orElse("");
        }
        if (!where.getSubcommands().isEmpty()) {   // hpo, or a command of commands such as hpo model
            String command = where.getCommandSpec().qualifiedName(" ");
            return "unknown command '" + typed + "'" + Suggestions.closest(typed, where.getSubcommands().keySet())
                    .map(s -> "; did you mean '" + command + " " + s + "'?").orElse("; the commands are " + String.join(", ",
                            where.getSubcommands().keySet()));
        }
        return "unexpected argument" + (u.getUnmatched().size() > 1 ? "s " : " ") + "'" + String.join(" ", u.getUnmatched())
                + "'";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int exitCode(Throwable e) {
        if (e instanceof StorageUnavailableException) {
            return ExitCodes.STORAGE_UNAVAILABLE;
        }
        if (e instanceof StorageException) {
            return ExitCodes.FAILURE;
        }
        if (e instanceof IllegalArgumentException) {
            return ExitCodes.INVALID_INPUT;
        }
        return ExitCodes.FAILURE;
    }

    private static String message(Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof StorageException || e instanceof UncheckedIOException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Whether {@code e} is a defect of hpo4j rather than something the user or the environment
     * caused (bad input, storage, I/O, memory): only then does the one line suggest --debug.
     */
    private static boolean isBug(Throwable e) {
        return !(e instanceof IllegalArgumentException || e instanceof StorageException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof OutOfMemoryError);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Hpo.class.getPackage().getImplementationVersion();
            return new String[]{"hpo4j " + (v == null ? "dev" : v) + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}

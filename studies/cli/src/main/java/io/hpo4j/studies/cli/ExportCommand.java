package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.query.TrialColumn;
import io.hpo4j.studies.storage.JdbcStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code hpo export}: every trial of a study with its parameters, value and curve analysis, as CSV or JSON. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export every trial of a study, one row each, in the columns of the view trial_overview: number, "
                + "state, objective value, duration and times, each parameter as a column, epochs run, what the trial "
                + "recorded (objective metric, best epoch, stop reason and epoch, seed), the analysis of its learning "
                + "curve (generalization gaps, overfitting onset, verdict and its reason), then the fail reason.",
                "JSON is an array of objects with the same keys as the CSV columns; numbers stay numbers."})
final class ExportCommand implements Callable<Integer> {

    /** The columns before the parameters and after them; a parameter with one of these names gets a {@code param_} prefix. */
    static final List<TrialColumn> LEADING = Arrays.stream(TrialColumn.values())
            .filter(TrialColumn.BEFORE_PARAMETERS::contains).toList();
    static final List<TrialColumn> TRAILING = Arrays.stream(TrialColumn.values())
            .filter(c -> !TrialColumn.BEFORE_PARAMETERS.contains(c)).toList();

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", converter = ExportFormatConverter.class,
            description = "csv or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;
    @Mixin
    StorageOption storage;
    @Mixin
    ThresholdOptions thresholds;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String text;
        int rows;
        try (JdbcStorage s = storage.open()) {
            List<LeaderboardRow> trials = new Leaderboard(s, TrialAnalyses.of(s, s.analyses(), thresholds.thresholds()),
                    Clock.systemUTC()).allByNumber(study);
            Table table = table(trials);
            rows = table.size();
            text = table.render(format);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (out == null) {
            w.print(text);
        } else {
            try {
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(out, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + out + ": " + e.getMessage(), e);
            }
            w.println("wrote " + rows + " trials to " + out);
        }
        w.flush();
        return ExitCodes.OK;
    }

    /** One row per trial: the trial row's columns ({@link TrialColumn}, the names of the view trial_overview), its parameters after {@code completed_at}. */
    static Table table(List<LeaderboardRow> trials) {
        Set<String> params = new LinkedHashSet<>();
        trials.forEach(t -> params.addAll(t.params().keySet()));
        Set<String> names = new java.util.HashSet<>(TrialColumn.names());
        List<String> columns = new ArrayList<>();
        LEADING.forEach(c -> columns.add(c.column()));
        params.forEach(p -> columns.add(names.contains(p) ? "param_" + p : p));
        TRAILING.forEach(c -> columns.add(c.column()));
        Table table = new Table(columns);
        for (LeaderboardRow t : trials) {
            List<Object> row = new ArrayList<>();
            LEADING.forEach(c -> row.add(c.of(t)));
            params.forEach(p -> row.add(t.params().get(p)));
            TRAILING.forEach(c -> row.add(c.of(t)));
            table.add(row);
        }
        return table;
    }

    static final class ExportFormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            if (value.equalsIgnoreCase("csv")) {
                return OutputFormat.CSV;
            }
            if (value.equalsIgnoreCase("json")) {
                return OutputFormat.JSON;
            }
            throw new picocli.CommandLine.TypeConversionException("expected csv or json, but got '" + value + "'");
        }
    }
}

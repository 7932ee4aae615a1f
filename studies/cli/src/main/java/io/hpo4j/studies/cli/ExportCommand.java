package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.TrialAnalyses;
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
        description = {"Export every trial of a study, one row each: number, state, value, duration, each parameter "
                + "as a column, epochs run, and the analysis of its learning curve (best epoch, generalization gaps, "
                + "overfitting onset, verdict and its reason), then the fail reason.",
                "JSON is an array of objects with the same keys as the CSV columns; numbers stay numbers."})
final class ExportCommand implements Callable<Integer> {

    /** The columns before the parameters and after them; a parameter with one of these names gets a {@code param_} prefix. */
    static final List<String> LEADING = List.of("number", "state", "value", "duration_seconds", "started_at", "completed_at");
    static final List<String> TRAILING = List.of("epochs_run", "objective_metric", "best_epoch", "stop_reason",
            "stop_epoch", "gap_accuracy_best", "gap_accuracy_last", "gap_loss_best", "gap_loss_last",
            "overfit_onset_epoch", "verdict", "verdict_reason", "fail_reason");

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

    /** One row per trial, in the columns described above (the same names as the view trial_overview). */
    static Table table(List<LeaderboardRow> trials) {
        Set<String> params = new LinkedHashSet<>();
        trials.forEach(t -> params.addAll(t.params().keySet()));
        List<String> columns = new ArrayList<>(LEADING);
        params.forEach(p -> columns.add(LEADING.contains(p) || TRAILING.contains(p) ? "param_" + p : p));
        columns.addAll(TRAILING);
        Table table = new Table(columns);
        for (LeaderboardRow t : trials) {
            CurveAnalysis a = t.analysis();
            List<Object> row = new ArrayList<>(Arrays.asList(t.number(), t.state().name(), t.value(),
                    t.complete() == null || t.duration() == null ? null : t.duration().toMillis() / 1000.0,
                    t.start() == null ? null : t.start().toString(), t.complete() == null ? null : t.complete().toString()));
            params.forEach(p -> row.add(t.params().get(p)));
            row.add(t.epochsRun());
            row.add(t.objective() == null ? null : t.objective().name());
            row.add(t.bestEpoch());
            row.add(t.stopReason() == null ? null : t.stopReason().kind());
            row.add(t.stopReason() == null ? null : t.stopReason().epoch());
            if (a == null) {
                row.addAll(Arrays.asList(null, null, null, null, null, null, null));
            } else {
                row.addAll(Arrays.asList(a.gapAccuracyBest(), a.gapAccuracyLast(), a.gapLossBest(), a.gapLossLast(),
                        a.overfitOnsetEpoch(), a.verdict().name(), a.reason()));
            }
            row.add(t.note().isEmpty() ? null : t.note());
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

package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.query.TrialReport;
import io.hpo4j.studies.run.TextFit;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.studies.storage.HeartbeatPolicy;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hpo trial}: one trial's parameters, outcome and per-epoch curve. */
@Command(name = "trial", mixinStandardHelpOptions = true,
        description = "Show a trial's parameters, outcome and per-epoch curve "
                + "(train loss, train accuracy, validation loss, validation accuracy, seconds).")
final class TrialCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Parameters(index = "1", paramLabel = "NUMBER", description = "The trial's number (from 0).")
    int number;
    @Mixin
    StorageOption storage;
    @Mixin
    FormatOption format;
    @Mixin
    WidthOption width;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Storage s = storage.open()) {
            TrialReport report = TrialReport.read(s, study, number);
            FrozenTrial t = report.trial();
            Table curve = new Table(List.of("epoch", "train_loss", "train_accuracy", "validation_loss",
                    "validation_accuracy", "seconds")).decimals("seconds", 2);
            for (EpochMetrics e : report.curve()) {
                curve.add(Arrays.asList(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                        e.validationAccuracy(), e.seconds()));
            }
            PrintWriter out = spec.commandLine().getOut();
            switch (format.format) {
                case JSON -> {
                    Map<String, Object> obj = new LinkedHashMap<>();
                    obj.put("study", study);
                    obj.put("number", t.number());
                    obj.put("state", t.state().name());
                    obj.put("value", t.value());
                    obj.put("params", t.params());
                    obj.put("fail_reason", t.failReason());
                    obj.put("started_at", t.start() == null ? null : t.start().toString());
                    obj.put("completed_at", t.complete() == null ? null : t.complete().toString());
                    obj.put("user_attrs", t.userAttrs());
                    obj.put("curve", Json.parse(curve.render(OutputFormat.JSON)));
                    out.println(Json.writeStrict(obj));
                }
                case CSV -> out.print(curve.render(OutputFormat.CSV));
                default -> {
                    out.printf("study %s, trial %d: %s", study, t.number(), t.state());
                    if (t.value() != null) {
                        out.printf(", value %s", Table.format(t.value()));
                    }
                    t.duration().ifPresent(d -> out.printf(", %.1f s", d.toMillis() / 1000.0));
                    out.println();
                    int columns = width.terminal().columns();
                    if (t.state() == TrialState.PRUNED) {
                        out.println("pruned at epoch " + t.lastStep().orElse(report.curve().size()));
                    }
                    if (t.failReason() != null && !t.failReason().isEmpty()) {
                        wrapped(out, "reason:", t.failReason(), columns);
                    }
                    if (t.record().stopReason() != null && !t.record().stopReason().describe().equals(t.failReason())) {
                        wrapped(out, "stopped:", t.record().stopReason().describe(), columns);
                    }
                    Object retryOf = t.systemAttrs().get(HeartbeatPolicy.RETRY_OF);
                    if (retryOf != null) {
                        wrapped(out, "retries:", "trial " + retryOf + ", lost with its worker (retry "
                                + t.systemAttrs().get(HeartbeatPolicy.RETRY_COUNT) + ")", columns);
                    }
                    Notes.read(s, study).trial(number).ifPresent(n -> wrapped(out, "note:", n, columns));
                    if (!report.curve().isEmpty()) {
                        CurveAnalysis fit = new CurveAnalyzer(OverfitThresholds.defaults()).analyze(report.curve(),
                                TrialAnalyses.monitor(t));
                        wrapped(out, t.state() == TrialState.RUNNING ? "fit so far (provisional):" : "fit:",
                                fit.verdict() + " (" + fit.reason() + ")", columns);
                    }
                    out.println();
                    out.println("parameters:");
                    t.params().forEach((k, v) -> out.printf("  %-14s %s%n", k, Table.format(v)));
                    out.println();
                    if (report.curve().isEmpty()) {
                        out.println("no epochs recorded");
                    } else {
                        out.print(curve.render(OutputFormat.TABLE, columns));
                    }
                }
            }
            out.flush();
        }
        return ExitCodes.OK;
    }

    private static void wrapped(PrintWriter out, String label, String text, int columns) {
        TextFit.wrap(label, List.of(text.split(" ")), columns, 2).forEach(out::println);
    }
}

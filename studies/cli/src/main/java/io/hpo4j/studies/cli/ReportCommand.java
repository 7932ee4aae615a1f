package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.report.HtmlReport;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code hpo report}: a study as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a study as one self-contained HTML file that opens offline: summary, optimization "
                + "history, leaderboard, learning curves of the top trials, each parameter against the value, parallel "
                + "coordinates, parameter importance and the fit diagnostics of every trial. The data of every trial is "
                + "embedded as JSON (<script id=\"" + HtmlReport.DATA_ID + "\">).",
                "Prints the path written."})
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "The HTML file (default: <study>-report.html in the current directory).")
    Path out;
    @Option(names = "--top", paramLabel = "K", defaultValue = "15",
            description = "Leaderboard rows (default: ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--top-curves", paramLabel = "N", defaultValue = "" + HtmlReport.DEFAULT_TOP_CURVES,
            description = "Learning curves of the N best trials (default: ${DEFAULT-VALUE}).")
    int topCurves;
    @Mixin
    StorageOption storage;
    @Mixin
    ThresholdOptions thresholds;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (topCurves < 1) {
            throw new IllegalArgumentException("--top-curves must be >= 1, but got " + topCurves);
        }
        Path file = out != null ? out : Path.of(study.replaceAll("[^A-Za-z0-9._-]", "_") + "-report.html");
        try (JdbcStorage s = storage.open()) {
            TrialAnalyses analyses = TrialAnalyses.of(s, s.analyses(), thresholds.thresholds());
            StudySnapshot snapshot = StudySnapshot.read(s, study, analyses);
            new HtmlReport(Clock.systemUTC(), topCurves).write(snapshot,
                    new Leaderboard(s, analyses, Clock.systemUTC()).rows(study, top), analyses.thresholds(),
                    io.hpo4j.studies.query.ModelScores.read(s, study), file);
        }
        spec.commandLine().getOut().println(file);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}

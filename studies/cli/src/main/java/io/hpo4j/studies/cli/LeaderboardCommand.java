package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.query.ModelScores;
import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code hpo leaderboard}: the best trials of a study. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = {"Show the best trials of a study: completed and running trials by value (a running trial's "
                + "value is its best so far, its verdict provisional: \"(so far)\"), then pruned ones (apart: "
                + "their value is the last one they reported; verdict \"PRUNED@epoch\"), then failed ones.",
                "gap: training minus validation accuracy at the best epoch; verdict: what the learning curve says "
                        + "(GOOD_FIT, OVERFIT, UNDERFIT, DIVERGED, INCONCLUSIVE; hpo export shows the reason).",
                "test, retrained_test (when the study has test data): the test accuracy of the trial's kept best-epoch "
                        + "model and of its retrained model; the last line says how much selection inflated the best value."})
final class LeaderboardCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "How many trials (default: ${DEFAULT-VALUE}).")
    int top;
    @Mixin
    StorageOption storage;
    @Mixin
    FormatOption format;
    @Mixin
    ThresholdOptions thresholds;
    @Mixin
    WidthOption width;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (JdbcStorage s = storage.open()) {
            spec.commandLine().getOut().print(render(s, study, top, format.format, thresholds.thresholds(),
                    width.terminal().columns()));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The leaderboard of {@code study} in {@code format}, with verdicts by the default thresholds, fitted to {@code columns}. */
    static String render(JdbcStorage s, String study, int top, OutputFormat format, int columns) {
        return render(s, study, top, format, OverfitThresholds.defaults(), columns);
    }

    /** The leaderboard of {@code study} in {@code format}; a text table fits {@code width} columns. */
    static String render(JdbcStorage s, String study, int top, OutputFormat format, OverfitThresholds thresholds, int width) {
        List<LeaderboardRow> rows = new Leaderboard(s, TrialAnalyses.of(s, s.analyses(), thresholds), Clock.systemUTC())
                .rows(study, top);
        StudyRecord record = s.findStudy(study).orElseThrow();
        Notes notes = Notes.read(s, study);
        CurveAnalyzer analyzer = new CurveAnalyzer(thresholds);
        ModelScores scores = ModelScores.read(s, study);
        boolean tested = scores.any();
        Set<String> paramNames = new LinkedHashSet<>();
        rows.forEach(r -> paramNames.addAll(r.params().keySet()));
        List<String> columns = new ArrayList<>(List.of("rank", "trial", "state", "value"));
        if (tested) {
            columns.addAll(List.of("test", "retrained_test"));     // the kept model's, and the retrained model's, test accuracy
        }
        columns.addAll(paramNames);
        columns.addAll(List.of("epochs_run", "best_epoch", "gap", "verdict", "seconds", "note"));
        Table table = new Table(columns).decimals("seconds", 1).decimals("gap", 4)
                .priority("rank", 10).priority("trial", 10).priority("state", 9).priority("value", 10)
                .priority("verdict", 8).priority("note", 7).shrinkable("note", 14).priority("epochs_run", 6)
                .priority("gap", 6).priority("seconds", 5).priority("best_epoch", 4);
        if (tested) {
            table.priority("test", 9).priority("retrained_test", 7);
        }
        int p = 0;
        for (String name : paramNames) {
            table.priority(name, Math.max(1, 4 - p++ / 2));   // the first parameters stay longest
        }
        for (LeaderboardRow r : rows) {
            FrozenTrial trial = r.state() == TrialState.RUNNING ? s.trial(record.id(), r.number()).orElse(null) : null;
            CurveAnalysis a = r.analysis();
            Object value = r.value();
            String verdict = a == null ? null : a.verdict().name();
            if (trial != null) {   // provisional: the epochs so far
                value = Leaderboard.bestSoFar(trial, record.direction()).orElse(null);
                List<EpochMetrics> curve = s.epochs(trial.id());
                a = curve.isEmpty() ? null : analyzer.analyze(curve, TrialAnalyses.monitor(trial));
                verdict = a == null ? null : a.verdict().name() + " (so far)";
            } else if (r.state() == TrialState.PRUNED) {
                verdict = "PRUNED@" + r.epochsRun();
            }
            List<Object> cells = new ArrayList<>(Arrays.asList(r.rank(), r.number(), r.state().name(), value));
            if (tested) {
                cells.add(scores.testAccuracy(r.number()).orElse(null));
                cells.add(scores.retrainedTestAccuracy(r.number()).orElse(null));
            }
            paramNames.forEach(name -> cells.add(r.params().get(name)));
            String note = notes.trial(r.number()).map(n -> r.note().isEmpty() ? n : n + "; " + r.note()).orElse(r.note());
            cells.addAll(Arrays.asList(r.epochsRun(), r.bestEpoch(), a == null ? null : a.gapAccuracyBest(), verdict,
                    r.duration() == null ? null : Math.round(r.duration().toMillis() / 100.0) / 10.0, note));
            table.add(cells);
        }
        String text = table.render(format, width);
        if (tested && format == OutputFormat.TABLE) {
            text += io.hpo4j.studies.run.TextFit.paragraph("selection: " + scores.optimism().verdict(), width, 2)
                    + System.lineSeparator();
        }
        return text;
    }
}

package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.OverfitThresholds;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code hpo leaderboard}: the best trials of a study. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = {"Show the best trials of a study: completed trials by value, then pruned ones (apart: "
                + "their value is the last one they reported), then running and failed ones.",
                "gap: training minus validation accuracy at the best epoch; verdict: what the learning curve says "
                        + "(GOOD_FIT, OVERFIT, UNDERFIT, DIVERGED, INCONCLUSIVE; hpo export shows the reason)."})
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
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (JdbcStorage s = storage.open()) {
            spec.commandLine().getOut().print(render(s, study, top, format.format, thresholds.thresholds()));
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The leaderboard of {@code study} in {@code format}, with verdicts by the default thresholds. */
    static String render(JdbcStorage s, String study, int top, OutputFormat format) {
        return render(s, study, top, format, OverfitThresholds.defaults());
    }

    /** The leaderboard of {@code study} in {@code format}. */
    static String render(JdbcStorage s, String study, int top, OutputFormat format, OverfitThresholds thresholds) {
        List<LeaderboardRow> rows = new Leaderboard(s, TrialAnalyses.of(s, s.analyses(), thresholds), Clock.systemUTC())
                .rows(study, top);
        Set<String> paramNames = new LinkedHashSet<>();
        rows.forEach(r -> paramNames.addAll(r.params().keySet()));
        List<String> columns = new ArrayList<>(List.of("rank", "trial", "state", "value"));
        columns.addAll(paramNames);
        columns.addAll(List.of("epochs_run", "best_epoch", "gap", "verdict", "seconds", "note"));
        Table table = new Table(columns).decimals("seconds", 1).decimals("gap", 4);
        for (LeaderboardRow r : rows) {
            List<Object> cells = new ArrayList<>(Arrays.asList(r.rank(), r.number(), r.state().name(), r.value()));
            paramNames.forEach(p -> cells.add(r.params().get(p)));
            CurveAnalysis a = r.analysis();
            cells.addAll(Arrays.asList(r.epochsRun(), r.bestEpoch(), a == null ? null : a.gapAccuracyBest(),
                    a == null ? null : a.verdict().name(),
                    r.duration() == null ? null : Math.round(r.duration().toMillis() / 100.0) / 10.0, r.note()));
            table.add(cells);
        }
        return table.render(format);
    }
}

package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.report.CurvePlots;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code hpo curves}: PNG charts of trials' learning curves. */
@Command(name = "curves", mixinStandardHelpOptions = true,
        description = {"Write PNG charts of training vs validation loss and accuracy by epoch: one chart with the "
                + "given trials overlaid (one color per trial, solid validation, dashed training), or one per trial "
                + "with --each. A diamond marks the best epoch, a dotted line the overfitting onset.",
                "Prints the paths written."})
final class CurvesCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TRIAL", description = "Trial numbers (from 0).")
    List<Integer> numbers;
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory for the PNG files (default: the current directory).")
    Path out;
    @Option(names = "--each", description = "One file per trial instead of one chart with all of them.")
    boolean each;
    @Option(names = "--width", paramLabel = "PIXELS", defaultValue = "760",
            description = "Width of each panel (default: ${DEFAULT-VALUE}); a chart is two panels wide.")
    int width;
    @Option(names = "--height", paramLabel = "PIXELS", defaultValue = "500",
            description = "Height of the panels (default: ${DEFAULT-VALUE}).")
    int height;
    @Mixin
    StorageOption storage;
    @Mixin
    ThresholdOptions thresholds;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CurvePlots plots = new CurvePlots(width, height);
        List<Path> written = new ArrayList<>();
        try (JdbcStorage s = storage.open()) {
            StudySnapshot snapshot = StudySnapshot.read(s, study, TrialAnalyses.of(s, s.analyses(), thresholds.thresholds()));
            Set<Integer> unique = new LinkedHashSet<>(numbers);
            List<CurvePlots.Trial> trials = new ArrayList<>();
            for (int n : unique) {
                if (snapshot.trial(n).isEmpty()) {
                    throw new IllegalArgumentException("study '" + study + "' has no trial " + n + " (it has "
                            + snapshot.trials().size() + " trials, numbered from 0)");
                }
                if (snapshot.curve(n).isEmpty()) {
                    throw new IllegalArgumentException("trial " + n + " of study '" + study + "' recorded no epochs; "
                            + "there is no curve to draw");
                }
                trials.add(new CurvePlots.Trial(n, snapshot.curve(n), snapshot.analysis(n)));
            }
            if (each) {
                for (CurvePlots.Trial t : trials) {
                    written.add(plots.write(study, List.of(t), out.resolve(fileName(study, List.of(t.number())))));
                }
            } else {
                written.add(plots.write(study, trials, out.resolve(fileName(study, List.copyOf(unique)))));
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        written.forEach(w::println);
        w.flush();
        return ExitCodes.OK;
    }

    /** {@code mnist-demo-trial-3.png}, {@code mnist-demo-trials-3-7-12.png}; unsafe characters become {@code _}. */
    static String fileName(String study, List<Integer> numbers) {
        String safe = study.replaceAll("[^A-Za-z0-9._-]", "_");
        String list = numbers.stream().limit(8).map(String::valueOf).collect(Collectors.joining("-"));
        return safe + (numbers.size() == 1 ? "-trial-" : "-trials-") + list + (numbers.size() > 8 ? "-etc" : "") + ".png";
    }
}

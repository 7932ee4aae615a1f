package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.ModelScores;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code hpo studies}: every study with its trial counts by state and its best value. */
@Command(name = "studies", mixinStandardHelpOptions = true,
        description = "List studies with their trial counts by state and best value.")
final class StudiesCommand implements Callable<Integer> {

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
            Table table = new Table(List.of("study", "direction", "trials", "complete", "pruned", "fail", "running",
                    "waiting", "best_value", "best_trial", "created", "test")).priority("study", 10).priority("trials", 9)
                    .priority("best_value", 9).priority("direction", 8).priority("complete", 7).priority("running", 7)
                    .priority("pruned", 7).priority("fail", 7).priority("test", 7).priority("best_trial", 6)
                    .priority("waiting", 4).priority("created", 3);
            for (StudySummary summary : s.studies()) {
                table.add(java.util.Arrays.asList(summary.study().name(),
                        summary.study().direction().name().toLowerCase(), summary.total(),
                        summary.count(TrialState.COMPLETE), summary.count(TrialState.PRUNED),
                        summary.count(TrialState.FAIL), summary.count(TrialState.RUNNING),
                        summary.count(TrialState.WAITING), summary.bestValue(), summary.bestTrialNumber(),
                        summary.study().created().toString(), testScore(s, summary.study().name())));
            }
            if (table.size() == 0 && format.format == OutputFormat.TABLE) {
                spec.commandLine().getOut().println("No studies yet in " + storage.shown(null)
                        + ". Start one with: hpo run examples/mnist-demo.yaml");
            } else {
                spec.commandLine().getOut().print(table.render(format.format, width.terminal().columns()));
            }
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }

    /** The test accuracy of the study's chosen model (retrained, else kept); null if none was scored. */
    private static Double testScore(Storage s, String study) {
        return ModelScores.read(s, study).chosenTestAccuracy().orElse(null);
    }
}

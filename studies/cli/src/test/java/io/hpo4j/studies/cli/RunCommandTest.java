package io.hpo4j.studies.cli;

import io.hpo4j.studies.run.TerminalInfo;
import io.hpo4j.studies.run.TerminalScreen;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hpo run} in-process on a tiny slice of the bundled data: real DL4J training, few seconds. */
class RunCommandTest {

    private static final String TINY = """
            name: tiny-mnist
            metric: validation_accuracy
            dataset:
              source: mnist-10k
              validation_split: 0.05
              train_limit: 300
            search_space:
              learning_rate: {type: float, low: 1.0e-3, high: 1.0e-2, log: true}
              hidden_units:  {type: int, low: 16, high: 32}
              optimizer:     [adam, rmsprop]
            fixed_params:
              epochs: 2
              layers: 1
              batch_size: 64
            seed: 3
            jobs: 1
            pruner: none       # every trial trains all its epochs (the default prunes at epoch 2)
            budget: {trials: 2}
            """;

    @TempDir
    Path dir;

    @Test
    void runTrainsStoresEveryEpochAndResumesWithoutDuplicateNumbers() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, TINY);

        CliTestSupport.Result first = hpo.run("run", file.toString());
        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        assertThat(first.out()).contains("study tiny-mnist: maximize validation_accuracy", "[  1/2] trial 0",
                "[  2/2] trial 1", "leaderboard of tiny-mnist:", "best: trial");

        CliTestSupport.Result again = hpo.run("run", file.toString(), "--trials", "1");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(0);
        assertThat(again.out()).contains("resuming: 2 trials already in the study", "[  1/1] trial 2");

        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            StudyRecord study = storage.findStudy("tiny-mnist").orElseThrow();
            List<FrozenTrial> trials = storage.trials(study.id(), EnumSet.allOf(TrialState.class));
            assertThat(trials).extracting(FrozenTrial::number).containsExactly(0, 1, 2);
            for (FrozenTrial t : trials) {
                assertThat(t.state()).isEqualTo(TrialState.COMPLETE);
                assertThat(t.value()).isBetween(0.0, 1.0);
                List<EpochMetrics> curve = storage.epochs(t.id());
                assertThat(curve).extracting(EpochMetrics::epoch).containsExactly(1, 2);
                assertThat(curve.get(1).trainLoss()).isLessThan(curve.get(0).trainLoss());
                assertThat(t.intermediateValues()).containsOnlyKeys(1, 2);
                assertThat(t.params()).containsOnlyKeys("learning_rate", "hidden_units", "optimizer");
            }
        }
        CliTestSupport.Result studies = hpo.run("studies");
        assertThat(studies.out()).containsPattern("tiny-mnist\\s+maximize\\s+3\\s+3\\s");
    }

    @Test
    void aResumedRunFitsTheTerminalAt80And120ColumnsRedrawingItsBlockOnATerminalAndAppendingInALog() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, TINY);
        assertThat(hpo.run("run", file.toString()).exitCode()).isZero();
        for (TerminalInfo terminal : List.of(new TerminalInfo(80, true), new TerminalInfo(120, true),
                TerminalInfo.plain(80), TerminalInfo.plain(120))) {
            StringWriter out = new StringWriter();
            int exit = Hpo.execute(new String[]{"run", file.toString(), "--trials", "1", "--storage", hpo.url()},
                    new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), terminal);
            String written = out.toString();
            String what = terminal.columns() + " columns, " + (terminal.interactive() ? "a terminal" : "a log");
            assertThat(exit).as(what).isZero();
            List<String> screen = TerminalScreen.lines(written);
            assertThat(screen).as(what).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(terminal.columns()));
            assertThat(String.join("\n", screen)).as(what).contains("resuming: ", "trials already in the study (best 0.",
                    "started: ", "leaderboard of tiny-mnist:").doesNotContain("best -");
            assertThat(screen.get(screen.size() - 1)).as(what).startsWith("best: trial");
            if (terminal.interactive()) {
                assertThat(written).as(what + ": the block is drawn, then erased").contains("\r\u001b[");
                assertThat(screen).as(what + ": no block is left").noneMatch(l -> l.startsWith("done "));
            } else {
                assertThat(written).as(what).doesNotContain("\u001b");
                assertThat(String.join(" ", screen).replaceAll(" +", " ")).as(what).contains("done 1/1 | best 0.");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStudyFileThatNamesNoSamplerOrPrunerRunsTpeWithSuccessiveHalving() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("defaults.yaml");
        Files.writeString(file, TINY.replace("tiny-mnist", "defaults").replaceAll("(?m)^pruner: none.*\n", ""));

        CliTestSupport.Result run = hpo.run("run", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().replaceAll("\\s+", " ")).contains("study defaults: maximize validation_accuracy, sampler tpe, pruner successive_halving");
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            StudyRecord study = storage.findStudy("defaults").orElseThrow();
            FrozenTrial first = storage.trials(study.id(), EnumSet.allOf(TrialState.class)).get(0);
            assertThat((java.util.Map<String, Object>) first.systemAttrs().get("sampler")).containsEntry("type", "tpe");
            assertThat((java.util.Map<String, Object>) first.systemAttrs().get("pruner")).containsEntry("type", "successive_halving")
                    .containsEntry("min_resource", 2).containsEntry("reduction_factor", 3);
        }
    }

    @Test
    void invalidStudyFileIsRejectedBeforeAnyTrial() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, TINY.replace("low: 16, high: 32", "low: 32, high: 16"));
        CliTestSupport.Result r = hpo.run("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("hpo run: " + file + ", line 9: search_space.hidden_units: low must be <= high, "
                + "but got low=32, high=16\n");
        assertThat(Files.exists(dir.resolve("studies.mv.db"))).as("no database created").isFalse();
    }

    @Test
    void parameterTheTrainerDoesNotKnowIsRejectedBeforeAnyTrial() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("unknown.yaml");
        Files.writeString(file, TINY.replace("optimizer:     [adam, rmsprop]", "momentum_decay: [0.9, 0.99]"));
        CliTestSupport.Result r = hpo.run("run", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).startsWith("hpo run: ").contains("momentum_decay");
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            assertThat(storage.findStudy("tiny-mnist")).as("no study created").isEmpty();
        }
    }

    @Test
    void missingStudyFileIsAnInputError() {
        CliTestSupport hpo = new CliTestSupport(dir);
        CliTestSupport.Result r = hpo.run("run", dir.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void nonPositiveOverridesAreRejected() throws Exception {
        CliTestSupport hpo = new CliTestSupport(dir);
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, TINY);
        assertThat(hpo.run("run", file.toString(), "--jobs", "0").err()).contains("--jobs must be >= 1, but got 0");
        assertThat(hpo.run("run", file.toString(), "--trials", "-2").err()).contains("--trials must be >= 1, but got -2");
    }
}

package io.hpo4j.bench;

import io.hpo4j.bench.FashionQuickBenchmark.Outcome;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.space.Distributions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptunaTwinTest {

    /** A summary line as optuna_mlp.py prints it. */
    static final String SUMMARY = """
            {"summary": true, "seed": 2, "sampler": "tpe", "pruner": "median", "best_validation_accuracy": 0.8674,
             "best_trial": 17, "best_params": {"activation": "relu", "batch_size": 64, "epochs": 12},
             "epochs": 222, "trials": 30, "complete": 21, "pruned": 8, "failed": 1, "seconds": 431.5,
             "storage": "sqlite:////results/2-optuna-tpe-median-seed2.sqlite", "optuna": "3.1.0", "torch": "1.13.0a0",
             "threads_per_trial": 1, "jobs": 2}
            """.replace("\n", " ");

    @Test
    void configParsesSamplerAndPrunerWithConstructorSettings() {
        OptunaTwin.Config c = OptunaTwin.Config.parse("tpe n_startup_trials=5/median n_warmup_steps=2");

        assertThat(c.sampler().type()).isEqualTo("tpe");
        assertThat(c.sampler().settings()).containsExactly(Map.entry("n_startup_trials", 5L));
        assertThat(c.pruner().type()).isEqualTo("median");
        assertThat(c.pruner().settings()).containsExactly(Map.entry("n_warmup_steps", 2L));
        assertThat(c.rowLabel()).isEqualTo("optuna tpe n_startup_trials=5/median n_warmup_steps=2");
        assertThat(c.fileName()).isEqualTo("optuna-tpe-median");
    }

    @Test
    void configWithoutSettingsKeepsOptunasDefaultsNotTheBenchmarksPrunerDefaults() {
        OptunaTwin.Config c = OptunaTwin.Config.parse("random/median");

        assertThat(c.pruner().settings()).isEmpty();
        assertThat(Configuration.parse("random/median").pruner().settings()).isNotEmpty();
    }

    @Test
    void configRejectsASamplerOptunaTwinDoesNotHaveNamingIt() {
        assertThatThrownBy(() -> OptunaTwin.Config.parse("genetic/none"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--optuna: the sampler must be one of [tpe, random], but got 'genetic' in 'genetic/none'");
    }

    @Test
    void configRejectsAnUnknownPrunerNamingIt() {
        assertThatThrownBy(() -> OptunaTwin.Config.parse("tpe/asha"))
                .hasMessageContaining("pruner must be one of [none, median, successive_halving, hyperband], but got 'asha'");
    }

    @Test
    void configRejectsTextWithoutSamplerAndPruner() {
        assertThatThrownBy(() -> OptunaTwin.Config.parse("tpe"))
                .hasMessage("--optuna must be SAMPLER/PRUNER, e.g. tpe/median or random/none, but got 'tpe'");
    }

    @Test
    void outcomeReadsEveryFieldOfTheSummaryLine() {
        Outcome o = OptunaTwin.outcome(Json.parseObject(SUMMARY));

        assertThat(o).isEqualTo(new Outcome(2, 0.8674, 17, Map.of("activation", "relu", "batch_size", 64, "epochs", 12), 222,
                30, 21, 8, 1, 431.5, "sqlite:////results/2-optuna-tpe-median-seed2.sqlite"));
    }

    @Test
    void runtimeKeepsTheVersionsAndThreads() {
        assertThat(OptunaTwin.runtime(Json.parseObject(SUMMARY))).containsOnlyKeys("optuna", "torch", "threads_per_trial", "jobs")
                .containsEntry("optuna", "3.1.0");
    }

    @Test
    void outcomeOfAStudyWithoutACompletedTrialHasNoBestValue() {
        String none = SUMMARY.replace("\"best_validation_accuracy\": 0.8674", "\"best_validation_accuracy\": null")
                .replace("\"best_trial\": 17", "\"best_trial\": -1");

        Outcome o = OptunaTwin.outcome(Json.parseObject(none));

        assertThat(o.bestValue()).isNaN();
        assertThat(o.bestTrial()).isEqualTo(-1);
    }

    @Test
    void outcomeRejectsAMissingCountNamingIt() {
        String noEpochs = SUMMARY.replace("\"epochs\": 222,", "");

        assertThatThrownBy(() -> OptunaTwin.outcome(Json.parseObject(noEpochs)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("optuna summary: epochs must be a number, but got nothing");
    }

    @Test
    void outcomeRejectsAFractionalCount() {
        assertThatThrownBy(() -> OptunaTwin.outcome(Json.parseObject(SUMMARY.replace("\"pruned\": 8", "\"pruned\": 8.5"))))
                .hasMessage("optuna summary: pruned must be a whole number, but got 8.5");
    }

    @Test
    void commandGivesTheTwinTheBenchmarksSpaceDefaultsBudgetAndEarlyStopping() {
        OptunaTwin twin = new OptunaTwin("/usr/bin/python3", Path.of("/tmp/optuna_mlp.py"));
        OptunaTwin.Protocol p = new OptunaTwin.Protocol(Path.of("/data/train-images-idx3-ubyte.gz"),
                Path.of("/data/train-labels-idx1-ubyte.gz"), 10_000, 5_000, FashionQuickBenchmark.SPACE, 30, 2,
                EarlyStopping.of(Metric.VALIDATION_LOSS, 3, 0.001));

        List<String> cmd = twin.command(p, OptunaTwin.Config.parse("tpe/median n_warmup_steps=2"), 1, "sqlite:////db.sqlite");

        assertThat(cmd.subList(0, 2)).containsExactly("/usr/bin/python3", "/tmp/optuna_mlp.py");
        assertThat(Distributions.spaceFromMap(Json.parseObject(valueOf(cmd, "--space")))).isEqualTo(FashionQuickBenchmark.SPACE);
        assertThat(Json.parseObject(valueOf(cmd, "--defaults"))).containsOnlyKeys(MlpConfig.PARAMETERS);
        assertThat(valueOf(cmd, "--train")).isEqualTo("10000");
        assertThat(valueOf(cmd, "--validation")).isEqualTo("5000");
        assertThat(valueOf(cmd, "--trials")).isEqualTo("30");
        assertThat(valueOf(cmd, "--jobs")).isEqualTo("2");
        assertThat(valueOf(cmd, "--seed")).isEqualTo("1");
        assertThat(valueOf(cmd, "--patience")).isEqualTo("3");
        assertThat(valueOf(cmd, "--min-delta")).isEqualTo("0.001");
        assertThat(valueOf(cmd, "--sampler")).isEqualTo("tpe");
        assertThat(valueOf(cmd, "--pruner")).isEqualTo("median");
        assertThat(Json.parseObject(valueOf(cmd, "--pruner-settings"))).containsExactly(Map.entry("n_warmup_steps", 2));
        assertThat(valueOf(cmd, "--storage")).isEqualTo("sqlite:////db.sqlite");
    }

    @Test
    void commandWithEarlyStoppingDisabledPassesPatienceZero() {
        OptunaTwin twin = new OptunaTwin("python3", Path.of("optuna_mlp.py"));
        OptunaTwin.Protocol p = new OptunaTwin.Protocol(Path.of("i"), Path.of("l"), 100, 50, FashionQuickBenchmark.SPACE, 4, 1,
                EarlyStopping.disabled());

        assertThat(valueOf(twin.command(p, OptunaTwin.Config.parse("random/none"), 0, "sqlite:///x"), "--patience")).isEqualTo("0");
    }

    @Test
    void describeTrialNamesStateValueEpochsAndReason() {
        assertThat(OptunaTwin.describeTrial(Json.parseObject(
                "{\"trial\": 3, \"worker\": 1, \"state\": \"PRUNED\", \"value\": null, \"epochs\": 2, \"reason\": \"pruned at epoch 2\"}")))
                .isEqualTo("optuna trial 3 (worker 1): PRUNED, 2 epochs (pruned at epoch 2)");
        assertThat(OptunaTwin.describeTrial(Json.parseObject(
                "{\"trial\": 0, \"worker\": 0, \"state\": \"COMPLETE\", \"value\": 0.85123, \"epochs\": 7, \"reason\": \"\"}")))
                .isEqualTo("optuna trial 0 (worker 0): COMPLETE 0.8512, 7 epochs");
    }

    private static String valueOf(List<String> cmd, String option) {
        int i = cmd.indexOf(option);
        assertThat(i).as(option).isGreaterThan(0);
        return cmd.get(i + 1);
    }
}

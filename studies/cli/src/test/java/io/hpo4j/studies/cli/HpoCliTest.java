package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.space.SearchSpace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The query commands, in-process, on a study written through the Java API (no training). */
class HpoCliTest {

    @TempDir
    Path dir;
    CliTestSupport hpo;

    @BeforeEach
    void writeStudy() {
        hpo = new CliTestSupport(dir);
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            Study study = Study.builder("cli-study").storage(storage).direction(Direction.MAXIMIZE).seed(1)
                    .searchSpace(SearchSpace.builder().addLogFloat("learning_rate", 1e-4, 1e-1)
                            .addCategorical("optimizer", "sgd", "adam").build())
                    .build();
            double[] finals = {0.80, 0.95, 0.90};
            for (double v : finals) {
                Trial trial = study.ask();
                trial.suggestAll();
                for (int epoch = 1; epoch <= 3; epoch++) {
                    double acc = v - 0.1 * (3 - epoch);
                    trial.reportEpoch(new EpochMetrics(epoch, 1.0 / epoch, acc + 0.02, 1.1 / epoch, acc, 0.5));
                    trial.report(epoch, acc);
                }
                study.tell(trial, v);
            }
            Trial failed = study.ask();
            failed.suggestAll();
            study.tell(failed, TrialState.FAIL, "TrainingDivergedException: training loss became NaN at epoch 1");
            Trial pruned = study.ask();
            pruned.suggestAll();
            pruned.report(1, 0.3);
            study.tell(pruned, TrialState.PRUNED, "value 0.3 at step 1 is worse than the median");
        }
    }

    @Test
    void studiesListsCountsByStateAndBestValue() {
        CliTestSupport.Result r = hpo.run("studies", "--wide");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("cli-study", "maximize");
        assertThat(r.out().lines().filter(l -> l.startsWith("cli-study")).findFirst().orElseThrow())
                .matches("cli-study\\s+maximize\\s+5\\s+3\\s+1\\s+1\\s+0\\s+0\\s+0\\.9500\\s+1\\s+.*");
    }

    @Test
    void studiesAsJsonIsMachineReadable() {
        CliTestSupport.Result r = hpo.run("studies", "--format", "json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parse(r.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("study", "cli-study").containsEntry("complete", 3)
                .containsEntry("pruned", 1).containsEntry("fail", 1).containsEntry("best_value", 0.95);
    }

    @Test
    void leaderboardRanksCompletedTrialsThenPrunedThenFailed() {
        CliTestSupport.Result r = hpo.run("leaderboard", "cli-study", "--format", "csv");
        assertThat(r.exitCode()).isEqualTo(0);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("rank,trial,state,value,learning_rate,optimizer,epochs_run,best_epoch,gap,verdict,seconds,note");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.split(",")[1] + " " + l.split(",")[2])
                .containsExactly("1 COMPLETE", "2 COMPLETE", "0 COMPLETE", "4 PRUNED", "3 FAIL");
        assertThat(lines.get(5)).contains("TrainingDivergedException: training loss became NaN at epoch 1");
    }

    @Test
    void leaderboardTopLimitsRows() {
        CliTestSupport.Result r = hpo.run("leaderboard", "cli-study", "--top", "2", "--wide");
        assertThat(r.out().lines().count()).isEqualTo(3);
        assertThat(r.out()).contains("0.9500", "0.9000").doesNotContain("0.8000");
    }

    @Test
    void trialShowsParametersAndTheWholeCurve() {
        CliTestSupport.Result r = hpo.run("trial", "cli-study", "1");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("study cli-study, trial 1: COMPLETE, value 0.9500", "learning_rate", "optimizer");
        assertThat(r.out()).contains("epoch  train_loss  train_accuracy  validation_loss  validation_accuracy  seconds");
        assertThat(r.out().lines().filter(l -> l.matches("\\s+[123]\\s+.*"))).hasSize(3);
        assertThat(r.out()).containsPattern("fit: (GOOD_FIT|OVERFIT|UNDERFIT|INCONCLUSIVE) \\(.+\\)");
    }

    @Test
    void aRetryOfATrialLostWithItsWorkerNamesTheTrialItRetries() {
        try (JdbcStorage dead = JdbcStorage.builder(hpo.url()).clock(java.time.Clock.offset(java.time.Clock.systemUTC(),
                java.time.Duration.ofMinutes(-5))).build();
             JdbcStorage live = JdbcStorage.builder(hpo.url())
                     .heartbeat(io.hpo4j.studies.storage.HeartbeatPolicy.DEFAULT.withRetryFailed(1)).build()) {
            long study = dead.findStudy("cli-study").orElseThrow().id();
            FrozenTrial lost = dead.createTrial(study);          // its worker died 5 minutes ago
            FrozenTrial retry = live.claimOrCreateTrial(study);  // fails it as lost, enqueues and claims its retry
            live.finishTrial(retry.id(), TrialState.COMPLETE, 0.5, null);

            CliTestSupport.Result r = hpo.run("trial", "cli-study", String.valueOf(retry.number()));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(0);
            assertThat(r.out()).contains("retries: trial " + lost.number() + ", lost with its worker (retry 1)");
            assertThat(hpo.run("trial", "cli-study", String.valueOf(lost.number())).out())
                    .contains("reason: worker lost: no heartbeat for more than 60 s").doesNotContain("stopped:");
        }
    }

    @Test
    void trialAsJsonCarriesCurveAndReason() {
        CliTestSupport.Result r = hpo.run("trial", "cli-study", "3", "--format", "json");
        Map<String, Object> trial = Json.parseObject(r.out());
        assertThat(trial).containsEntry("state", "FAIL")
                .containsEntry("fail_reason", "TrainingDivergedException: training loss became NaN at epoch 1");
        assertThat((List<?>) trial.get("curve")).isEmpty();
        Map<String, Object> complete = Json.parseObject(hpo.run("trial", "cli-study", "1", "--format", "json").out());
        assertThat((List<?>) complete.get("curve")).hasSize(3);
    }

    @Test
    void unknownStudyIsAnInputErrorWithoutStackTrace() {
        CliTestSupport.Result r = hpo.run("leaderboard", "nope");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("hpo leaderboard: no study named 'nope'; studies in this storage: cli-study\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownTrialIsAnInputError() {
        CliTestSupport.Result r = hpo.run("trial", "cli-study", "42");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("study 'cli-study' has no trial 42 (it has 5 trials, numbered from 0)");
    }

    @Test
    void badOptionIsAUsageErrorPointingToHelp() {
        CliTestSupport.Result r = hpo.run("leaderboard", "cli-study", "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("expected one of table, csv, json, but got 'xml'", "Try 'hpo leaderboard --help'");
    }

    @Test
    void helpGoesToStandardOutput() {
        CliTestSupport.Result r = CliTestSupport.runRaw("run", "--help");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("Usage: hpo run", "--trials", "--jobs", "--seed", "--storage");
        assertThat(r.err()).isEmpty();
        assertThat(CliTestSupport.runRaw("--help").out()).contains("Exit codes: 0 success");
    }
}

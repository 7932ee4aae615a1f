package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person reads fits the width: 80 columns by default, {@code --columns N}, or whole lines
 * with {@code --wide}; running trials rank by their best so far with a provisional verdict, pruned
 * ones say at which epoch, and notes show.
 */
class OutputWidthTest {

    @TempDir
    Path dir;
    CliTestSupport hpo;

    @BeforeEach
    void writeAnMlpLikeStudy() {
        hpo = new CliTestSupport(dir);
        try (JdbcStorage s = JdbcStorage.open(hpo.url())) {
            StudyRecord study = s.createStudy("mnist-wide", Direction.MAXIMIZE);
            double[] ceilings = {0.93, 0.95, 0.60, 0.97};
            for (int i = 0; i < ceilings.length; i++) {
                FrozenTrial t = s.createTrial(study.id());
                s.setTrialParam(t.id(), "epochs", new IntDistribution(4, 20, false, 1), 12);
                s.setTrialParam(t.id(), "batch_size", new CategoricalDistribution(List.of(32, 64, 128, 256)), 128);
                s.setTrialParam(t.id(), "learning_rate", new FloatDistribution(1e-4, 1e-1, true, 0), 0.00123 * (i + 1));
                s.setTrialParam(t.id(), "hidden_units", new IntDistribution(32, 1024, true, 1), 512);
                s.setTrialParam(t.id(), "layers", new IntDistribution(1, 3, false, 1), 2);
                s.setTrialParam(t.id(), "dropout", new FloatDistribution(0, 0.5, false, 0), 0.25);
                s.setTrialParam(t.id(), "activation", new CategoricalDistribution(List.of("relu", "leaky_relu")), "leaky_relu");
                s.setTrialParam(t.id(), "optimizer", new CategoricalDistribution(List.of("adam", "nesterovs")), "nesterovs");
                int epochs = i == 2 ? 3 : i == 3 ? 5 : 12;
                for (int e = 1; e <= epochs; e++) {
                    double acc = ceilings[i] - 0.3 / e;
                    s.addEpoch(t.id(), new EpochMetrics(e, 1.0 / e, acc + 0.01, 1.05 / e, acc, 2.5));
                    s.setIntermediateValue(t.id(), e, acc);
                }
                if (i == 2) {
                    s.finishTrial(t.id(), TrialState.PRUNED, ceilings[i] - 0.1, "median pruner: value 0.5000 at epoch 3 "
                            + "is worse than the median 0.8120 of the 2 trials that reached epoch 3");
                } else if (i < 2) {
                    s.finishTrial(t.id(), TrialState.COMPLETE, ceilings[i] - 0.3 / 12, null);
                } // trial 3 is still running, best so far 0.91
            }
            Notes.write(s, "mnist-wide", 1, "the one to retrain on all the data");
        }
    }

    private static void fits(String out, int columns) {
        assertThat(out.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(columns));
    }

    @Test
    void leaderboardFits80ColumnsByDefaultAndSaysWhatItHid() {
        String out = hpo.run("leaderboard", "mnist-wide").out();
        fits(out, 80);
        assertThat(out).contains("rank", "verdict", "hidden to fit 80 columns", "--wide");
        List<String> rows = out.lines().skip(1).limit(4).toList();
        assertThat(rows.get(0)).contains("COMPLETE", "0.9250", "the one to retrai");
        assertThat(rows.get(1)).as("the running trial ranks by its best so far").contains("RUNNING", "0.9100", "(so far)");
        assertThat(rows.get(3)).contains("PRUNED", "PRUNED@3");
    }

    @Test
    void leaderboardAt120ColumnsShowsMoreAndWideShowsEverything() {
        String at80 = hpo.run("leaderboard", "mnist-wide").out();
        String at120 = hpo.run("leaderboard", "mnist-wide", "--columns", "120").out();
        fits(at120, 120);
        assertThat(at120.lines().findFirst().orElseThrow().split("\\s+").length)
                .isGreaterThan(at80.lines().findFirst().orElseThrow().split("\\s+").length);
        String wide = hpo.run("leaderboard", "mnist-wide", "--wide").out();
        assertThat(wide).contains("learning_rate", "optimizer", "best_epoch", "median pruner: value 0.5000 at epoch 3 is worse")
                .doesNotContain("hidden to fit");
    }

    @Test
    void studiesAndTrialFit80And120Columns() {
        for (int columns : new int[]{80, 120}) {
            String studies = hpo.run("studies", "--columns", String.valueOf(columns)).out();
            fits(studies, columns);
            assertThat(studies).contains("mnist-wide");
            String pruned = hpo.run("trial", "mnist-wide", "2", "--columns", String.valueOf(columns)).out();
            fits(pruned, columns);
            assertThat(pruned).contains("pruned at epoch 3", "reason: median pruner");
            String running = hpo.run("trial", "mnist-wide", "3", "--columns", String.valueOf(columns)).out();
            fits(running, columns);
            assertThat(running).contains("RUNNING", "fit so far (provisional):");
        }
        assertThat(hpo.run("trial", "mnist-wide", "1").out()).contains("note: the one to retrain on all the data");
    }

    @Test
    void sqlRowsFitTheWidthAndWideShowsEveryColumn() {
        String query = "SELECT * FROM trial_overview WHERE study = @study";
        for (int columns : new int[]{80, 120}) {
            String out = hpo.run("sql", "mnist-wide", query, "--columns", String.valueOf(columns)).out();
            fits(out, columns);
            assertThat(out).contains("number", "hidden to fit " + columns + " columns", "--wide shows them", "(4 rows)");
        }
        String wide = hpo.run("sql", "mnist-wide", query, "--wide").out();
        assertThat(wide).contains("overfit_onset_epoch", "verdict").doesNotContain("hidden to fit");
    }

    @Test
    void tooFewColumnsIsOneLineAndExitCode2() {
        CliTestSupport.Result r = hpo.run("leaderboard", "mnist-wide", "--columns", "20");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip()).isEqualTo("hpo leaderboard: --columns must be >= 40, but got 20");
    }
}

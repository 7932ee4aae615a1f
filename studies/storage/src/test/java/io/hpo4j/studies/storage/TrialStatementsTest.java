package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
import io.hpo4j.tuner.space.SearchSpace;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one trial of a study costs the database, counted by a {@link CountingDataSource} on an H2
 * file: transactions and statements per trial of a no-op objective over a declared space, as
 * {@code bench/run storage-overhead} runs it (with eight parameters). A guard against regressions of the
 * framework's overhead that does not depend on the machine's speed.
 */
class TrialStatementsTest {

    /** A declared space with a parameter of each kind; parameters are written in one batch, so their number does not count. */
    private static final SearchSpace SPACE = SearchSpace.builder()
            .addLogFloat("learning_rate", 1e-4, 1e-1)
            .addInt("layers", 1, 3)
            .addCategorical("optimizer", "sgd", "adam")
            .build();

    private static final Objective NO_OP = trial -> ((Number) trial.suggestAll().get("learning_rate")).doubleValue();

    private static final int MEASURED = 10;

    @TempDir
    Path dir;

    @Test
    void aRandomTrialIsThreeTransactionsAndAFixedNumberOfCachedStatementsHoweverLargeTheStudy() {
        Costs costs = measure(Samplers.random());

        assertThat(costs.early().commits()).as("commits per trial: create it, record its seed, attributes and parameters, finish it")
                .isEqualTo(3 * MEASURED);
        assertThat(costs.early().statements()).as("statements of " + MEASURED + " trials: " + costs.early().bySql())
                .isLessThanOrEqualTo(17 * MEASURED);
        assertThat(costs.late()).as("the same after 60 more trials").isEqualTo(costs.early());
        assertThat(costs.early().bySql().keySet()).as("no statement that H2 parses on every call")
                .noneMatch(sql -> sql.contains("FOR UPDATE"));
    }

    @Test
    void aGeneticTrialReadsTheStudyOnceAndOnlyTheTrialsThatAreNotFinished() {
        Costs costs = measure(Samplers.genetic(GeneticSettings.defaults()));

        assertThat(costs.early().commits()).as("the three of a trial and the sampler's read of the study")
                .isEqualTo(4 * MEASURED);
        assertThat(costs.early().bySql()).as("trials read one by one: the finished one, and the running one the sampler sees")
                .containsEntry(TRIAL_BY_ID, 2L * MEASURED);
        assertThat(costs.early().statements()).as("statements of " + MEASURED + " trials: " + costs.early().bySql())
                .isLessThanOrEqualTo(24 * MEASURED);
        assertThat(costs.late()).as("the same after 60 more trials").isEqualTo(costs.early());
    }

    private static final String TRIAL_BY_ID = "SELECT t.trial_id, t.number, t.state, t.objective_value, t.started_at,"
            + " t.completed_at, t.fail_reason, t.objective_metric, t.objective_direction, t.trial_seed, t.best_epoch,"
            + " t.stop_reason, t.stop_epoch, t.enqueued_params_json FROM trials t WHERE t.trial_id = ? ORDER BY t.number";

    /** What {@link #MEASURED} trials cost after 20 trials, and after 90. */
    private record Costs(CountingDataSource.Counts early, CountingDataSource.Counts late) {
    }

    private Costs measure(Sampler sampler) {
        // Pooled, as JdbcStorage.open pools: without a pool H2 would close and reopen the file per transaction.
        JdbcConnectionPool h2 = JdbcConnectionPool.create(H2Urls.withDefaults("jdbc:h2:file:" + dir.resolve("studies")), "sa", "");
        CountingDataSource counting = new CountingDataSource(h2);
        try (JdbcStorage storage = new JdbcStorage(counting)) {
            Study study = Study.builder("overhead").storage(storage).direction(Direction.MINIMIZE)
                    .searchSpace(SPACE).sampler(sampler).seed(1).build();
            study.optimize(NO_OP, 20);
            CountingDataSource.Counts early = measured(study, counting);
            study.optimize(NO_OP, 60);
            CountingDataSource.Counts late = measured(study, counting);
            return new Costs(early, late);
        } finally {
            h2.dispose();
        }
    }

    private static CountingDataSource.Counts measured(Study study, CountingDataSource counting) {
        CountingDataSource.Counts before = counting.counts();
        study.optimize(NO_OP, MEASURED);
        return counting.counts().minus(before);
    }
}

package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.ParamValue;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction whose commit got no answer (the database went away at that moment: a server
 * restarting, the process that served an H2 file exiting) is never an error and never written
 * twice: a read keeps what it read; a write that records or replaces rows runs again; one that adds
 * rows (a study, a trial, a claim, a trial's start or finish) is settled by reading back whether it
 * happened. Each case runs with a commit that happened before the answer was lost and with one
 * that did not happen.
 */
class UnansweredCommitTest {

    /** What the next commit does before it reports a broken connection. */
    enum NextCommit { WORKS, COMMITS_THEN_FAILS, FAILS_WITHOUT_COMMITTING }

    private final AtomicReference<NextCommit> next = new AtomicReference<>(NextCommit.WORKS);
    private final JdbcStorage storage = JdbcStorage.retryingAs(
            flaky("jdbc:h2:mem:unanswered-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"), StorageUrls.Kind.H2_FILE,
            new RetryPolicy(Duration.ofSeconds(10), Duration.ofMillis(1), Duration.ofMillis(5)));

    /** Makes the next commit lose its answer, and afterwards checks that it was the one that did. */
    private void loseTheNextAnswer(NextCommit how) {
        next.set(how);
    }

    private void assertTheAnswerWasLost() {
        assertThat(next.get()).as("the commit without answer happened").isEqualTo(NextCommit.WORKS);
    }

    private long study() {
        return storage.createStudy("s", Direction.MINIMIZE).id();
    }

    @Test
    void aReadWhoseCommitGotNoAnswerReturnsWhatItRead() {
        long study = study();
        long id = storage.createTrial(study).id();
        loseTheNextAnswer(NextCommit.FAILS_WITHOUT_COMMITTING);

        assertThat(storage.trials(study, EnumSet.allOf(TrialState.class))).extracting(FrozenTrial::id).containsExactly(id);
        assertTheAnswerWasLost();
    }

    @ParameterizedTest
    @EnumSource(value = NextCommit.class, names = {"COMMITS_THEN_FAILS", "FAILS_WITHOUT_COMMITTING"})
    void aStudyIsCreatedOnce(NextCommit how) {
        loseTheNextAnswer(how);
        long study = storage.createStudy("s", Direction.MAXIMIZE).id();

        assertTheAnswerWasLost();
        assertThat(storage.findStudy("s").orElseThrow().id()).isEqualTo(study);
        assertThat(storage.studies()).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = NextCommit.class, names = {"COMMITS_THEN_FAILS", "FAILS_WITHOUT_COMMITTING"})
    void aNewTrialIsCreatedOnceAndTheNumberingGoesOnWithoutAGap(NextCommit how) {
        long study = study();
        loseTheNextAnswer(how);
        FrozenTrial first = storage.claimOrCreateTrial(study);
        assertTheAnswerWasLost();
        FrozenTrial second = storage.createTrial(study);

        assertThat(storage.trials(study, EnumSet.allOf(TrialState.class)))
                .extracting(FrozenTrial::id, FrozenTrial::number, FrozenTrial::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), 0, TrialState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple(second.id(), 1, TrialState.RUNNING));
    }

    @ParameterizedTest
    @EnumSource(value = NextCommit.class, names = {"COMMITS_THEN_FAILS", "FAILS_WITHOUT_COMMITTING"})
    void aWaitingTrialIsEnqueuedOnceAndClaimedOnce(NextCommit how) {
        long study = study();
        loseTheNextAnswer(how);
        FrozenTrial waiting = storage.enqueueTrial(study, Map.of("units", 8));
        assertTheAnswerWasLost();

        loseTheNextAnswer(how);
        FrozenTrial claimed = storage.claimOrCreateTrial(study);
        assertTheAnswerWasLost();

        assertThat(claimed.id()).isEqualTo(waiting.id());
        assertThat(storage.trials(study, EnumSet.allOf(TrialState.class))).extracting(FrozenTrial::id, FrozenTrial::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(waiting.id(), TrialState.RUNNING));
        assertThat(storage.claimWaitingTrial(study)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = NextCommit.class, names = {"COMMITS_THEN_FAILS", "FAILS_WITHOUT_COMMITTING"})
    void aTrialsStartIsRecordedOnceWithItsParameters(NextCommit how) {
        long study = study();
        long id = storage.createTrial(study).id();
        loseTheNextAnswer(how);
        storage.recordTrialStart(id, 42L, Map.of("sampler", "random"),
                Map.of("units", new ParamValue(IntDistribution.of(1, 64), 16)));
        assertTheAnswerWasLost();

        FrozenTrial trial = storage.trial(id);
        assertThat(trial.record().seed()).isEqualTo(42L);
        assertThat(trial.params()).containsOnlyKeys("units");
        assertThat(trial.systemAttrs()).containsEntry("sampler", "random");
    }

    @ParameterizedTest
    @EnumSource(value = NextCommit.class, names = {"COMMITS_THEN_FAILS", "FAILS_WITHOUT_COMMITTING"})
    void anEpochAndAStudyAttributeAreWrittenOnce(NextCommit how) {
        long study = study();
        long id = storage.createTrial(study).id();
        loseTheNextAnswer(how);
        storage.addEpoch(id, new EpochMetrics(1, 0.9, 0.5, 0.8, 0.6, 1.0));
        assertTheAnswerWasLost();
        loseTheNextAnswer(how);
        storage.setStudyAttr(study, "k", 1);
        assertTheAnswerWasLost();

        assertThat(storage.epochs(id)).extracting(EpochMetrics::epoch).containsExactly(1);
        assertThat(storage.studyAttrs(study)).containsExactly(Map.entry("k", 1));
    }

    @Test
    void aFinishThatWasCommittedBeforeTheAnswerWasLostStands() {
        long study = study();
        long id = storage.createTrial(study).id();
        loseTheNextAnswer(NextCommit.COMMITS_THEN_FAILS);

        FrozenTrial finished = storage.recordTrialEnd(id, TrialState.COMPLETE, 0.25, TrialOutcome.of(TrialState.COMPLETE, null));

        assertTheAnswerWasLost();
        assertThat(finished.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(storage.trial(id).value()).isEqualTo(0.25);
    }

    @Test
    void aFinishWhoseCommitWasLostIsWrittenAgain() {
        long study = study();
        long id = storage.createTrial(study).id();
        loseTheNextAnswer(NextCommit.FAILS_WITHOUT_COMMITTING);

        FrozenTrial finished = storage.recordTrialEnd(id, TrialState.PRUNED, 0.5, TrialOutcome.of(TrialState.PRUNED, "pruned at step 2"));

        assertTheAnswerWasLost();
        assertThat(finished.state()).isEqualTo(TrialState.PRUNED);
        assertThat(storage.trial(id).state()).isEqualTo(TrialState.PRUNED);
        assertThat(storage.trial(id).failReason()).isEqualTo("pruned at step 2");
    }

    private DataSource flaky(String url) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        return new WrappingDataSource(h2) {
            @Override
            Connection wrap(Connection c) {
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("commit")) {
                                NextCommit mode = next.getAndSet(NextCommit.WORKS);
                                if (mode == NextCommit.COMMITS_THEN_FAILS) {
                                    c.commit();
                                }
                                if (mode != NextCommit.WORKS) {
                                    if (mode == NextCommit.FAILS_WITHOUT_COMMITTING) {
                                        c.rollback();
                                    }
                                    throw new SQLException("Connection is broken: session closed", "08006");
                                }
                            }
                            try {
                                return method.invoke(c, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}

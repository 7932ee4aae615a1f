package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A trial's finish whose commit got no answer (the database went away at that moment) is settled
 * by reading the trial back: committed, it stands; lost, it is written again. Never an error, never
 * written twice.
 */
class UnansweredFinishTest {

    /** What the next commit does before it reports a broken connection. */
    enum NextCommit { WORKS, COMMITS_THEN_FAILS, FAILS_WITHOUT_COMMITTING }

    private final AtomicReference<NextCommit> next = new AtomicReference<>(NextCommit.WORKS);
    private final JdbcStorage storage = new JdbcStorage(flaky("jdbc:h2:mem:unanswered-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));

    @Test
    void aFinishThatWasCommittedBeforeTheAnswerWasLostStands() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        next.set(NextCommit.COMMITS_THEN_FAILS);

        FrozenTrial finished = storage.recordTrialEnd(id, TrialState.COMPLETE, 0.25, TrialOutcome.of(TrialState.COMPLETE, null));

        assertThat(next.get()).as("the failing commit happened").isEqualTo(NextCommit.WORKS);
        assertThat(finished.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(storage.trial(id).value()).isEqualTo(0.25);
    }

    @Test
    void aFinishWhoseCommitWasLostIsWrittenAgain() {
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        next.set(NextCommit.FAILS_WITHOUT_COMMITTING);

        FrozenTrial finished = storage.recordTrialEnd(id, TrialState.PRUNED, 0.5, TrialOutcome.of(TrialState.PRUNED, "pruned at step 2"));

        assertThat(next.get()).isEqualTo(NextCommit.WORKS);
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

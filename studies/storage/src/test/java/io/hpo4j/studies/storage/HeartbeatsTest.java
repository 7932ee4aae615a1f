package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link HeartbeatPolicy} in a {@link JdbcStorage}: beats, lost workers, retries, validation. */
class HeartbeatsTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    /** Short beats, long grace: with a mutable clock, only the test decides when a trial is lost. */
    private static final HeartbeatPolicy POLICY = new HeartbeatPolicy(Duration.ofMillis(1), Duration.ofSeconds(60), 0);

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("studies");
    }

    /** A storage of a worker that dies: no beats of its own. */
    private JdbcStorage deadWorker(Clock clock) {
        return JdbcStorage.builder(url()).clock(clock).build();
    }

    @Test
    void aTrialWithoutABeatForLongerThanTheGraceIsFailedAsWorkerLostWithItsEpochsKept() {
        MutableClock clock = new MutableClock(T0);
        try (JdbcStorage dead = deadWorker(clock);
             JdbcStorage live = JdbcStorage.builder(url()).clock(clock).heartbeat(POLICY).build()) {
            long study = dead.createStudy("s", Direction.MINIMIZE).id();
            FrozenTrial lost = dead.createTrial(study);
            dead.addEpoch(lost.id(), new EpochMetrics(1, 0.9, 0.5, 0.8, 0.6, 1.0));
            dead.addEpoch(lost.id(), new EpochMetrics(2, 0.7, 0.6, 0.7, 0.7, 1.0));

            clock.advance(Duration.ofSeconds(59));
            live.createTrial(study);
            assertThat(live.trial(lost.id()).state()).isEqualTo(TrialState.RUNNING);

            clock.advance(Duration.ofSeconds(2));
            live.createTrial(study);
            FrozenTrial failed = live.trial(lost.id());
            assertThat(failed.state()).isEqualTo(TrialState.FAIL);
            assertThat(failed.failReason()).startsWith("worker lost").contains("60 s");
            assertThat(live.epochs(lost.id())).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        }
    }

    @Test
    void aWorkerInTheMiddleOfALongTrialFailsALostOneWithoutStartingAnother() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (JdbcStorage dead = deadWorker(clock);
             JdbcStorage busy = JdbcStorage.builder(url()).clock(clock).heartbeat(POLICY.withRetryFailed(1)).build()) {
            long study = dead.createStudy("s", Direction.MINIMIZE).id();
            FrozenTrial lost = dead.createTrial(study);
            FrozenTrial own = busy.createTrial(study); // a long trial: the busy worker starts no other

            clock.advance(Duration.ofSeconds(61));
            // Its beater (every 1 ms here) beats for its own trial, then sweeps: poll, bounded, for the result.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (busy.trial(lost.id()).state() == TrialState.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            FrozenTrial failed = busy.trial(lost.id());
            assertThat(failed.state()).as("the lost trial, failed by the busy worker's beater").isEqualTo(TrialState.FAIL);
            assertThat(failed.failReason()).startsWith("worker lost");
            assertThat(busy.trial(own.id()).state()).isEqualTo(TrialState.RUNNING);
            assertThat(busy.trials(study, EnumSet.of(TrialState.WAITING))).singleElement()
                    .satisfies(retry -> assertThat(retry.systemAttrs()).containsEntry("retry_of", lost.number()));
        }
    }

    @Test
    void aRunningTrialBeatsOnItsOwnBetweenEpochs() throws Exception {
        HeartbeatPolicy fast = new HeartbeatPolicy(Duration.ofMillis(20), Duration.ofSeconds(60), 0);
        try (JdbcStorage storage = JdbcStorage.builder(url()).heartbeat(fast).build()) {
            long study = storage.createStudy("s", Direction.MINIMIZE).id();
            FrozenTrial trial = storage.createTrial(study);
            Instant first = heartbeatOf(trial.id());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!heartbeatOf(trial.id()).isAfter(first) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heartbeatOf(trial.id())).as("heartbeat after 10 s of 20 ms beats").isAfter(first);

            storage.finishTrial(trial.id(), TrialState.COMPLETE, 1.0, null);
            Instant last = heartbeatOf(trial.id());
            Thread.sleep(100); // five beat intervals: a finished trial must not beat any more
            assertThat(heartbeatOf(trial.id())).isEqualTo(last);
        }
    }

    @Test
    void aLostTrialIsRetriedWithItsParametersAndTheRetryNamesIt() {
        MutableClock clock = new MutableClock(T0);
        try (JdbcStorage dead = deadWorker(clock);
             JdbcStorage live = JdbcStorage.builder(url()).clock(clock).heartbeat(POLICY.withRetryFailed(1)).build()) {
            long study = dead.createStudy("s", Direction.MINIMIZE).id();
            FrozenTrial lost = dead.createTrial(study);
            dead.setTrialParam(lost.id(), "units", IntDistribution.of(8, 64), 32);
            clock.advance(Duration.ofMinutes(2));

            // A live worker starts a trial: it sweeps first. (Its own trial is finished at once: a
            // clock that jumps minutes ahead would make it look lost before its next beat.)
            finish(live, live.createTrial(study));
            // The retry goes to a worker that dies too (no beats), so that it is lost in turn.
            FrozenTrial retry = dead.claimWaitingTrial(study).orElseThrow();
            assertThat(retry.record().enqueuedParams()).isEqualTo(Map.of("units", 32));
            assertThat(retry.systemAttrs()).containsEntry("retry_of", lost.number()).containsEntry("retry_count", 1);

            // With retry_failed 1, the lost retry is failed but not retried again.
            clock.advance(Duration.ofMinutes(2));
            finish(live, live.createTrial(study));
            assertThat(live.trial(retry.id()).state()).isEqualTo(TrialState.FAIL);
            assertThat(live.trial(retry.id()).failReason()).startsWith("worker lost");
            assertThat(live.trials(study, EnumSet.of(TrialState.WAITING))).isEmpty();
        }
    }

    @Test
    void ofTwoWorkersThatSweepOnlyOneRetriesALostTrial() {
        MutableClock clock = new MutableClock(T0);
        HeartbeatPolicy retrying = POLICY.withRetryFailed(3);
        try (JdbcStorage dead = deadWorker(clock);
             JdbcStorage a = JdbcStorage.builder(url()).clock(clock).heartbeat(retrying).build();
             JdbcStorage b = JdbcStorage.builder(url()).clock(clock).heartbeat(retrying).build()) {
            long study = dead.createStudy("s", Direction.MINIMIZE).id();
            dead.createTrial(study);
            clock.advance(Duration.ofMinutes(2));
            a.createTrial(study);
            b.createTrial(study);
            List<FrozenTrial> all = a.trials(study, EnumSet.allOf(TrialState.class));
            assertThat(all).filteredOn(t -> t.systemAttrs().containsKey("retry_of")).hasSize(1);
        }
    }

    @Test
    void aGraceThatIsNotWellAboveTheIntervalIsRejectedWithBothValues() {
        assertThatThrownBy(() -> new HeartbeatPolicy(Duration.ofSeconds(5), Duration.ofSeconds(8), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeat grace must be at least twice the heartbeat interval (5 s), so that a live worker"
                        + " is never taken for a lost one, but got 8 s");
        assertThatThrownBy(() -> HeartbeatPolicy.DEFAULT.withGrace(Duration.ZERO))
                .hasMessage("heartbeat grace must be > 0, but got 0 s");
        assertThatThrownBy(() -> HeartbeatPolicy.DEFAULT.withGrace(Duration.ofSeconds(-1)))
                .hasMessage("heartbeat grace must be > 0, but got -1 s");
        assertThatThrownBy(() -> HeartbeatPolicy.DEFAULT.withGrace(Duration.ofHours(25)))
                .hasMessage("heartbeat grace must be at most 86400 s (a day), but got 90000 s");
        assertThatThrownBy(() -> HeartbeatPolicy.DEFAULT.withRetryFailed(-1))
                .hasMessage("retry_failed must be >= 0, but got -1");
    }

    private static void finish(JdbcStorage storage, FrozenTrial trial) {
        storage.finishTrial(trial.id(), TrialState.COMPLETE, 1.0, null);
    }

    private Instant heartbeatOf(long trialId) throws Exception {
        try (Connection c = DriverManager.getConnection(H2Urls.withDefaults(url()), "sa", "");
             PreparedStatement p = c.prepareStatement("SELECT heartbeat_at FROM trials WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return Sql.getInstant(r, 1);
            }
        }
    }
}
